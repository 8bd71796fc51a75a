import Testing
@testable import NetworkEngine

/// Every matrix-product kernel the CPU runs gives exactly the bits of the plain loop that defines
/// the engine's order: each element starts from +0 and adds its products, each rounded, in
/// increasing k. Values span many binades, so any other order or a fused multiply-add shows.
struct KernelVariantTests {
    /// Awkward sizes around the tile sizes (4 × 8, 6 × 16, 8 × 32) and the small-product cut-off.
    static let sizes = [0, 1, 3, 7, 8, 9, 15, 16, 17, 33]
    static let columnCounts = [0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 48, 65]

    /// Reproducible values: random signs and mantissas, exponents from 2⁻¹² to 2¹².
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let bits = UInt32(truncatingIfNeeded: state >> 32)
            let exponent = UInt32(127 - 12) + (bits >> 23) % 25
            return Float(bitPattern: (bits & 0x8000_0000) | (exponent << 23) | (bits & 0x7f_ffff))
        }
    }

    /// The defining loop.
    static func reference(_ a: MatrixView, _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k { sum = sum + a[i, p] * b[p * n + j] }
                c[i * n + j] = sum
            }
        }
        return c
    }

    /// The product of `kernel` into a buffer that starts full of NaNs, so unwritten elements show.
    static func product(_ kernel: KernelVariant, _ a: MatrixView, _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
        var c = [Float](repeating: .nan, count: m * n)
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                guard let cBase = c.baseAddress else { return }
                let bBase = b.baseAddress ?? UnsafePointer(cBase)
                kernel.multiply(a, bBase, ldb: n, into: cBase, ldc: n, m: m, k: k, n: n)
            }
        }
        return c
    }

    static func mismatches(_ got: [Float], _ expected: [Float]) -> Int {
        zip(got, expected).filter { $0.bitPattern != $1.bitPattern }.count
    }

    @Test(arguments: KernelVariant.supported)
    func contiguousProductsMatchTheLoop(_ kernel: KernelVariant) {
        for m in Self.sizes {
            for k in Self.sizes {
                for n in Self.columnCounts {
                    let a = Self.values(m * k, seed: UInt64(m * 10_000 + k * 100 + n))
                    let b = Self.values(k * n, seed: UInt64(n * 10_000 + k * 100 + m + 7))
                    a.withUnsafeBufferPointer { aBuffer in
                        let view = MatrixView(base: aBuffer.baseAddress ?? UnsafePointer(bitPattern: 4)!, rowStride: k, columnStride: 1)
                        let got = Self.product(kernel, view, b, m: m, k: k, n: n)
                        let expected = Self.reference(view, b, m: m, k: k, n: n)
                        #expect(Self.mismatches(got, expected) == 0, "\(kernel) kernel, m \(m), k \(k), n \(n)")
                    }
                }
            }
        }
    }

    /// `a` read through strides: transposed (as for dW = dyᵀ·x) and with padded rows.
    @Test(arguments: KernelVariant.supported)
    func stridedProductsMatchTheLoop(_ kernel: KernelVariant) {
        for (m, k, n) in [(33, 17, 65), (9, 40, 33), (64, 32, 96), (17, 3, 48), (70, 9, 31)] {
            let storage = Self.values((m + 3) * (k + 3), seed: UInt64(m * k))
            let b = Self.values(k * n, seed: UInt64(n))
            storage.withUnsafeBufferPointer { storage in
                let views = [
                    MatrixView(base: storage.baseAddress!, rowStride: 1, columnStride: m),
                    MatrixView(base: storage.baseAddress! + 2, rowStride: k + 3, columnStride: 1),
                ]
                for view in views {
                    let got = Self.product(kernel, view, b, m: m, k: k, n: n)
                    let expected = Self.reference(view, b, m: m, k: k, n: n)
                    #expect(Self.mismatches(got, expected) == 0,
                            "\(kernel) kernel, m \(m), k \(k), n \(n), strides \(view.rowStride), \(view.columnStride)")
                }
            }
        }
    }

    /// The first product is added to +0, so a row of negative-zero products sums to +0.
    @Test(arguments: KernelVariant.supported)
    func sumsStartFromPositiveZero(_ kernel: KernelVariant) {
        let m = 9, k = 5, n = 40
        let a = [Float](repeating: -1, count: m * k)
        let b = [Float](repeating: 0, count: k * n)
        a.withUnsafeBufferPointer { a in
            let got = Self.product(kernel, MatrixView(base: a.baseAddress!, rowStride: k, columnStride: 1), b, m: m, k: k, n: n)
            #expect(got.allSatisfy { $0.bitPattern == 0 }, "\(kernel) kernel")
        }
    }

    /// 1 + 2²⁵ - 2²⁵ in order loses the 1 (absorbed); any other order of the three keeps it.
    @Test(arguments: KernelVariant.supported)
    func productsAreAddedInOrder(_ kernel: KernelVariant) {
        let m = 16, k = 3, n = 64
        let a = [Float](repeating: 1, count: m * k)
        let b = (0..<(k * n)).map { [Float(1), 0x1p25, -0x1p25][$0 / n] }
        a.withUnsafeBufferPointer { a in
            let got = Self.product(kernel, MatrixView(base: a.baseAddress!, rowStride: k, columnStride: 1), b, m: m, k: k, n: n)
            #expect(got.allSatisfy { $0 == 0 }, "\(kernel) kernel")
        }
    }

    @Test func dispatchPicksTheWidestSupportedKernel() throws {
        #expect(KernelVariant.baseline.isSupported)
        let widest = try #require(KernelVariant.supported.last)
        #expect(KernelVariant.chosen(requested: nil) == (widest, nil))
        #expect(KernelVariant.chosen(requested: "baseline") == (.baseline, nil))
        #expect(KernelVariant.chosen(requested: "sse9") == (widest, "LECTERN_CPU_CAPABILITY=sse9 is not one of baseline, avx2, avx512; using \(widest)"))
        for variant in KernelVariant.allCases where !variant.isSupported {
            #expect(KernelVariant.chosen(requested: variant.environmentName).0 == widest)
        }
        #expect(kernelVariant == KernelVariant.best.description)
    }
}

/// The exact GELU's kernels (oneDNN's formulas) give the same bits in every variant, over floats
/// spread across every binade of both signs, infinities and NaN included. (Their bits against
/// PyTorch's are checked by the reference tests, which run the widest variant.)
struct ExactGELUKernelTests {
    /// Every 65 537th bit pattern: 65 536 floats with all exponents, signs and many mantissas.
    static let inputs: [Float] = (0..<65_536).map { Float(bitPattern: UInt32(truncatingIfNeeded: $0 &* 65_537)) }
        + [0, -0, 1, -1, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
    static let upstream: [Float] = inputs.indices.map { Float($0 % 97) / 8 - 6 }

    @Test(arguments: KernelVariant.supported)
    func forwardBitsAgreeAcrossVariants(_ kernel: KernelVariant) {
        let got = geluErfVectorForward(Self.inputs, kernel: kernel)
        let baseline = geluErfVectorForward(Self.inputs, kernel: .baseline)
        #expect(KernelVariantTests.mismatches(got, baseline) == 0, "\(kernel) kernel")
        // GELU(1) = 0.8413447, GELU(-1) = -0.15865526 (erf(1/√2) = 0.6826895).
        let ones = geluErfVectorForward([1, -1], kernel: kernel)
        #expect(abs(ones[0] - 0.8413447) < 1e-6 && abs(ones[1] + 0.15865526) < 1e-6, "\(kernel) kernel: \(ones)")
    }

    @Test(arguments: KernelVariant.supported)
    func backwardBitsAgreeAcrossVariants(_ kernel: KernelVariant) {
        let got = geluErfVectorBackward(Self.inputs, Self.upstream, kernel: kernel)
        let baseline = geluErfVectorBackward(Self.inputs, Self.upstream, kernel: .baseline)
        #expect(KernelVariantTests.mismatches(got, baseline) == 0, "\(kernel) kernel")
        // GELU′(0) = ½, GELU′(1) = Φ(1) + φ(1) = 1.0833155.
        let slopes = geluErfVectorBackward([0, 1], [1, 1], kernel: kernel)
        #expect(abs(slopes[0] - 0.5) < 1e-6 && abs(slopes[1] - 1.0833155) < 1e-5, "\(kernel) kernel: \(slopes)")
    }
}

/// Bias gradients sum columns eight at a time in vector lanes; each column must get the bits
/// of its own scalar sum in PyTorch's order (leveled in blocks of 32 columns, interleaved in
/// blocks of 8 and for the columns left over; below 8 columns, leveled in fours; one column is a
/// contiguous run).
struct ColumnSumTests {
    @Test(arguments: [1, 3, 15, 16, 17, 31, 32, 33, 64, 65, 200])
    func vectorLanesMatchColumnByColumn(_ rows: Int) {
        // One column is `contiguousSum` itself (nothing to compare here); it is checked against
        // PyTorch's width-1 sums in ResidualsReferenceTests.
        for columns in [5, 8, 15, 16, 17, 31, 48, 63, 64, 65, 80, 129, 256] {
            let x = KernelVariantTests.values(rows * columns, seed: UInt64(rows * 1000 + columns))
            let got = x.withUnsafeBufferPointer { columnSums($0.baseAddress!, rows: rows, columns: columns) }
            let leveledColumns = columns >= 8 ? columns / 32 * 32 : columns / 4 * 4
            let expected: [Float] = (0..<columns).map { j in
                let column: (Int) -> Float = { x[$0 * columns + j] }
                return j < leveledColumns ? leveledSum(rows, column) : interleavedSum(rows, column)
            }
            #expect(KernelVariantTests.mismatches(got, expected) == 0, "\(rows) rows, \(columns) columns")
        }
    }
}

/// A batch-1 `Linear` backward skips the general kernel (`rowTimesMatrix`, `outerProduct`); it
/// must give the general kernel's bits, signed zeros included.
@Suite struct SingleRowBackwardTests {
    @Test(arguments: [(1, 1), (3, 3), (3, 1), (10, 7), (17, 33)])
    func singleRowProductsMatchTheGeneralKernel(_ outFeatures: Int, _ inFeatures: Int) {
        var dy = KernelVariantTests.values(outFeatures, seed: UInt64(outFeatures * 31 + inFeatures))
        dy[0] = -0.0
        var x = KernelVariantTests.values(inFeatures, seed: UInt64(inFeatures * 17 + 5))
        x[inFeatures - 1] = -0.0
        let weight = KernelVariantTests.values(outFeatures * inFeatures, seed: 99)
        // dx = dy · W and dW = dyᵀ · x.
        let dx = dy.withUnsafeBufferPointer { dy in
            weight.withUnsafeBufferPointer { w in
                scalarArray(inFeatures, writing: { rowTimesMatrix(dy.baseAddress!, w.baseAddress!, k: outFeatures, n: inFeatures, into: $0) })
            }
        }
        let dW = dy.withUnsafeBufferPointer { dy in
            x.withUnsafeBufferPointer { x in
                scalarArray(outFeatures * inFeatures, writing: { outerProduct(dy.baseAddress!, x.baseAddress!, m: outFeatures, n: inFeatures, into: $0) })
            }
        }
        let generalDx = matrixProduct(dy, weight, m: 1, k: outFeatures, n: inFeatures)
        let generalDW = transposedProduct(dy, x, m: outFeatures, k: 1, n: inFeatures)
        #expect(KernelVariantTests.mismatches(dx, generalDx) == 0 && dx.count == generalDx.count)
        #expect(KernelVariantTests.mismatches(dW, generalDW) == 0 && dW.count == generalDW.count)
        #expect(dW.allSatisfy { $0 != 0 || $0.sign == .plus }, "products added to +0 are never -0")
    }
}
