import NetworkKernels
import Testing
@testable import NetworkEngine

/// The MKL-order kernels (`nk_linear`, `nk_matmul`) against a plain Swift statement of the order
/// (docs/pytorch-numerics.md §3, scripts/numerics/mm_model.py) in every variant the CPU runs, for
/// sizes around the tiles and paths, and for column ranges (a thread's share) and two threads.
struct MKLOrderKernelTests {
    static func kBlocks(_ k: Int) -> [Range<Int>] {
        if k <= 192 { return [0..<k] }
        if k <= 384 {
            let even = k - k % 2
            return [0..<(even / 2), (even / 2)..<even] + (k % 2 == 1 ? [even..<k] : [])
        }
        return stride(from: 0, to: k, by: 192).map { $0..<Swift.min($0 + 192, k) }
    }

    /// C starts at `start`; each block is a fused chain from 0, added onto C.
    static func gemm(_ start: Float, _ k: Int, _ product: (Int) -> (Float, Float)) -> Float {
        var c = start
        for block in kBlocks(k) {
            var t: Float = 0
            for p in block {
                let (x, w) = product(p)
                t.addProduct(x, w)
            }
            c = c + t
        }
        return c
    }

    /// Lanes summed from `peel` on, `lanes` at a time over chunks of `chunk` products, folded
    /// (l + l+4 first for 8 lanes), then (0+2)+(1+3), then the products left over.
    static func laneDot(_ k: Int, peel: Int, lanes count: Int, chunk: Int, _ p: (Int) -> Float) -> Float {
        var head: Float = 0
        for i in 0..<peel { head = head + p(i) }
        let chunks = (k - peel) / chunk
        if chunks == 0 {
            for i in peel..<k { head = head + p(i) }
            return head
        }
        var lanes = [Float](repeating: 0, count: count)
        lanes[0] = head
        for i in peel..<(peel + chunks * chunk) { lanes[(i - peel) % count] = lanes[(i - peel) % count] + p(i) }
        if count == 8 { for l in 0..<4 { lanes[l] = lanes[l] + lanes[l + 4] } }
        var sum = (lanes[0] + lanes[2]) + (lanes[1] + lanes[3])
        for i in (peel + chunks * chunk)..<k { sum = sum + p(i) }
        return sum
    }

    static func gemv(_ k: Int, column j: Int, of n: Int, _ p: (Int) -> Float) -> Float {
        if j < n - n % 4 { return laneDot(k, peel: (k - 1) % 4 + 1, lanes: 4, chunk: 4, p) }
        return laneDot(k, peel: Swift.min(k, 4), lanes: j % 2 == 0 ? 8 : 4, chunk: 8, p)
    }

    /// `F.linear`'s order: x (m×k), w (n×k), optional bias.
    static func linear(_ x: [Float], _ w: [Float], _ bias: [Float]?, m: Int, k: Int, n: Int) -> [Float] {
        var out = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                let product: (Int) -> Float = { x[i * k + $0] * w[j * k + $0] }
                let h: Float
                if k == 0 {
                    out[i * n + j] = bias?[j] ?? 0
                    continue
                } else if m >= 4 && n >= 12 {
                    out[i * n + j] = gemm(bias?[j] ?? 0, k) { (x[i * k + $0], w[j * k + $0]) }
                    continue
                } else if m == 1 {
                    h = gemv(k, column: j, of: n, product)
                } else if n == 1 {
                    h = gemv(k, column: i, of: m, product)
                } else {
                    let peel = Swift.min(k, (4 - (i * k) % 4) % 4)
                    h = j < n - n % 4 ? laneDot(k, peel: peel, lanes: 4, chunk: 4, product)
                        : laneDot(k, peel: peel, lanes: 8, chunk: 8, product)
                }
                out[i * n + j] = bias.map { $0[j] + h } ?? h
            }
        }
        return out
    }

    /// `mm`'s order with a row-major right operand: GEMM blocks, or products added from 0 in order.
    static func matmul(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
        var out = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                if m >= 4 && n >= 12 && k > 0 {
                    out[i * n + j] = gemm(0, k) { (a[i * k + $0], b[$0 * n + j]) }
                } else {
                    var sum: Float = 0
                    for p in 0..<k { sum = sum + a[i * k + p] * b[p * n + j] }
                    out[i * n + j] = sum
                }
            }
        }
        return out
    }

    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (1, 7, 5), (1, 33, 12), (2, 5, 3), (3, 64, 4), (3, 9, 13), (4, 12, 12), (4, 0, 12), (5, 3, 1),
        (7, 76, 51), (8, 200, 40), (9, 385, 33), (17, 20, 70), (6, 17, 6), (12, 30, 1), (16, 400, 17), (20, 5, 100),
    ]

    @Test(arguments: KernelVariant.supported)
    func linearKernelFollowsTheOrder(_ kernel: KernelVariant) {
        for (m, k, n) in Self.shapes {
            let x = KernelVariantTests.values(m * k, seed: UInt64(m * 7 + k)), w = KernelVariantTests.values(n * k, seed: UInt64(n + 3))
            for bias in [nil, KernelVariantTests.values(n, seed: 5)] {
                let expected = Self.linear(x, w, bias, m: m, k: k, n: n)
                // Whole, and as two column ranges (the shares of two threads).
                for split in [n, n / 2] {
                    var got = [Float](repeating: .nan, count: m * n)
                    x.withUnsafeBufferPointer { x in
                        w.withUnsafeBufferPointer { w in
                            (bias ?? []).withUnsafeBufferPointer { b in
                                got.withUnsafeMutableBufferPointer { c in
                                    for (j0, j1) in [(0, split), (split, n)] {
                                        nk_linear(kernel.variant, x.baseAddress, k, 0, w.baseAddress, k,
                                                  bias == nil ? nil : b.baseAddress, c.baseAddress, n, m, k, n, j0, j1)
                                    }
                                }
                            }
                        }
                    }
                    #expect(KernelVariantTests.mismatches(got, expected) == 0, "\(kernel) \(m)×\(k)×\(n) split at \(split)")
                }
            }
        }
    }

    @Test(arguments: KernelVariant.supported)
    func matmulKernelFollowsTheOrder(_ kernel: KernelVariant) {
        for (m, k, n) in Self.shapes + [(5, 70, 64), (4, 4, 64), (8, 768, 96)] {
            let a = KernelVariantTests.values(m * k, seed: UInt64(m + k)), b = KernelVariantTests.values(k * n, seed: UInt64(n * 5))
            let expected = Self.matmul(a, b, m: m, k: k, n: n)
            for split in [n, n / 2] {
                var got = [Float](repeating: .nan, count: m * n)
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        got.withUnsafeMutableBufferPointer { c in
                            for (j0, j1) in [(0, split), (split, n)] {
                                nk_matmul(kernel.variant, a.baseAddress, k, 1, b.baseAddress, n, c.baseAddress, n, m, k, n, j0, j1)
                            }
                        }
                    }
                }
                #expect(KernelVariantTests.mismatches(got, expected) == 0, "\(kernel) \(m)×\(k)×\(n) split at \(split)")
            }
        }
    }

    /// A product large enough to split its columns over two threads gives the one-thread bits.
    @Test func twoThreadsGiveTheOneThreadBits() throws {
        let m = 32, k = 256, n = 200
        let a = KernelVariantTests.values(m * k, seed: 1), b = KernelVariantTests.values(k * n, seed: 2)
        let threads = getNumThreads()
        defer { try? setNumThreads(threads) }
        try setNumThreads(2)
        let split = matrixProduct(a, b, m: m, k: k, n: n)
        let splitLinear = try Tensor(shape: [m, k], scalars: a).linear(weight: try Tensor(shape: [n, k], scalars: b), bias: nil)
        try setNumThreads(1)
        let single = matrixProduct(a, b, m: m, k: k, n: n)
        let singleLinear = try Tensor(shape: [m, k], scalars: a).linear(weight: try Tensor(shape: [n, k], scalars: b), bias: nil)
        let expected = Self.matmul(a, b, m: m, k: k, n: n)
        #expect(KernelVariantTests.mismatches(split, expected) == 0)
        #expect(KernelVariantTests.mismatches(single, expected) == 0)
        #expect(KernelVariantTests.mismatches(splitLinear.scalars, Self.linear(a, b, nil, m: m, k: k, n: n)) == 0)
        #expect(KernelVariantTests.mismatches(splitLinear.scalars, singleLinear.scalars) == 0)
        #expect(getNumThreads() == 1)
        #expect(throws: TensorError("set_num_threads expects a positive number of threads; got 0")) { try setNumThreads(0) }
    }
}
