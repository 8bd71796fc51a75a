import NetworkEngine

/// Reductions over all elements or one dimension, and the losses.
extension Registry {
    static let reductions: [Binding] = [
        .method("sum()") { (t: Tensor) in t.sum() },
        .method("mean()") { (t: Tensor) in t.mean() },
        .method("sum(dim:keepDim:)", defaults: ["keepDim": .bool(false)]) { (t: Tensor, dim: Int, keepDim: Bool) in try t.sum(dim: dim, keepDim: keepDim) },
        .method("mean(dim:keepDim:)", defaults: ["keepDim": .bool(false)]) { (t: Tensor, dim: Int, keepDim: Bool) in try t.mean(dim: dim, keepDim: keepDim) },

        .function("mseLoss(_:_:)") { (input: Tensor, target: Tensor) in try mseLoss(input, target) },
        .initializer("MSELoss()") { () in MSELoss() },
        .method("callAsFunction(_:_:)") { (loss: MSELoss, input: Tensor, target: Tensor) in try loss(input, target) },
    ]
}

extension MSELoss: CellHostType {}
