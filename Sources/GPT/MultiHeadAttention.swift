import NetworkEngine

/// Causal multi-head self-attention as the chapter writes it: queries, keys and values from three
/// bias-free (by default) `Linear`s, split into heads with `view` and `transpose`, scores
/// `q·kᵀ / √headDim` with future positions set to -∞, softmax, dropout on the weights, the heads
/// put back side by side and projected by `out_proj`.
public struct MultiHeadAttention: Module {
    // Declaration order is PyTorch's `__init__` order: it fixes the names' order and, in `init`,
    // the order the generator's draws are made in.
    public let W_query: Linear
    public let W_key: Linear
    public let W_value: Linear
    public let out_proj: Linear
    public let dropout: Dropout
    /// `triu(ones(context, context), diagonal: 1)`: 1 above the diagonal (a buffer, not trained).
    public let mask: Tensor
    public let headCount: Int

    public init(inputWidth: Int, outputWidth: Int, contextLength: Int, dropout: Double, headCount: Int,
                qkvBias: Bool = false, generator: Generator = .default) throws {
        guard headCount > 0, outputWidth % headCount == 0 else {
            throw TensorError("d_out must be divisible by num_heads")  // the chapter's assert
        }
        W_query = try Linear(checking: inputWidth, outputWidth, bias: qkvBias, generator: generator)
        W_key = try Linear(checking: inputWidth, outputWidth, bias: qkvBias, generator: generator)
        W_value = try Linear(checking: inputWidth, outputWidth, bias: qkvBias, generator: generator)
        out_proj = try Linear(checking: outputWidth, outputWidth, generator: generator)
        self.dropout = try Dropout(checking: dropout, generator: generator)
        mask = try Tensor.ones(checking: [contextLength, contextLength]).triu(diagonal: 1)
        self.headCount = headCount
    }

    public var headDimension: Int { out_proj.outFeatures / headCount }

    /// `x`: `[batch, tokens, inputWidth]`, at most `contextLength` tokens.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        guard x.shape.count == 3 else {
            throw TensorError("MultiHeadAttention expects [batch, tokens, width], got \(x.shape.count) dimensions")
        }
        let (batch, tokens) = (x.shape[0], x.shape[1])
        guard tokens <= mask.shape[0] else {
            throw TensorError("\(tokens) tokens exceed the context length \(mask.shape[0])")
        }
        let heads = headCount, width = headDimension
        // [batch, tokens, width] -> [batch, heads, tokens, headDimension]
        func split(_ projected: Tensor) throws -> Tensor {
            try projected.view(batch, tokens, heads, width).transpose(1, 2)
        }
        let keys = try split(W_key(x))
        let queries = try split(W_query(x))
        let values = try split(W_value(x))

        let scores = try queries.matmul(keys.transpose(2, 3))
        // The chapter converts the whole buffer to bool and then slices; slicing first is the same mask.
        let future = try mask.get(..<tokens, ..<tokens).to(.bool)
        let masked = try scores.maskedFill(future, -Double.infinity)
        let weights = try dropout(masked.div(Double(width).squareRoot()).softmax(dim: -1))

        let context = try weights.matmul(values).transpose(1, 2)
        return try out_proj(context.contiguous().view(batch, tokens, out_proj.inFeatures))
    }
}
