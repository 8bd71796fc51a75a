#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Tensors made from constants or from a generator, drawing numbers in PyTorch's order.

extension Tensor {
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(validShape: shape, scalars: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    public static func zeros(_ shape: Int...) -> Tensor { zeros(shape) }

    public static func ones(_ shape: [Int]) -> Tensor {
        Tensor(validShape: shape, scalars: [Float](repeating: 1, count: shape.reduce(1, *)))
    }

    public static func ones(_ shape: Int...) -> Tensor { ones(shape) }

    /// `torch.rand`: uniform on [0, 1).
    public static func rand(_ shape: [Int], generator: Generator = .default) -> Tensor {
        uniform(shape, from: 0, to: 1, generator: generator)
    }

    public static func rand(_ shape: Int...) -> Tensor { rand(shape) }

    /// `torch.empty(shape).uniform_(from, to)`.
    public static func uniform(_ shape: [Int], from: Double, to: Double, generator: Generator = .default) -> Tensor {
        let count = shape.reduce(1, *)
        let low = Float(from), high = Float(to)
        let values = generator.withLock {
            (0..<count).map { _ in generator.nextUniformFloat(from: low, to: high) }
        }
        return Tensor(validShape: shape, scalars: values)
    }

    /// `torch.randn`: standard normal samples. PyTorch takes two paths: fewer than 16 values are
    /// drawn one by one in double precision (sharing the cached Box–Muller sample); 16 or more
    /// are filled with float uniforms and transformed in float32 blocks of 16.
    public static func randn(_ shape: [Int], generator: Generator = .default) -> Tensor {
        let count = shape.reduce(1, *)
        let values: [Float] = generator.withLock {
            if count < 16 {
                return (0..<count).map { _ in Float(generator.nextNormalDouble()) }
            }
            var data = (0..<count).map { _ in generator.nextUniformFloat(from: 0, to: 1) }
            for start in stride(from: 0, through: count - 16, by: 16) {
                boxMullerBlock(&data, at: start)
            }
            if count % 16 != 0 {
                // The tail is redone: the last 16 positions get fresh uniforms and one more block.
                for i in (count - 16)..<count { data[i] = generator.nextUniformFloat(from: 0, to: 1) }
                boxMullerBlock(&data, at: count - 16)
            }
            return data
        }
        return Tensor(validShape: shape, scalars: values)
    }

    public static func randn(_ shape: Int...) -> Tensor { randn(shape) }
}

/// PyTorch's `normal_fill_16_AVX2`: pairs (j, j + 8) of a block of 16 uniforms become normals
/// through Box–Muller in float32, with the Cephes-style `log` and `sincos` polynomials PyTorch's
/// AVX2 kernel uses (avx_mathfun), evaluated with fused multiply-adds as its compiled code does.
private func boxMullerBlock(_ data: inout [Float], at start: Int) {
    let twoPi = Float(2.0 * Double.pi)
    for j in 0..<8 {
        let u1 = 1 - data[start + j]
        let u2 = data[start + j + 8]
        let radius = (-2 * cephesLog(u1)).squareRoot()
        let (sine, cosine) = cephesSineCosine(twoPi * u2)
        data[start + j] = radius * cosine
        data[start + j + 8] = radius * sine
    }
}

@inline(__always)
private func fused(_ a: Float, _ b: Float, _ c: Float) -> Float {
    c.addingProduct(a, b)
}

/// Natural logarithm: split off the exponent, then a degree-8 polynomial around 1.
private func cephesLog(_ value: Float) -> Float {
    var x = Swift.max(value, .leastNormalMagnitude)
    var exponent = Float(Int32(bitPattern: x.bitPattern >> 23) - 0x7F) + 1
    x = Float(bitPattern: (x.bitPattern & ~0x7F80_0000) | Float(0.5).bitPattern)  // mantissa in [0.5, 1)
    let belowRootHalf = x < 0.707106781186547524
    let shift: Float = belowRootHalf ? x : 0
    x = x - 1
    if belowRootHalf { exponent = exponent - 1 }
    x = x + shift
    let square = x * x
    var y: Float = 7.0376836292e-2
    for coefficient: Float in [-1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
                               -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1] {
        y = fused(y, x, coefficient)
    }
    y = y * x * square
    y = fused(exponent, -2.12194440e-4, y)
    y = fused(square, -0.5, y)
    x = x + y
    return fused(exponent, 0.693359375, x)
}

/// Sine and cosine: reduce by multiples of π/4 (in three parts), then the Cephes polynomials.
private func cephesSineCosine(_ value: Float) -> (sine: Float, cosine: Float) {
    var x = Swift.abs(value)
    var octant = Int32(x * 1.27323954473516)  // 4/π, truncated
    octant = (octant + 1) & ~1
    let y = Float(octant)
    x = fused(y, -0.78515625, x)
    x = fused(y, -2.4187564849853515625e-4, x)
    x = fused(y, -3.77489497744594108e-8, x)
    let sineNegative = (value.sign == .minus) != ((octant & 4) != 0)
    let cosineNegative = (~(octant - 2) & 4) != 0
    let usePolynomialAsIs = (octant & 2) == 0
    let z = x * x
    var cosine: Float = 2.443315711809948e-5
    cosine = fused(cosine, z, -1.388731625493765e-3)
    cosine = fused(cosine, z, 4.166664568298827e-2)
    cosine = cosine * z * z
    cosine = fused(z, -0.5, cosine) + 1
    var sine: Float = -1.9515295891e-4
    sine = fused(sine, z, 8.3321608736e-3)
    sine = fused(sine, z, -1.6666654611e-1)
    sine = fused(sine * z, x, x)
    var s = usePolynomialAsIs ? sine : cosine
    var c = usePolynomialAsIs ? cosine : sine
    if sineNegative { s = -s }
    if cosineNegative { c = -c }
    return (s, c)
}
