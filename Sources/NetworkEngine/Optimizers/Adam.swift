#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetworkKernels

/// `torch.optim.Adam` (and, with `decoupled`, `AdamW`): the CPU single-tensor update
/// (`_single_tensor_adam`) in float32, in PyTorch's order. Per element, with the step t:
/// weight decay (`param·(1 − lr·wd)` decoupled, else `grad + wd·param` fused),
/// `m = lerp(m, g, 1 − β1)` (small weight: `fma(w, g − m, m)`), `v = v·β2 + ((1 − β2)·g)·g`
/// (fused), `denom = sqrt(v) / Float(√(1 − β2ᵗ)) + eps` (`sqrt` as the MKL-backed kernel),
/// `param = param + (Float(−lr / (1 − β1ᵗ))·m) / denom` (`addcdiv_`: no fusing). The bias
/// corrections are Python doubles (`pow`). Given PyTorch's square roots, every step is PyTorch's
/// bit for bit (lengths with and without a partial last vector alike).
public class Adam: Optimizer {
    public let parameters: [Tensor]
    public var lr: Double
    public let betas: (Double, Double)
    public let eps: Double
    public let weightDecay: Double
    public let amsgrad: Bool
    let decoupled: Bool
    private var steps: [Double]
    private var averages: [[Float]]
    private var squares: [[Float]]
    private var maxSquares: [[Float]]
    /// A stand-in for `nk_adam_update` (nil: the kernel). `exp_avg_sq.sqrt()` is `torch.sqrt` as
    /// the engine rounds it (`nk_sqrt`); PyTorch's depends on the CPU maker's `rsqrtss`
    /// (docs/pytorch-numerics.md 4), so tests put here a Swift loop with the reference CPU's root.
    var update: AdamUpdate?
    /// The kernels the step runs on (tests pick each variant; the fusing follows it).
    var kernels = KernelVariant.best

    public convenience init(_ parameters: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false) throws {
        try self.init(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                      decoupled: false)
    }

    init(_ parameters: [Tensor], lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double,
         amsgrad: Bool, decoupled: Bool) throws {
        try requireNonNegative(lr, "learning rate")
        try requireNonNegative(eps, "epsilon value")
        guard betas.0 >= 0 && betas.0 < 1 else { throw TensorError("Invalid beta parameter at index 0: \(pythonFloat(betas.0))") }
        guard betas.1 >= 0 && betas.1 < 1 else { throw TensorError("Invalid beta parameter at index 1: \(pythonFloat(betas.1))") }
        try requireNonNegative(weightDecay, "weight_decay value")
        self.parameters = parameters
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.decoupled = decoupled
        steps = Array(repeating: 0, count: parameters.count)
        averages = Array(repeating: [], count: parameters.count)
        squares = Array(repeating: [], count: parameters.count)
        maxSquares = Array(repeating: [], count: parameters.count)
    }

    public func step() throws {
        let fusing = kernels != .baseline
        let (beta1, beta2) = betas
        for (index, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            let count = parameter.count, g = grad.values
            if averages[index].isEmpty && count > 0 {
                averages[index] = [Float](repeating: 0, count: count)
                squares[index] = [Float](repeating: 0, count: count)
                if amsgrad { maxSquares[index] = [Float](repeating: 0, count: count) }
            }
            steps[index] += 1
            let step = steps[index]
            let stepSize = lr / (1 - pow(beta1, step))
            let correction = Float(pow(1 - pow(beta2, step), 0.5))
            let weight = Float(1 - beta1), b2 = Float(beta2), rest = Float(1 - beta2), epsilon = Float(eps)
            let shrink = Float(1 - lr * weightDecay), decay = Float(weightDecay), size = Float(-stepSize)
            var constants = NKAdamStep(weight: weight, beta2: b2, rest: rest, eps: epsilon, correction: correction,
                                       stepSize: size, shrink: shrink, decayRate: decay,
                                       decay: weightDecay == 0 ? NKAdamDecayNone : decoupled ? NKAdamDecayDecoupled : NKAdamDecayCoupled,
                                       amsgrad: amsgrad ? 1 : 0)
            let variant = kernels.variant, update = update
            averages[index].withUnsafeMutableBufferPointer { m in
                squares[index].withUnsafeMutableBufferPointer { v in
                    maxSquares[index].withUnsafeMutableBufferPointer { vMax in
                        updateParameter(parameter) { p in
                            // The multiply-adds are FMA instructions in the kernel (in Swift,
                            // `addingProduct` called `fmaf`).
                            guard let update else {
                                nk_adam_update(variant, fusing ? 1 : 0, p, g, m.baseAddress, v.baseAddress, vMax.baseAddress,
                                               count, &constants)
                                return
                            }
                            update(fusing, p, g, m.baseAddress, v.baseAddress, vMax.baseAddress, count, constants)
                        }
                    }
                }
            }
        }
    }
}

/// One parameter's Adam update in place of `nk_adam_update`'s (its arguments but the variant).
typealias AdamUpdate = (_ fusing: Bool, _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
                        _ m: UnsafeMutablePointer<Float>?, _ v: UnsafeMutablePointer<Float>?,
                        _ vMax: UnsafeMutablePointer<Float>?, _ count: Int, _ step: NKAdamStep) -> Void

/// `torch.optim.AdamW`: Adam with decoupled weight decay (default 0.01).
public final class AdamW: Adam {
    public init(_ parameters: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 0.01, amsgrad: Bool = false) throws {
        try super.init(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                       decoupled: true)
    }
}
