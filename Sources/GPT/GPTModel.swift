import NetworkEngine

/// The chapter's GPT model: token and position embeddings, dropout, `layerCount` transformer
/// blocks, a final LayerNorm and a bias-free output head giving one logit per vocabulary entry.
/// Built after `manualSeed(123)` its weights are PyTorch's: every layer draws from the generator
/// in the order PyTorch's `__init__`s do, and `namedParameters()` gives PyTorch's names.
public struct GPTModel: Module {
    public let tok_emb: Embedding
    public let pos_emb: Embedding
    public let drop_emb: Dropout
    /// PyTorch's `nn.Sequential` of blocks; an array of modules is named by index the same way.
    public let trf_blocks: [TransformerBlock]
    public let final_norm: LayerNorm
    public let out_head: Linear
    public let configuration: GPTConfiguration

    /// `generator` gives the initial weights and, in training mode, the dropout masks.
    public init(_ configuration: GPTConfiguration = .gpt124M, generator: Generator = .default) throws {
        try configuration.validate()
        self.configuration = configuration
        tok_emb = try Embedding(checking: configuration.vocabularySize, configuration.embeddingDimension, generator: generator)
        pos_emb = try Embedding(checking: configuration.contextLength, configuration.embeddingDimension, generator: generator)
        drop_emb = try Dropout(checking: configuration.dropRate, generator: generator)
        trf_blocks = try (0..<configuration.layerCount).map { _ in try TransformerBlock(configuration, generator: generator) }
        final_norm = try LayerNorm(checking: configuration.embeddingDimension)
        out_head = try Linear(checking: configuration.embeddingDimension, configuration.vocabularySize, bias: false, generator: generator)
    }

    /// `ids`: int64 `[batch, tokens]`; returns the logits, `[batch, tokens, vocabularySize]`.
    public func callAsFunction(_ ids: Tensor) throws -> Tensor {
        guard ids.shape.count == 2 else {
            throw TensorError("GPTModel expects token ids of shape [batch, tokens], got \(ids.shape.count) dimensions")
        }
        let tokens = ids.shape[1]
        guard tokens <= configuration.contextLength else {
            throw TensorError("\(tokens) tokens exceed the context length \(configuration.contextLength)")
        }
        let positions = try pos_emb(Tensor.arange(tokens))
        var x = try drop_emb(tok_emb(ids).add(positions))
        for block in trf_blocks { x = try block(x) }
        return try out_head(final_norm(x))
    }
}
