import NetworkEngine

/// The chapter's layer normalization, written from tensor operations (not `nn.LayerNorm`):
/// each row is centred by its mean and divided by √(biased variance + eps), then scaled and shifted
/// by two trained vectors, `scale` (ones) and `shift` (zeros).
public struct LayerNorm: Module {
    public let scale: Tensor
    public let shift: Tensor
    public let eps: Double

    /// Traps on a negative size; `init(checking:)` throws instead.
    public init(_ embeddingDimension: Int, eps: Double = 1e-5) {
        do { try self.init(checking: embeddingDimension, eps: eps) } catch { fatalError("\(error)") }
    }

    /// A negative size is `torch.ones`' error ("Trying to create tensor with negative dimension").
    public init(checking embeddingDimension: Int, eps: Double = 1e-5) throws {
        scale = Self.parameter(try Tensor.ones(checking: [embeddingDimension]))
        shift = Self.parameter(try Tensor.zeros(checking: [embeddingDimension]))
        self.eps = eps
    }

    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        let mean = try x.mean(dim: -1, keepDim: true)
        let variance = try x.var(dim: -1, unbiased: false, keepDim: true)
        let normalized = try x.sub(mean).div(variance.add(eps).sqrt())
        return try scale.mul(normalized).add(shift)
    }

    /// `nn.Parameter(t)`: a fresh float32 leaf that requires a gradient.
    static func parameter(_ tensor: Tensor) -> Tensor {
        tensor.requiresGrad = true
        return tensor
    }
}
