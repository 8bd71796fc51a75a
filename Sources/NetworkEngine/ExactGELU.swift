// The exact (erf) GELU as PyTorch computes it on x86 CPUs. For a contiguous float tensor of more
// than one element PyTorch hands `gelu` and `gelu_backward` to oneDNN, whose AVX-512 kernels
// use (forward) a piecewise minimax polynomial for erf(x/√2) chosen by the bits of |x|, and
// (backward) the Abramowitz–Stegun erf with oneDNN's own exp polynomial. A single element takes
// PyTorch's own kernel with the C library's erf instead (see `Activations.swift`).

/// Coefficients by degree (0…5), each indexed by the interval (0…24) of |x|: flat, degree-major.
private let minimaxCoefficients: [Float] = ([
    [0xa6f2cb94, 0x32827792, 0x3381cc0c, 0x34523d4a, 0x351ac44d, 0x35f36d88, 0x36ee8229, 0x37b8a3bb,
     0x3867a213, 0x3940033b, 0x3a2a5a1d, 0x3ae35863, 0x3b7828f2, 0x3c08b14b, 0x3c515ed3, 0xbb503236,
     0xbd8d8e5e, 0xbe8abcd9, 0xbf0c19a2, 0xbeccb328, 0x3e176ced, 0x3f470d99, 0x3f7abb28, 0x3f800000, 0],
    [0x3f4c422a, 0x3f4c421f, 0x3f4c4207, 0x3f4c41cb, 0x3f4c413b, 0x3f4c3fad, 0x3f4c3a2f, 0x3f4c2d40,
     0x3f4c146a, 0x3f4bc341, 0x3f4ad08c, 0x3f48f8cf, 0x3f45fac7, 0x3f404e07, 0x3f3b980f, 0x3f48dff3,
     0x3f78b21b, 0x3fbb0704, 0x40019c32, 0x3fe536d6, 0x3f81331e, 0x3e6c8684, 0x3c98f936, 0, 0x3f800000],
    [0xb62173f4, 0x3735e4cf, 0x37f2ff89, 0x388c23be, 0x3917535c, 0x39ab2ab0, 0x3a60fadb, 0x3af9b960,
     0x3b6e5491, 0x3c0a4ec5, 0x3ca5aa8c, 0x3d2138d9, 0x3d8737d4, 0x3ddfb660, 0x3e0f27ab, 0x3d94004b,
     0xbe0efdeb, 0xbf1d96c3, 0xbf89db58, 0xbf6d9897, 0xbef69fb8, 0xbdc4f8a8, 0xbbde6422, 0, 0],
    [0xbe081a19, 0xbe084570, 0xbe08639b, 0xbe089837, 0xbe08f409, 0xbe09ab95, 0xbe0b66d0, 0xbe0e400a,
     0xbe124df8, 0xbe1bde02, 0xbe2f19c9, 0xbe4931bf, 0xbe685fbc, 0xbe89c95f, 0xbe96cbca, 0xbe8044aa,
     0xbe0550f2, 0x3dcfd6a1, 0x3e94c826, 0x3e79345f, 0x3decec91, 0x3ca46568, 0x3aa1e00a, 0, 0],
    [0xba3d61db, 0x39f097a3, 0x3a5845dc, 0x3ab1fa35, 0x3b0cefb8, 0x3b653ab6, 0x3bcae527, 0x3c221712,
     0x3c6c5840, 0x3cc0a703, 0x3d1dcc19, 0x3d63656d, 0x3d955907, 0x3dbf9910, 0x3dd53f69, 0x3db7dcef,
     0x3d639ebe, 0xba6ede48, 0xbd22be69, 0xbd041cf1, 0xbc64f5ab, 0xbb097a32, 0xb8ebf380, 0, 0],
    [0x3cb7d80c, 0x3c9b6050, 0x3c978d11, 0x3c92e850, 0x3c8d058b, 0x3c848454, 0x3c6cd623, 0x3c4c824b,
     0x3c2a7935, 0x3be0b390, 0x3b0651ac, 0xbb232f53, 0xbbd42fa0, 0xbc2c5366, 0xbc492c9e, 0xbc2a7aa6,
     0xbbd55d04, 0xba823a76, 0x3b102aa8, 0x3ae25a7e, 0x3a31f792, 0x38b84375, 0x3689bb5a, 0, 0],
] as [[UInt32]]).flatMap { $0.map(Float.init(bitPattern:)) }
private let intervals = 25

/// Beyond this |x| the polynomial is replaced by erf = 1 (interval 23).
private let minimaxRightBound = Float(bitPattern: 0x40b15cee)

/// `x · ½ · (1 + erf(x/√2))` for every element, erf from the minimax table. In blocks: first
/// each element's six coefficients are looked up (a gather, which baseline x86 cannot vectorise),
/// then the polynomials are evaluated side by side in vector registers.
func geluErfVectorForward(_ input: [Float]) -> [Float] {
    let count = input.count
    return [Float](unsafeUninitializedCapacity: count) { out, initialized in
        input.withUnsafeBufferPointer { x in
            minimaxCoefficients.withUnsafeBufferPointer { table in
                guard let x = x.baseAddress, let out = out.baseAddress, let table = table.baseAddress else { return }
                forEachHalf(count) { range in
                    var start = range.lowerBound
                    while start < range.upperBound {
                        let block = Swift.min(geluBlock, range.upperBound &- start)
                        geluErfVectorForward(x + start, out + start, block, table)
                        start &+= block
                    }
                }
            }
        }
        initialized = count
    }
}

private let geluBlock = 64

@inline(__always)
private func geluErfVectorForward(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ count: Int,
                                  _ table: UnsafePointer<Float>) {
    withUnsafeTemporaryAllocation(of: Float.self, capacity: 6 &* geluBlock) { buffer in
        let c = buffer.baseAddress!
        for e in 0..<count {
            let magnitude = Swift.abs(x[e])
            // The interval comes from the exponent and two mantissa bits of |x| (an integer add and shift).
            var interval = (Int32(bitPattern: magnitude.bitPattern) &+ Int32(bitPattern: 0xc21f_ffff)) >> 21
            interval = Swift.min(Swift.max(interval, 1), 24)
            if minimaxRightBound < magnitude { interval = 23 }
            let i = Int(interval)
            for degree in 0..<6 { c[degree &* geluBlock &+ e] = table[degree &* intervals &+ i] }
        }
        for e in 0..<count {
            let value = x[e]
            let magnitude = Swift.abs(value)
            var erf = c[5 &* geluBlock &+ e]
            erf = fused(erf, magnitude, c[4 &* geluBlock &+ e])
            erf = fused(erf, magnitude, c[3 &* geluBlock &+ e])
            erf = fused(erf, magnitude, c[2 &* geluBlock &+ e])
            erf = fused(erf, magnitude, c[geluBlock &+ e])
            erf = fused(erf, magnitude, c[e])
            if value.sign == .minus { erf = -erf }
            out[e] = value * (erf + 1) * 0.5
        }
    }
}

/// d GELU / dx times the upstream gradient, as oneDNN's backward kernel computes it.
@inline(__always)
func geluErfVectorBackward(_ x: Float, _ upstream: Float) -> Float {
    let r = x * Float(bitPattern: 0x3f3504f3)                   // x / √2
    let q = oneDNNExp(-(r * r))
    let t = r * Float(bitPattern: 0x3f106eba) * q                // r / √π · exp(-r²)
    let w = 1 / fused(Float(bitPattern: 0x3ea7ba05), Swift.abs(r), 1)
    var polynomial = Float(bitPattern: 0x3f87dc22)
    polynomial = fused(polynomial, w, Float(bitPattern: 0xbfba00e3))
    polynomial = fused(polynomial, w, Float(bitPattern: 0x3fb5f0e3))
    polynomial = fused(polynomial, w, Float(bitPattern: 0xbe91a98e))
    polynomial = fused(polynomial, w, Float(bitPattern: 0x3e827906))
    var erf = fused(-q * w, polynomial, 1)
    if r.sign == .minus { erf = -erf }
    return upstream * fused(erf, 0.5, t + 0.5)
}

/// oneDNN's exp: 2ⁿ · p(r) with r = x - n·ln 2 and a degree-5 polynomial, zero below ln(FLT_MIN).
@inline(__always)
private func oneDNNExp(_ value: Float) -> Float {
    let lowest = Float(bitPattern: 0xc2aeac50), highest = Float(bitPattern: 0x42b17218)
    let x = Swift.max(Swift.min(value, highest), lowest)
    // floor(x · log₂e + ½). Adding and removing 1.5 · 2²³ rounds to an integer in float
    // arithmetic alone (no conversions that could trap), which keeps the loop vectorisable.
    let scaled = x * Float(bitPattern: 0x3fb8aa3b) + 0.5
    let nearest = (scaled + 12_582_912) - 12_582_912
    let n = nearest > scaled ? nearest - 1 : nearest
    let r = fused(-n, Float(bitPattern: 0x3f317218), x)
    var p = Float(bitPattern: 0x3c07cfce)
    p = fused(p, r, Float(bitPattern: 0x3d2b9d0d))
    p = fused(p, r, Float(bitPattern: 0x3e2aad40))
    p = fused(p, r, Float(bitPattern: 0x3efffee3))
    p = fused(p, r, Float(bitPattern: 0x3f7ffffb))
    p = fused(p, r, 1)
    // 2^(n-1) · 2, so that n = 128 stays representable. The integer n is read from the bits of
    // n + 1.5 · 2²³, whose low mantissa bits hold it.
    let integer = Int32(bitPattern: (n + 12_582_912).bitPattern) &- 0x4B40_0000
    let halfPower = value < lowest ? 0 : Float(bitPattern: UInt32(bitPattern: (integer &+ 126) &<< 23))
    return p * halfPower * 2
}
