import NetworkKernels

/// `torch.optim.SGD`, its CPU single-tensor update (`_single_tensor_sgd`) in float32:
/// `g = grad + weightDecay·param` (fused, `add(alpha:)`), the momentum buffer (first step a copy
/// of `g`, then `buf·momentum` fused-added `(1 − dampening)·g`), Nesterov `g + momentum·buf`,
/// then `param + (−lr)·g` (fused). Each scalar is PyTorch's Python double rounded to float32.
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var lr: Double
    public let momentum: Double
    public let dampening: Double
    public let weightDecay: Double
    public let nesterov: Bool
    private var momentumBuffers: [[Float]?]
    /// The kernels the step runs on (tests pick each variant; the fusing follows it).
    var kernels = KernelVariant.best

    public init(_ parameters: [Tensor], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false) throws {
        try requireNonNegative(lr, "learning rate")
        try requireNonNegative(momentum, "momentum value")
        try requireNonNegative(weightDecay, "weight_decay value")
        if nesterov && (momentum <= 0 || dampening != 0) {
            throw TensorError("Nesterov momentum requires a momentum and zero dampening")
        }
        self.parameters = parameters
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        momentumBuffers = Array(repeating: nil, count: parameters.count)
    }

    public func step() throws {
        let fusing: Int32 = kernels != .baseline ? 1 : 0, variant = kernels.variant
        let decay = Float(weightDecay), m = Float(momentum), keep = Float(1 - dampening), rate = Float(-lr)
        for (index, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            let count = parameter.count, g = grad.values
            // Taken out of the array while it is updated, so writing it does not copy it.
            var buffer = momentumBuffers[index]
            momentumBuffers[index] = nil
            let first = buffer == nil
            if momentum != 0 && first { buffer = [Float](repeating: 0, count: count) }
            var constants = NKSGDStep(decayRate: decay, momentum: m, keep: keep, rate: rate,
                                      first: first ? 1 : 0, nesterov: nesterov ? 1 : 0)
            // The C kernel: its multiply-adds are FMA instructions (Swift's `addingProduct`
            // called `fmaf`); without momentum the buffer pointer is nil.
            updateParameter(parameter) { p in
                if buffer == nil {
                    nk_sgd_update(variant, fusing, p, g, nil, count, &constants)
                } else {
                    buffer!.withUnsafeMutableBufferPointer { b in
                        nk_sgd_update(variant, fusing, p, g, b.baseAddress, count, &constants)
                    }
                }
            }
            momentumBuffers[index] = buffer
        }
    }
}
