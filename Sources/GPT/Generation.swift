import NetworkEngine

/// The chapter's greedy decoding: `maxNewTokens` times, run the model on the last `contextSize`
/// ids (without recording gradients), take the last position's logits, softmax, and append the
/// id of the largest probability. Returns `idx` with the new ids appended, `[batch, n + maxNewTokens]`.
public func generateTextSimple(model: GPTModel, idx: Tensor, maxNewTokens: Int, contextSize: Int) throws -> Tensor {
    guard maxNewTokens >= 0 else { throw TensorError("maxNewTokens must not be negative, got \(maxNewTokens)") }
    guard contextSize > 0 else { throw TensorError("contextSize must be positive, got \(contextSize)") }
    guard idx.shape.count == 2 else {
        throw TensorError("generateTextSimple expects ids of shape [batch, tokens], got \(idx.shape.count) dimensions")
    }
    var idx = idx
    for _ in 0..<maxNewTokens {
        let context = try idx.get([.all, .slice(start: -contextSize, end: nil, step: 1)])
        let logits = try noGrad { try model(context) }
        let last = try logits.get([.all, .index(-1), .all])
        let probabilities = try last.softmax(dim: -1)
        let next = try probabilities.argmax(dim: -1, keepDim: true)
        idx = try Tensor.cat([idx, next], dim: 1)
    }
    return idx
}
