// PyTorch's LayerNorm CPU kernel (layer_norm_kernel.cpp with moments_utils.h `RowwiseMoments`),
// as pinned in docs/pytorch-numerics.md §1c: 8-lane Welford over chunks of 16 vectors merged in
// a binary cascade, a scalar Welford tail, then the 8 lanes folded in order. The AVX2 and AVX-512
// builds contract products into fused multiply-adds; the DEFAULT build does not (`fusing`).

typealias Lanes = SIMD8<Float>

/// `a * b + c`, fused (one rounding) when `fusing`, as PyTorch's AVX2 build computes it.
@inline(__always)
func multiplyAdd(_ a: Lanes, _ b: Lanes, _ c: Lanes, fusing: Bool) -> Lanes {
    fusing ? c.addingProduct(a, b) : c + a * b
}

@inline(__always)
func multiplyAdd(_ a: Float, _ b: Float, _ c: Float, fusing: Bool) -> Float {
    fusing ? c.addingProduct(a, b) : c + a * b
}

/// The mean and (biased) variance of `x[0..<count]`, rounded as PyTorch's `RowwiseMoments`.
func rowwiseMoments(_ x: UnsafePointer<Float>, count: Int, fusing: Bool) -> (mean: Float, variance: Float) {
    let vectors = count / 8
    let chunks = (vectors + 15) / 16
    let depth = chunks <= 2 ? 1 : Int.bitWidth - (chunks - 1).leadingZeroBitCount
    var counts = [Int](repeating: 0, count: depth)
    var means = [Lanes](repeating: .zero, count: depth)
    var squares = [Lanes](repeating: .zero, count: depth)
    // AddMomentsVec: merges (addCount, a1, a2) into level k.
    func add(_ addCount: Int, _ a1: Lanes, _ a2: Lanes, into k: Int) {
        let total = counts[k] + addCount
        let c = Lanes(repeating: total == 0 ? 0 : Float(addCount) / Float(total))
        let delta = a1 - means[k]
        let sum = squares[k] + a2
        let cd = c * delta
        let md = delta * Float(counts[k])
        means[k] = means[k] + cd
        squares[k] = multiplyAdd(md, cd, sum, fusing: fusing)
        counts[k] = total
    }
    for chunk in 0..<chunks {
        let inChunk = Swift.min(16, vectors - 16 * chunk)
        var a1 = Lanes.zero, a2 = Lanes.zero
        for j in 0..<inChunk {
            let xv = Lanes(UnsafeBufferPointer(start: x + (16 * chunk + j) * 8, count: 8))
            let delta = xv - a1
            a1 = multiplyAdd(Lanes(repeating: Float(1) / Float(j + 1)), delta, a1, fusing: fusing)
            a2 = multiplyAdd(delta, xv - a1, a2, fusing: fusing)
        }
        add(inChunk, a1, a2, into: 0)
        var mask = chunk + 1, level = 1
        while level < depth && mask & 1 == 0 {
            add(counts[level - 1], means[level - 1], squares[level - 1], into: level)
            counts[level - 1] = 0
            means[level - 1] = .zero
            squares[level - 1] = .zero
            mask >>= 1
            level += 1
        }
    }
    for level in 1..<Swift.max(depth, 1) { add(counts[level], means[level], squares[level], into: 0) }
    // The scalar tail (no fused operations at any capability), then the lanes folded in.
    var seen = 0
    var mean: Float = 0, square: Float = 0
    for k in (8 * vectors)..<count {
        let delta = x[k] - mean
        seen += 1
        mean = mean + delta / Float(seen)
        square = square + delta * (x[k] - mean)
    }
    let laneMeans = means.isEmpty ? .zero : means[0], laneSquares = squares.isEmpty ? .zero : squares[0]
    for lane in 0..<8 {
        let total = seen + vectors
        let c: Float = total == 0 ? 0 : Float(vectors) / Float(total)
        let delta = laneMeans[lane] - mean
        mean = multiplyAdd(c, delta, mean, fusing: fusing)
        square = square + multiplyAdd((delta * delta) * c, Float(seen), laneSquares[lane], fusing: fusing)
        seen = total
    }
    return (mean, square / Float(count))
}

/// `1 / sqrt(max(variance, 0) + eps)` in float32, as `LayerNormKernelImplInternal`.
@inline(__always)
func reciprocalStandardDeviation(_ variance: Float, eps: Float) -> Float {
    Float(1) / (Swift.max(variance, 0) + eps).squareRoot()
}

/// `vec::map*_reduce_all` with 8 lanes over the products `p·q` of `factors(j)`: the first vector,
/// then each further vector added lane-wise, a partial last vector added into its first lanes;
/// the lanes are folded by AVX2 shuffles, ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)). Fewer than 8
/// products are added in order. GCC fuses the partial last vector's `acc + p·q` into one FMA
/// (`fusing`, AVX2 and AVX-512 builds), not the whole vectors' (docs/pytorch-numerics.md 1c).
func laneReduce(_ count: Int, fusing: Bool, _ factors: (Int) -> (Float, Float)) -> Float {
    func product(_ j: Int) -> Float { let (p, q) = factors(j); return p * q }
    if count < 8 {
        var sum = product(0)
        for i in 1..<Swift.max(count, 1) { sum += product(i) }
        return count == 0 ? 0 : sum
    }
    // Eight products at a time, filled lane by lane (no array per vector).
    func products(from start: Int) -> Lanes {
        var v = Lanes()
        for lane in 0..<8 { v[lane] = product(start + lane) }
        return v
    }
    var acc = products(from: 0)
    var d = 8
    while d + 8 <= count {
        acc += products(from: d)
        d += 8
    }
    for lane in 0..<(count - d) {
        let (p, q) = factors(d + lane)
        acc[lane] = multiplyAdd(p, q, acc[lane], fusing: fusing)
    }
    let t = acc.lowHalf + acc.highHalf
    return (t[0] + t[2]) + (t[1] + t[3])
}
