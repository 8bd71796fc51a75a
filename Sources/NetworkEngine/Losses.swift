/// `F.mse_loss(input, target)` with the mean reduction. Shapes that differ are broadcast, with
/// PyTorch's warning (sent to the warnings channel), exactly as `torch.nn.functional` does.
public func mseLoss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
    if input.shape != target.shape {
        warn("Using a target size (\(torchSize(target.shape))) that is different to the input size (\(torchSize(input.shape))). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.")
    }
    let shape = try broadcastShapes(input.shape, target.shape)
    // Forward kernel: `diff = a - b; diff * diff`, then mean = sum / count.
    let squares = broadcastMap(shape, input.scalars, input.shape, target.scalars, target.shape) { a, b in
        let difference = a - b
        return difference * difference
    }
    let n = squares.count
    let loss = Tensor(validShape: [], scalars: [squares.withUnsafeBufferPointer(sumOfScalars) / Float(n)])
    if Tensor.anyRequiresGrad(input, target) {
        loss.record([input, target]) { [input, target] g in
            // `mse_loss_backward`: (2 / count) · (input - target) · grad, then summed back to the
            // shapes the inputs had before broadcasting.
            let norm = Float(2.0 / Double(n))
            let upstream = g[0]
            if input.requiresGrad {
                let gradient = broadcastMap(shape, input.scalars, input.shape, target.scalars, target.shape) { a, b in
                    norm * (a - b) * upstream
                }
                input.accumulate(sumToShape(gradient, from: shape, to: input.shape))
            }
            if target.requiresGrad {
                let gradient = broadcastMap(shape, target.scalars, target.shape, input.scalars, input.shape) { b, a in
                    norm * (b - a) * upstream
                }
                target.accumulate(sumToShape(gradient, from: shape, to: target.shape))
            }
        }
    }
    return loss
}

/// `nn.MSELoss()`.
public struct MSELoss: Sendable {
    public init() {}
    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try mseLoss(input, target)
    }
}
