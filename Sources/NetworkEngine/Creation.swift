import NetworkKernels

// Tensors made from constants or from a generator, drawing numbers in PyTorch's order.

extension Tensor {
    // Each factory comes twice: `zeros(checking:)` throws PyTorch's error for a negative size (for
    // sizes that come from input, as cells' do); `zeros(_:)` treats one as a programming error and
    // traps with the same text, as `Array(repeating:count:)` traps.

    /// `torch.zeros`; a negative size is PyTorch's "zeros: Dimension size must be non-negative.".
    public static func zeros(checking shape: [Int]) throws -> Tensor {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw TensorError("zeros: Dimension size must be non-negative.") }
        return Tensor(validShape: shape, scalars: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    public static func zeros(_ shape: [Int]) -> Tensor { trappingOnError { try zeros(checking: shape) } }

    public static func zeros(_ shape: Int...) -> Tensor { zeros(shape) }

    /// `torch.ones`.
    public static func ones(checking shape: [Int]) throws -> Tensor {
        try checkFactoryShape(shape)
        return Tensor(validShape: shape, scalars: [Float](repeating: 1, count: shape.reduce(1, *)))
    }

    public static func ones(_ shape: [Int]) -> Tensor { trappingOnError { try ones(checking: shape) } }

    public static func ones(_ shape: Int...) -> Tensor { ones(shape) }

    /// `torch.rand`: uniform on [0, 1).
    public static func rand(checking shape: [Int], generator: Generator = .default) throws -> Tensor {
        try uniform(checking: shape, from: 0, to: 1, generator: generator)
    }

    public static func rand(_ shape: [Int], generator: Generator = .default) -> Tensor {
        trappingOnError { try rand(checking: shape, generator: generator) }
    }

    public static func rand(_ shape: Int...) -> Tensor { rand(shape) }

    /// `torch.empty(shape).uniform_(from, to)`: each value `from + u · (to − from)` (fused), u
    /// from 24 random bits, drawn in memory order.
    public static func uniform(checking shape: [Int], from: Double, to: Double,
                               generator: Generator = .default) throws -> Tensor {
        try checkFactoryShape(shape)
        let count = shape.reduce(1, *)
        let low = Float(from), high = Float(to)
        return Tensor(validShape: shape, count: count) { data in
            generator.withLock { generator.fillUniformFloats(data, count: count, from: low, to: high) }
        }
    }

    public static func uniform(_ shape: [Int], from: Double, to: Double, generator: Generator = .default) -> Tensor {
        trappingOnError { try uniform(checking: shape, from: from, to: to, generator: generator) }
    }

    /// `torch.randn`: standard normal samples, `normal(shape, mean: 0, std: 1)` (which throws
    /// for a negative size where this traps).
    public static func randn(_ shape: [Int], generator: Generator = .default) -> Tensor {
        trappingOnError { try normal(shape, generator: generator) }
    }

    /// `torch.empty(shape).normal_(mean, std)` (and `nn.init.normal_`). PyTorch takes two paths:
    /// fewer than 16 values are drawn one by one in double precision (sharing the cached
    /// Box–Muller sample), each `Float(x·std + mean)` with the product fused; 16 or more are
    /// filled with float uniforms and transformed in float32 blocks of 16 (`normalFill`).
    public static func normal(_ shape: [Int], mean: Double = 0, std: Double = 1,
                              generator: Generator = .default) throws -> Tensor {
        try checkFactoryShape(shape)
        guard std >= 0 else {
            let shown = std.rounded() == std ? String(Int(std)) : "\(std)"
            throw TensorError("normal expects std >= 0.0, but found std \(shown)")
        }
        return drawNormal(shape, mean: mean, std: std, generator: generator)
    }

    private static func drawNormal(_ shape: [Int], mean: Double, std: Double, generator: Generator) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(validShape: shape, count: count) { data in
            generator.withLock {
                if count < 16 {
                    for i in 0..<count { data[i] = Float(mean.addingProduct(generator.nextNormalDouble(), std)) }
                } else {
                    normalFill(data, count: count, mean: Float(mean), std: Float(std), generator: generator)
                }
            }
        }
    }

    public static func randn(_ shape: Int...) -> Tensor { randn(shape) }
}

/// PyTorch's `normal_fill` for 16 or more floats: every value gets a float uniform on [0, 1), then
/// each whole block of 16 becomes normal samples times `std` plus `mean` (`nk_normal_fill_blocks`: `normal_fill_16_AVX2`,
/// the kernel PyTorch runs at its AVX2 and AVX512 capabilities). A count that is not a multiple
/// of 16 redoes the tail: the last 16 positions get fresh uniforms and one more block. Call with
/// the generator's lock held.
private func normalFill(_ data: UnsafeMutablePointer<Float>, count: Int, mean: Float, std: Float,
                        generator: Generator) {
    generator.fillUniformFloats(data, count: count)
    nk_normal_fill_blocks(KernelVariant.best.variant, data, count / 16, mean, std)
    if count % 16 != 0 {
        generator.fillUniformFloats(data + count - 16, count: 16)
        nk_normal_fill_blocks(KernelVariant.best.variant, data + count - 16, 1, mean, std)
    }
}

/// The value of a factory whose error is a programming error: a trap with the thrown text.
private func trappingOnError(_ make: () throws -> Tensor) -> Tensor {
    do { return try make() } catch { fatalError("\(error)") }
}
