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

/// PyTorch's `normal_fill_16` in float32: pairs (j, j + 8) of a block of 16 uniforms.
private func boxMullerBlock(_ data: inout [Float], at start: Int) {
    let twoPi = Float(2.0 * Double.pi)
    for j in 0..<8 {
        let u1 = 1 - data[start + j]
        let u2 = data[start + j + 8]
        let radius = sqrtf(-2 * logf(u1))
        let theta = twoPi * u2
        data[start + j] = radius * cosf(theta)
        data[start + j + 8] = radius * sinf(theta)
    }
}
