/// `F.mse_loss(input, target)` with the mean reduction. Shapes that differ are broadcast, with
/// PyTorch's warning (sent to the warnings channel), exactly as `torch.nn.functional` does.
public func mseLoss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
    if input.shape != target.shape {
        warn("Using a target size (\(torchSize(target.shape))) that is different to the input size (\(torchSize(input.shape))). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.")
    }
    let shape = try broadcastShapes(input.shape, target.shape)
    // Forward kernel (`mse_stub`): `diff = a - b; diff * diff`; then `apply_loss_reduction`'s
    // `mean()`: the cascade sum of the squares divided by the count (docs/pytorch-numerics.md 1a;
    // every length 1..300 bit for bit, cleanup.json).
    let n = elementCount(shape)
    let a = input.values, b = target.values
    let squares = scalarArray(n, writing: { out in
        broadcastMap(shape, a, input.shape, b, target.shape, into: out) { a, b in
            let difference = a - b
            return difference * difference
        }
    })
    let total = squares.withUnsafeBufferPointer { contiguousSum($0.baseAddress ?? UnsafePointer(noValues), n) }
    let mean = total / Float(n)
    let loss = Tensor(validShape: [], count: 1) { $0[0] = mean }
    if Tensor.anyRequiresGrad(input, target) { loss.record(input, target, as: MeanSquaredErrorBackward()) }
    return loss
}

/// `mse_loss_backward`: (2 / count) · (input - target) · grad, then summed back to the shapes
/// the inputs had before broadcasting.
struct MeanSquaredErrorBackward: BackwardRule {
    static let name = "MseLossBackward0"
    static let saved = SavedTensors.bothInputs
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { input, target in
            guard let shape = try? broadcastShapes(input.shape, target.shape) else { return }
            let norm = Float(2.0 / Double(elementCount(shape)))
            let upstream = g[0]
            input.accumulate(broadcastFrom: shape, writing: {
                broadcastMap(shape, input.values, input.shape, target.values, target.shape, into: $0) { a, b in norm * (a - b) * upstream }
            })
            target.accumulate(broadcastFrom: shape, writing: {
                broadcastMap(shape, target.values, target.shape, input.values, input.shape, into: $0) { b, a in norm * (b - a) * upstream }
            })
        }
    }
}

/// `nn.MSELoss()`.
public struct MSELoss: Sendable {
    public init() {}
    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try mseLoss(input, target)
    }
}
