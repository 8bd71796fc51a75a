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
    /// `exp_avg_sq.sqrt()` is `torch.sqrt` as the engine rounds it (`nk_sqrt`), called directly.
    /// PyTorch's depends on the CPU maker's `rsqrtss` (docs/pytorch-numerics.md 4); tests put the
    /// reference CPU's here, and only then does a step call a closure per element.
    var squareRoot: ((Float) -> Float)?
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
            let amsgrad = amsgrad, decoupled = decoupled, weightDecay = weightDecay, squareRoot = squareRoot
            var constants = NKAdamStep(weight: weight, beta2: b2, rest: rest, eps: epsilon, correction: correction,
                                       stepSize: size, shrink: shrink, decayRate: decay,
                                       decay: weightDecay == 0 ? NKAdamDecayNone : decoupled ? NKAdamDecayDecoupled : NKAdamDecayCoupled,
                                       amsgrad: amsgrad ? 1 : 0)
            let variant = kernels.variant
            averages[index].withUnsafeMutableBufferPointer { m in
                squares[index].withUnsafeMutableBufferPointer { v in
                    maxSquares[index].withUnsafeMutableBufferPointer { vMax in
                        updateParameter(parameter) { p in
                            // The engine's root: the C kernel, with its multiply-adds as FMA
                            // instructions (in Swift, `addingProduct` called `fmaf`). A test's
                            // root: the same loop in Swift, a closure call per element.
                            guard let squareRoot else {
                                nk_adam_update(variant, fusing ? 1 : 0, p, g, m.baseAddress, v.baseAddress, vMax.baseAddress,
                                               count, &constants)
                                return
                            }
                            for i in 0..<count {
                                var d = g[i]
                                if weightDecay != 0 {
                                    if decoupled { p[i] = p[i] * shrink } else { d = multiplyAdd(p[i], decay, d, fusing: fusing) }
                                }
                                m[i] = lerp(m[i], d, weight, fusing: fusing)
                                v[i] = multiplyAdd(rest * d, d, v[i] * b2, fusing: fusing)
                                var second = v[i]
                                if amsgrad {
                                    vMax[i] = Swift.max(vMax[i], v[i])
                                    second = vMax[i]
                                }
                                let denominator = squareRoot(second) / correction + epsilon
                                p[i] = p[i] + (size * m[i]) / denominator
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `torch.optim.AdamW`: Adam with decoupled weight decay (default 0.01).
public final class AdamW: Adam {
    public init(_ parameters: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 0.01, amsgrad: Bool = false) throws {
        try super.init(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                       decoupled: true)
    }
}

/// `torch.lerp(start, end, weight)` as the vectorised CPU kernel: `fma(w, end − start, start)`
/// for |w| < 0.5, else `fma(w − 1, end − start, end)`.
@inline(__always)
func lerp(_ start: Float, _ end: Float, _ weight: Float, fusing: Bool) -> Float {
    Swift.abs(weight) < 0.5
        ? multiplyAdd(weight, end - start, start, fusing: fusing)
        : multiplyAdd(weight - 1, end - start, end, fusing: fusing)
}
