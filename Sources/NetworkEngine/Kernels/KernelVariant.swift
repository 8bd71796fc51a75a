import NetworkKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The instruction sets NetworkKernels' kernels (matrix product, exact GELU) are compiled for, as
/// PyTorch's CPU capabilities: the widest one the CPU runs is picked once. Every NetworkKernels
/// variant does the same float operations in the same order, so there the choice changes the
/// speed, never a bit; where PyTorch's own kernels round differently by capability, the engine
/// follows it (softmax's vector width `floatLanes`, LayerNorm's fused multiply-adds at baseline).
enum KernelVariant: CaseIterable, CustomStringConvertible, Sendable {
    /// SSE2 (every x86-64 CPU), or NEON on ARM: matrix products in 4 × 8 tiles.
    case baseline
    /// AVX2: 6 × 16 tiles.
    case avx2
    /// AVX-512F: 8 × 32 tiles.
    case avx512

    /// The kernels in use: the widest this CPU runs, unless the environment variable
    /// `LECTERN_CPU_CAPABILITY` names a narrower one (`baseline`, `avx2`, `avx512`), as PyTorch's
    /// `ATEN_CPU_CAPABILITY` does, to compare variants on one machine.
    static let best: KernelVariant = {
        let requested = getenv("LECTERN_CPU_CAPABILITY").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        let (variant, problem) = chosen(requested: requested)
        if let problem {
            let line = Array("warning: \(problem)\n".utf8)
            _ = line.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
        }
        return variant
    }()

    /// The variant for a requested name (nil: none requested), and why the request was not
    /// followed, if it was not.
    static func chosen(requested: String?) -> (KernelVariant, problem: String?) {
        let widest: KernelVariant = switch nk_best_variant() {
        case NKVariantAVX512: .avx512
        case NKVariantAVX2: .avx2
        default: .baseline
        }
        guard let requested else { return (widest, nil) }
        guard let variant = allCases.first(where: { $0.environmentName == requested }) else {
            let names = allCases.map(\.environmentName).joined(separator: ", ")
            return (widest, "LECTERN_CPU_CAPABILITY=\(requested) is not one of \(names); using \(widest)")
        }
        guard variant.isSupported else {
            return (widest, "LECTERN_CPU_CAPABILITY=\(requested): this CPU cannot run it; using \(widest)")
        }
        return (variant, nil)
    }

    /// The name `LECTERN_CPU_CAPABILITY` gives this variant.
    var environmentName: String {
        switch self {
        case .baseline: "baseline"
        case .avx2: "avx2"
        case .avx512: "avx512"
        }
    }

    /// The kernels this CPU runs, narrowest first.
    static var supported: [KernelVariant] { allCases.filter(\.isSupported) }

    var isSupported: Bool { nk_variant_supported(variant) != 0 }

    var description: String {
        switch self {
        case .baseline: "baseline"
        case .avx2: "AVX2"
        case .avx512: "AVX-512"
        }
    }

    /// Output columns per register tile: column splits at multiples of it keep tiles whole.
    var tileColumns: Int { nk_tile_columns(variant) }

    var variant: NKVariant {
        switch self {
        case .baseline: NKVariantBaseline
        case .avx2: NKVariantAVX2
        case .avx512: NKVariantAVX512
        }
    }

    /// `c[i·ldc + j] = Σₚ a[i, p] · b[p·ldb + j]` for `i < m`, `j < n`, summed in increasing p.
    /// The kernel must be supported by this CPU.
    func multiply(_ a: MatrixView, _ b: UnsafePointer<Float>, ldb: Int, into c: UnsafeMutablePointer<Float>, ldc: Int,
                  m: Int, k: Int, n: Int) {
        nk_multiply(variant, a.base, a.rowStride, a.columnStride, b, ldb, c, ldc, m, k, n)
    }
}

/// The kernel variant this CPU runs ("baseline", "AVX2" or "AVX-512"), for benchmark reports.
public var kernelVariant: String { KernelVariant.best.description }
