import NetworkEngine

/// A pre-norm transformer block: `x + drop(att(norm1(x)))`, then `x + drop(ff(norm2(x)))`.
public struct TransformerBlock: Module {
    public let att: MultiHeadAttention
    public let ff: FeedForward
    public let norm1: LayerNorm
    public let norm2: LayerNorm
    public let drop_shortcut: Dropout

    public init(_ configuration: GPTConfiguration, generator: Generator = .default) throws {
        att = try MultiHeadAttention(
            inputWidth: configuration.embeddingDimension, outputWidth: configuration.embeddingDimension,
            contextLength: configuration.contextLength, dropout: configuration.dropRate,
            headCount: configuration.headCount, qkvBias: configuration.qkvBias, generator: generator)
        ff = FeedForward(configuration, generator: generator)
        norm1 = try LayerNorm(checking: configuration.embeddingDimension)
        norm2 = try LayerNorm(checking: configuration.embeddingDimension)
        drop_shortcut = try Dropout(checking: configuration.dropRate, generator: generator)
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        let attended = try drop_shortcut(att(norm1(input)))
        let x = try attended.add(input)
        let fed = try drop_shortcut(ff(norm2(x)))
        return try fed.add(x)
    }
}
