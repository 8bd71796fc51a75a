#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// What ATen's vectorised float kernels (`Vectorized<float>`: 16 lanes with AVX-512, 8 with AVX2)
// compute where the order or the function differs from a plain loop: SLEEF's `expf`
// (`Sleef_expf16_u10`, `Sleef_expf8_u10`: the same per-element result) and `vec::reduce_all`'s
// lane order. Softmax and log-softmax follow them bit for bit (docs/pytorch-numerics.md, section 4).

extension KernelVariant {
    /// Lanes of ATen's `Vectorized<float>` in the kernels registered for every capability
    /// (softmax): 16 with AVX-512, else 8 (AVX2; PyTorch's DEFAULT build is 32 bytes wide too).
    var floatLanes: Int { self == .avx512 ? 16 : 8 }
}

/// SLEEF's `xexpf` (u10), which `Vectorized<float>::exp()` calls: a reduction by ln 2 in two
/// fused steps, a degree-5 polynomial in Horner form with fused multiply-adds, and a scale by
/// 2^q done in two halves. Below -104 it is 0 (so a masked -inf gives an exact zero), above 100
/// infinity.
@inline(__always)
func sleefExp(_ d: Float) -> Float {
    if d.isNaN { return d }
    if d < -104 { return 0 }
    if d > 100 { return .infinity }
    let q = Int32((d * Float(1.442695040888963407359924681001892137426645954152985934135449406931)).rounded(.toNearestOrEven))
    let qf = Float(q)
    var s = d.addingProduct(qf, -0.693145751953125)
    s = s.addingProduct(qf, -1.428606765330187045e-06)
    var u: Float = 0.000198527617612853646278381
    u = Float(0.00139304355252534151077271).addingProduct(u, s)
    u = Float(0.00833336077630519866943359).addingProduct(u, s)
    u = Float(0.0416664853692054748535156).addingProduct(u, s)
    u = Float(0.166666671633720397949219).addingProduct(u, s)
    u = Float(0.5).addingProduct(u, s)
    u = 1 + s.addingProduct(s * s, u)
    let half = q >> 1
    u = u * Float(sign: .plus, exponent: Int(half), significand: 1)
    return u * Float(sign: .plus, exponent: Int(q - half), significand: 1)
}

/// The C library's `expf`: what ATen's scalar tails call (`std::exp` of a float).
@inline(__always)
func scalarExp(_ x: Float) -> Float {
    expf(x)
}

/// SLEEF's `xlogf_u1` (`Sleef_logf16_u10`, `Vectorized<float>::log()` at AVX-512): d = m·2^e
/// with m in [0.75, 1.5) (getexp/getmant), x = (m - 1)/(m + 1) as a double-float, then
/// e·ln 2 + 2x + x³·P(x²) summed in double-float arithmetic with fused multiply-adds.
func sleefLog(_ d: Float) -> Float {
    if d.isNaN || d < 0 { return .nan }
    if d == 0 { return -.infinity }
    if d == .infinity { return .infinity }
    let e = Float((d * (Float(1) / Float(0.75))).exponent)
    let m = Float(sign: .plus, exponent: -Int(e), significand: d)
    // s = (ln 2 as a float pair) · e
    var sx = Float(0.69314718246459960938) * e
    var sy = (-sx).addingProduct(Float(0.69314718246459960938), e)
    sy = sy.addingProduct(Float(-1.904654323148236017e-09), e)
    // x = (m - 1) / (m + 1), each side an exact pair
    let (ax, ay) = twoSum(-1, m), (bx, by) = twoSum(1, m)
    let t = 1 / bx
    let qx = ax * t
    let u = (-qx).addingProduct(t, ax)
    let v = (Float(1).addingProduct(-bx, t)).addingProduct(-by, t)
    let qy = u.addingProduct(ay, t).addingProduct(qx, v)
    let x2 = qx * qx
    var p = Float(0.3027294874)
    p = Float(0.3996108174).addingProduct(p, x2)
    p = Float(0.6666694880).addingProduct(p, x2)
    // s += 2x (pair + pair), then s += x³·p (pair + float)
    let (yx, yy) = (qx * 2, qy * 2)
    var sum = sx + yx
    sy = (((sx - sum) + yx) + sy) + yy
    sx = sum
    let w = (x2 * qx) * p
    sum = sx + w
    sy = ((sx - sum) + w) + sy
    sx = sum
    return sx + sy
}

/// `x + y` as a float and its rounding error (SLEEF's `dfadd2_vf2_vf_vf`).
@inline(__always)
private func twoSum(_ x: Float, _ y: Float) -> (Float, Float) {
    let s = x + y, v = s - x
    return (s, (x - (s - v)) + (y - v))
}


/// `vec::reduce_all` over `count` (at least 1) values with vectors of `lanes` (8 or 16): fewer
/// than `lanes` are combined in order; else the first `lanes` values start the lanes, each
/// further vector is combined lane-wise, a partial last vector only into its lanes, and the
/// lanes fold in halves (lane i with i+8 for 16 lanes, then i+4, i+2, i+1). `partial(lane, i)`,
/// when given, combines the partial last vector's element i into its lane instead (a kernel
/// whose compiled form fuses there).
@inline(__always)
func laneReduce(_ count: Int, lanes: Int, _ element: (Int) -> Float, _ combine: (Float, Float) -> Float,
                partial: ((Float, Int) -> Float)? = nil) -> Float {
    if count < lanes {
        var acc = element(0)
        for i in 1..<Swift.max(count, 1) { acc = combine(acc, element(i)) }
        return acc
    }
    var vector = SIMD16<Float>()
    for l in 0..<lanes { vector[l] = element(l) }
    var d = lanes
    let whole = count - count % lanes
    while d < whole {
        for l in 0..<lanes { vector[l] = combine(vector[l], element(d + l)) }
        d += lanes
    }
    for l in 0..<(count - d) { vector[l] = partial?(vector[l], d + l) ?? combine(vector[l], element(d + l)) }
    var width = lanes / 2
    while width >= 1 {
        var folded = vector
        for l in 0..<lanes { folded[l] = combine(vector[l], vector[l ^ width]) }
        vector = folded
        width /= 2
    }
    return vector[0]
}

/// `vec::maximum`: NaN when either is NaN.
@inline(__always)
func vectorMaximum(_ a: Float, _ b: Float) -> Float {
    a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
}
