#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Cross-entropy and negative log-likelihood, as `torch.nn.functional` builds them:
// `cross_entropy(x, target)` is `nll_loss(log_softmax(x, 1), target)` for class indices (int64
// of the batch shape, classes in dimension 1, or dimension 0 of a single sample) and
// `-(log_softmax(x, 1) * target).sum(…)` for class probabilities (float of the input's shape).

/// How a loss reduces its per-element values (PyTorch's `reduction=`).
public enum LossReduction: String, Sendable {
    case none, mean, sum
}

/// `F.cross_entropy(logits, target, ignore_index=, reduction=)`: class indices (int64) or class
/// probabilities (float32 of the logits' shape).
public func crossEntropy(_ logits: Tensor, _ target: Tensor, ignoreIndex: Int = -100,
                         reduction: LossReduction = .mean) throws -> Tensor {
    try crossEntropy(logits, target, ignoreIndex: ignoreIndex, reduction: reduction, lanes: KernelVariant.best.floatLanes)
}

/// The same with log_softmax's vector width given (`softmaxFamily`), so tests check the AVX2 and
/// AVX-512 kernels against PyTorch's on any CPU.
func crossEntropy(_ logits: Tensor, _ target: Tensor, ignoreIndex: Int, reduction: LossReduction,
                  lanes: Int) throws -> Tensor {
    let classDim = logits.shape.count == 1 ? 0 : 1
    guard !logits.shape.isEmpty else {
        throw TensorError("Dimension out of range (expected to be in range of [-1, 0], but got 1)")
    }
    let logProbabilities = try logits.softmaxFamily(dim: classDim, logarithm: true, lanes: lanes)
    if target.dtype == .float32 && target.shape == logits.shape {
        let products = try logProbabilities.mul(target)
        switch reduction {
        case .mean:
            // `-(input * target).sum() / (numel / classes)`, the count an integer scalar.
            let samples = logits.count / Swift.max(logits.shape[classDim], 1)
            let s = Float(samples)
            return products.sum().neg().map(DivByCountBackward(count: s)) { $0 / s }
        case .sum:
            return products.sum().neg()
        case .none:
            return try products.sum(dim: classDim).neg()
        }
    }
    return try nllLoss(logProbabilities, target, ignoreIndex: ignoreIndex, reduction: reduction)
}

/// `F.nll_loss(logProbabilities, target, ignore_index=, reduction=)`: minus the entry of each
/// sample's target class; the mean divides by the number of samples not ignored.
public func nllLoss(_ input: Tensor, _ target: Tensor, ignoreIndex: Int = -100,
                    reduction: LossReduction = .mean) throws -> Tensor {
    let layout = try NllLayout(input, target)
    let x = input.values, targets = target.integers
    var perSample = [Float](repeating: 0, count: layout.samples)
    // nll_loss_out_frame's cascade: 8 levels of partial sums, moved up at multiples of 16^j.
    var partials = [Float](repeating: 0, count: 8)
    let levelPower = Swift.max(4, ceilLog2(layout.samples) / 8)
    let levelMask = (1 << levelPower) - 1
    var ignored = 0
    for b in 0..<layout.samples {
        let t = Int(targets[b])
        if t == ignoreIndex { ignored += 1; continue }
        guard t >= 0 && t < layout.classes else { throw TensorError("Target \(t) is out of bounds.") }
        let value = x[layout.offset(sample: b, classIndex: t)]
        perSample[b] = -value
        partials[0] -= value
        for j in 0..<7 {
            if b & (levelMask << (j * levelPower)) != 0 { break }
            partials[j + 1] += partials[j]
            partials[j] = 0
        }
    }
    // nll_loss_nd runs an (N, C, d) or 5-plus-dimensional input as nll_loss2d of a 4-D view, so
    // an unreduced loss is that kernel's result viewed back to the target's shape (ViewBackward0
    // over NllLoss2DBackward0); a 4-D input needs no view.
    let rank = input.shape.count
    let viewedBack = reduction == .none && (rank == 3 || rank >= 5)
    let out: Tensor
    switch reduction {
    case .none:
        // nll_loss2d's own result is (N, 1, d…): the target viewed as (N, 1, -1).
        let shape = !viewedBack ? target.shape : [target.shape[0], 1, target.shape.dropFirst().reduce(1, *)]
        out = Tensor(validShape: shape, scalars: perSample)
    case .mean, .sum:
        var total: Float = 0
        for partial in partials { total += partial }
        if reduction == .mean { total /= Float(layout.samples - ignored) }
        out = Tensor(validShape: [], count: 1) { $0[0] = total }
    }
    if input.requiresGrad {
        let rule = NllLossBackward(ignoreIndex: ignoreIndex, reduction: reduction, counted: layout.samples - ignored)
        if input.shape.count > 2 { out.record(input, target, as: NllLoss2DBackward(rule)) } else { out.record(input, target, as: rule) }
    }
    return viewedBack ? try out.view(target.shape) : out
}

/// Where sample `b`'s class scores are: classes in dimension 1 (or 0 for one sample), the rest
/// of the dimensions after them flattened into `map` positions per batch entry.
private struct NllLayout {
    let samples: Int, classes: Int, map: Int

    init(_ input: Tensor, _ target: Tensor) throws {
        guard target.dtype == .int64 else {
            if target.dtype == .float32 && input.shape.count == 2 && target.shape.count == 2 {
                throw TensorError("0D or 1D target tensor expected, multi-target not supported")
            }
            throw TensorError("expected target dtype to be Long or Byte, but got \(target.dtype.scalarTypeName)")
        }
        let shape = input.shape
        if shape.count == 1 {
            guard target.shape.isEmpty else {
                throw TensorError("0D or 1D target tensor expected, multi-target not supported")
            }
            (samples, classes, map) = (1, shape[0], 1)
            return
        }
        guard target.shape.count == shape.count - 1 else {
            throw TensorError("0D or 1D target tensor expected, multi-target not supported")
        }
        guard target.shape[0] == shape[0] else {
            throw TensorError("Expected input batch_size (\(shape[0])) to match target batch_size (\(target.shape[0])).")
        }
        guard Array(target.shape.dropFirst()) == Array(shape.dropFirst(2)) else {
            throw TensorError("Expected target size \([shape[0]] + shape.dropFirst(2)), got \(target.shape)")
        }
        classes = shape[1]
        map = shape.dropFirst(2).reduce(1, *)
        samples = shape[0] * map
    }

    init(shape: [Int]) {
        classes = shape.count == 1 ? shape[0] : shape[1]
        map = shape.count > 2 ? shape.dropFirst(2).reduce(1, *) : 1
        samples = shape.count == 1 ? 1 : shape[0] * map
    }

    func offset(sample: Int, classIndex: Int) -> Int {
        (sample / map * classes + classIndex) * map + sample % map
    }
}

/// `nll_loss_backward`: `-(grad / counted)` (mean) or `-grad` at each sample's target class.
struct NllLossBackward: BackwardRule {
    static let name = "NllLossBackward0"
    static let saved = SavedTensors.secondInput
    let ignoreIndex: Int
    let reduction: LossReduction
    let counted: Int

    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { input, target in
            let layout = NllLayout(shape: input.shape)
            let targets = target.integers
            let share = -(reduction == .mean ? g[0] / Float(counted) : g[0])
            input.accumulate(writing: { out in
                for i in 0..<input.count { out[i] = 0 }
                for b in 0..<layout.samples where targets[b] != Int64(ignoreIndex) {
                    out[layout.offset(sample: b, classIndex: Int(targets[b]))] = reduction == .none ? -g[b] : share
                }
            })
        }
    }
}

/// The same rule for inputs with dimensions after the classes (`nll_loss2d`).
struct NllLoss2DBackward: BackwardRule {
    static let name = "NllLoss2DBackward0"
    static let saved = SavedTensors.secondInput
    let rule: NllLossBackward
    init(_ rule: NllLossBackward) { self.rule = rule }
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) { rule.backward(g, of: result) }
}

/// A division by a count (an integer scalar: PyTorch's `DivBackward1`).
struct DivByCountBackward: ElementwiseRule {
    static let name = "DivBackward1"
    let count: Float
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { g / count }
}
