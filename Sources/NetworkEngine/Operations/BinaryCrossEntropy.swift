#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Binary cross-entropy of probabilities and of logits (`F.binary_cross_entropy`,
// `F.binary_cross_entropy_with_logits`): the per-element loss of ATen's kernels, then
// `apply_loss_reduction` (the cascade mean or sum).

/// `F.binary_cross_entropy(input, target, reduction=)`: `-(t·log(x) + (1 - t)·log(1 - x))`, each
/// logarithm clamped at -100 as PyTorch clamps it (so x = 0 or 1 gives 100, not infinity). The
/// kernel is scalar, so its `log` and `log1p` are the C library's float ones, as here.
public func binaryCrossEntropy(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
    guard input.shape == target.shape else {
        throw TensorError("Using a target size (\(torchSize(target.shape))) that is different to the input size (\(torchSize(input.shape))) is deprecated. Please ensure they have the same size.")
    }
    let x = input.values, t = target.values
    for i in 0..<input.count {
        guard x[i] >= 0 && x[i] <= 1 else { throw TensorError("all elements of input should be between 0 and 1") }
        guard t[i] >= 0 && t[i] <= 1 else { throw TensorError("all elements of target should be between 0 and 1") }
    }
    let losses = Tensor(validShape: input.shape, count: input.count) { out in
        for i in 0..<input.count {
            let logOneMinus = Swift.max(log1pf(-x[i]), -100)
            let logX = Swift.max(logf(x[i]), -100)
            out[i] = (t[i] - 1) * logOneMinus - t[i] * logX
        }
    }
    let out = reduced(losses, reduction)
    if Tensor.anyRequiresGrad(input, target) {
        out.record(input, target, as: BinaryCrossEntropyBackward(reduction: reduction))
    }
    return out
}

/// `F.binary_cross_entropy_with_logits(input, target, reduction=)`:
/// `(1 - t)·x - log_sigmoid(x)`, with `log_sigmoid(x) = min(x, 0) - log1p(exp(-|x|))`.
public func binaryCrossEntropyWithLogits(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
    guard input.shape == target.shape else {
        throw TensorError("Target size (\(torchSize(target.shape))) must be the same as input size (\(torchSize(input.shape)))")
    }
    let x = input.values, t = target.values
    let losses = Tensor(validShape: input.shape, count: input.count) { out in
        for i in 0..<input.count {
            let logSigmoid = Swift.min(x[i], 0) - Float(log1p(Double(sleefExp(-Swift.abs(x[i])))))
            out[i] = (1 - t[i]) * x[i] - logSigmoid
        }
    }
    let out = reduced(losses, reduction)
    if Tensor.anyRequiresGrad(input, target) {
        out.record(input, target, as: BinaryCrossEntropyWithLogitsBackward(reduction: reduction))
    }
    return out
}

/// `apply_loss_reduction`: the per-element losses, their cascade mean, or their sum (the
/// losses need no gradient: the loss's own rule covers them).
private func reduced(_ losses: Tensor, _ reduction: LossReduction) -> Tensor {
    switch reduction {
    case .none: return losses
    case .mean: return losses.mean()
    case .sum: return losses.sum()
    }
}

/// Adds `derivative(i, upstream)` to `tensor`'s gradient, the upstream being the scalar gradient
/// of a reduced loss or element `i`'s own; the mean's is then divided by the count (`div_`).
private func accumulateLossGradient(_ tensor: Tensor, _ g: UnsafePointer<Float>, _ reduction: LossReduction,
                                    _ derivative: (Int, Float) -> Float) {
    let n = Float(tensor.count)
    tensor.accumulate { i in
        let value = derivative(i, reduction == .none ? g[i] : g[0])
        return reduction == .mean ? value / n : value
    }
}

/// `binary_cross_entropy_backward`: `grad · (x - t) / max((1 - x)·x, 1e-12)`, then `/ numel` for
/// the mean; the target's (`binary_cross_entropy_target_backward`): `-logit(x) · grad`, then
/// `/ numel`.
struct BinaryCrossEntropyBackward: BackwardRule {
    static let name = "BinaryCrossEntropyBackward0"
    static let saved = SavedTensors.bothInputs
    let reduction: LossReduction
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { input, target in
            let x = input.values, t = target.values
            accumulateLossGradient(input, g, reduction) { i, g in g * (x[i] - t[i]) / Swift.max((1 - x[i]) * x[i], Float(1e-12)) }
            // logit(1) is infinite; elsewhere log(x / (1 - x)), ATen's vectorised logit (SLEEF's log).
            accumulateLossGradient(target, g, reduction) { i, g in -(x[i] == 1 ? .infinity : sleefLog(x[i] / (1 - x[i]))) * g }
        }
    }
}

/// `binary_cross_entropy_with_logits_backward`: `(sigmoid(x) - t) · grad`, then `/ numel` for
/// the mean; the target's: `-x · grad` (then `/ numel`).
struct BinaryCrossEntropyWithLogitsBackward: BackwardRule {
    static let name = "BinaryCrossEntropyWithLogitsBackward0"
    static let saved = SavedTensors.bothInputs
    let reduction: LossReduction
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) { logitsLossGradients(g, of: result, reduction) }
}

private func logitsLossGradients(_ g: UnsafePointer<Float>, of result: Tensor, _ reduction: LossReduction) {
    result.withInputs { logits, target in
        let x = logits.values, t = target.values
        accumulateLossGradient(logits, g, reduction) { i, g in (1 / (1 + sleefExp(-x[i])) - t[i]) * g }
        accumulateLossGradient(target, g, reduction) { i, g in -x[i] * g }
    }
}
