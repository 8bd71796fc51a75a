import NetworkKernels
import Testing
@testable import NetworkEngine

/// Adam's and SGD's C kernels (NetworkKernels/Optimizers.c) against the Swift loops they replace,
/// at every kernel variant this CPU runs: the same bits, fused at AVX2/AVX-512, unfused at
/// baseline (and the two differ on these values, so the fusing is really checked).
@Suite struct OptimizerKernelTests {
    /// 20 steps of one parameter of 1,003 values (a partial last vector at every width).
    static func steps(_ update: (Tensor, Int) throws -> Void) throws -> [Float] {
        let w = try Tensor(shape: [1003], scalars: (0..<1003).map { Float(($0 * 37) % 101) / 13 - 3.7 })
        w.requiresGrad = true
        for step in 0..<20 {
            w.zeroGrad()
            try (w * w * w * Tensor(Double(step % 3) + 0.37)).sum().backward()
            try update(w, step)
        }
        return w.scalars
    }

    static let adamSettings: [(weightDecay: Double, decoupled: Bool, amsgrad: Bool)] = [
        (0, false, false), (0.1, false, true), (0.05, true, false), (0.2, true, true),
    ]

    @Test(arguments: 0..<4)
    func adamKernelIsTheSwiftLoopAtEveryVariant(setting: Int) throws {
        let (decay, decoupled, amsgrad) = Self.adamSettings[setting]
        func run(_ variant: KernelVariant, _ root: ((Float) -> Float)?) throws -> [Float] {
            var adam: Adam?
            return try Self.steps { w, _ in
                if adam == nil {
                    adam = decoupled ? try AdamW([w], lr: 0.01, weightDecay: decay, amsgrad: amsgrad)
                        : try Adam([w], lr: 0.01, weightDecay: decay, amsgrad: amsgrad)
                    adam?.kernels = variant
                    adam?.squareRoot = root
                }
                try adam?.step()
            }
        }
        var results: [KernelVariant: [Float]] = [:]
        for variant in KernelVariant.supported {
            let kernel = try run(variant, nil)
            #expect(bitMismatches(kernel, try run(variant) { nk_sqrt($0) }) == 0, "\(variant)")
            results[variant] = kernel
        }
        if let fused = results[.avx2] ?? results[.avx512], let plain = results[.baseline] {
            #expect(bitMismatches(fused, plain) > 0, "fused and unfused steps must differ here")
        }
    }

    /// The Swift SGD step the kernel replaced, for comparison.
    static func swiftSGD(_ p: inout [Float], _ g: [Float], _ buffer: inout [Float]?, fusing: Bool,
                         lr: Double, momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool) {
        let decay = Float(weightDecay), m = Float(momentum), keep = Float(1 - dampening), rate = Float(-lr)
        let first = buffer == nil
        if momentum != 0 && first { buffer = [Float](repeating: 0, count: p.count) }
        for i in p.indices {
            var d = weightDecay != 0 ? multiplyAdd(p[i], decay, g[i], fusing: fusing) : g[i]
            if momentum != 0 {
                let b = first ? d : multiplyAdd(d, keep, buffer![i] * m, fusing: fusing)
                buffer![i] = b
                d = nesterov ? multiplyAdd(b, m, d, fusing: fusing) : b
            }
            p[i] = multiplyAdd(d, rate, p[i], fusing: fusing)
        }
    }

    static let sgdSettings: [(momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool)] = [
        (0, 0, 0, false), (0, 0, 0.1, false), (0.9, 0.1, 0.01, false), (0.8, 0, 0.05, true),
    ]

    @Test(arguments: 0..<4)
    func sgdKernelIsTheSwiftLoopAtEveryVariant(setting: Int) throws {
        let (momentum, dampening, decay, nesterov) = Self.sgdSettings[setting]
        var results: [KernelVariant: [Float]] = [:]
        for variant in KernelVariant.supported {
            var sgd: SGD?
            var expected: [Float] = [], buffer: [Float]?
            let kernel = try Self.steps { w, _ in
                if sgd == nil {
                    sgd = try SGD([w], lr: 0.003, momentum: momentum, dampening: dampening, weightDecay: decay, nesterov: nesterov)
                    sgd?.kernels = variant
                    expected = w.scalars
                }
                Self.swiftSGD(&expected, try #require(w.grad).scalars, &buffer, fusing: variant != .baseline,
                              lr: 0.003, momentum: momentum, dampening: dampening, weightDecay: decay, nesterov: nesterov)
                try sgd?.step()
            }
            #expect(bitMismatches(kernel, expected) == 0, "\(variant)")
            results[variant] = kernel
        }
        if let fused = results[.avx2] ?? results[.avx512], let plain = results[.baseline] {
            #expect(bitMismatches(fused, plain) > 0, "fused and unfused steps must differ here")
        }
    }
}
