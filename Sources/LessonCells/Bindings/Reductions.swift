import NetworkEngine

/// Reductions over all elements or one dimension, and the losses.
extension Registry {
    static let reductions: [Binding] = [
        .method("sum()") { (t: Tensor) in t.sum() },
        .method("mean()") { (t: Tensor) in t.mean() },
        .method("sum(dim:keepDim:)", defaults: ["keepDim": .bool(false)]) { (t: Tensor, dim: Int, keepDim: Bool) in try t.sum(dim: dim, keepDim: keepDim) },
        .method("mean(dim:keepDim:)", defaults: ["keepDim": .bool(false)]) { (t: Tensor, dim: Int, keepDim: Bool) in try t.mean(dim: dim, keepDim: keepDim) },

        .method("sum(dims:keepDim:)", defaults: ["keepDim": .bool(false)]) { (t: Tensor, dims: [Int], keepDim: Bool) in try t.sum(dims: dims, keepDim: keepDim) },
        .method("mean(dims:keepDim:)", defaults: ["keepDim": .bool(false)]) { (t: Tensor, dims: [Int], keepDim: Bool) in try t.mean(dims: dims, keepDim: keepDim) },
        .method("max()") { (t: Tensor) in try t.max() },
        .method("min()") { (t: Tensor) in try t.min() },
        .method("max(dim:keepDim:)", defaults: ["keepDim": .bool(false)]) { (t: Tensor, dim: Int, keepDim: Bool) in ValuesAndIndices(try t.max(dim: dim, keepDim: keepDim)) },
        .method("min(dim:keepDim:)", defaults: ["keepDim": .bool(false)]) { (t: Tensor, dim: Int, keepDim: Bool) in ValuesAndIndices(try t.min(dim: dim, keepDim: keepDim)) },
        .method("argmax()") { (t: Tensor) in try t.argmax() },
        .method("argmin()") { (t: Tensor) in try t.argmin() },
        .method("argmax(dim:keepDim:)", defaults: ["keepDim": .bool(false)]) { (t: Tensor, dim: Int, keepDim: Bool) in try t.argmax(dim: dim, keepDim: keepDim) },
        .method("argmin(dim:keepDim:)", defaults: ["keepDim": .bool(false)]) { (t: Tensor, dim: Int, keepDim: Bool) in try t.argmin(dim: dim, keepDim: keepDim) },
        .method("var(unbiased:)", defaults: ["unbiased": .bool(true)]) { (t: Tensor, unbiased: Bool) in try t.var(unbiased: unbiased) },
        .method("var(correction:)") { (t: Tensor, correction: Double) in try t.var(correction: correction) },
        .method("var(dim:unbiased:keepDim:)", defaults: ["unbiased": .bool(true), "keepDim": .bool(false)]) { (t: Tensor, dim: Int, unbiased: Bool, keepDim: Bool) in try t.var(dim: dim, unbiased: unbiased, keepDim: keepDim) },
        .method("var(dims:correction:keepDim:)", defaults: ["correction": .double(1), "keepDim": .bool(false)]) { (t: Tensor, dims: [Int], correction: Double, keepDim: Bool) in try t.var(dims: dims, correction: correction, keepDim: keepDim) },
        .method("std(unbiased:)", defaults: ["unbiased": .bool(true)]) { (t: Tensor, unbiased: Bool) in try t.std(unbiased: unbiased) },
        .method("std(correction:)") { (t: Tensor, correction: Double) in try t.std(correction: correction) },
        .method("std(dim:unbiased:keepDim:)", defaults: ["unbiased": .bool(true), "keepDim": .bool(false)]) { (t: Tensor, dim: Int, unbiased: Bool, keepDim: Bool) in try t.std(dim: dim, unbiased: unbiased, keepDim: keepDim) },
        .method("std(dims:correction:keepDim:)", defaults: ["correction": .double(1), "keepDim": .bool(false)]) { (t: Tensor, dims: [Int], correction: Double, keepDim: Bool) in try t.std(dims: dims, correction: correction, keepDim: keepDim) },
        .method("softmax(dim:)") { (t: Tensor, dim: Int) in try t.softmax(dim: dim) },
        .method("logSoftmax(dim:)") { (t: Tensor, dim: Int) in try t.logSoftmax(dim: dim) },
        .method("clamp(min:max:)", defaults: ["min": .nilValue, "max": .nilValue]) { (t: Tensor, min: Double?, max: Double?) in try t.clamp(min: min, max: max) },

        .function("crossEntropy(_:_:ignoreIndex:reduction:)", defaults: ["ignoreIndex": .int(-100), "reduction": .enumCase("mean")]) {
            (logits: Tensor, target: Tensor, ignoreIndex: Int, reduction: LossReduction) in try crossEntropy(logits, target, ignoreIndex: ignoreIndex, reduction: reduction)
        },
        .function("nllLoss(_:_:ignoreIndex:reduction:)", defaults: ["ignoreIndex": .int(-100), "reduction": .enumCase("mean")]) {
            (input: Tensor, target: Tensor, ignoreIndex: Int, reduction: LossReduction) in try nllLoss(input, target, ignoreIndex: ignoreIndex, reduction: reduction)
        },
        .function("binaryCrossEntropy(_:_:reduction:)", defaults: ["reduction": .enumCase("mean")]) {
            (input: Tensor, target: Tensor, reduction: LossReduction) in try binaryCrossEntropy(input, target, reduction: reduction)
        },
        .function("binaryCrossEntropyWithLogits(_:_:reduction:)", defaults: ["reduction": .enumCase("mean")]) {
            (input: Tensor, target: Tensor, reduction: LossReduction) in try binaryCrossEntropyWithLogits(input, target, reduction: reduction)
        },
        .function("mseLoss(_:_:)") { (input: Tensor, target: Tensor) in try mseLoss(input, target) },
        .initializer("MSELoss()") { () in MSELoss() },
        .method("callAsFunction(_:_:)") { (loss: MSELoss, input: Tensor, target: Tensor) in try loss(input, target) },
    ]
}

extension MSELoss: CellHostType {}

/// `.mean`, `.sum`, `.none` in `crossEntropy(logits, target, reduction: .sum)`.
extension LossReduction: CellArgument {
    static var cellType: String { "LossReduction" }
    static func accepts(_ value: Value) -> Bool {
        if case .enumCase(let name) = value { return LossReduction(rawValue: name) != nil }
        return false
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> LossReduction {
        guard case .enumCase(let name) = value, let reduction = LossReduction(rawValue: name) else {
            throw CellError("a reduction is .mean, .sum or .none, found '\(value.typeName)'", at: site.loc)
        }
        return reduction
    }
}

/// `max(dim:)`'s result: `(values: Tensor, indices: Tensor)`, a labelled tuple as in Swift.
struct ValuesAndIndices: CellResult {
    var pair: (values: Tensor, indices: Tensor)
    init(_ pair: (values: Tensor, indices: Tensor)) { self.pair = pair }
    static var cellType: String { "(values: Tensor, indices: Tensor)" }
    func cellValue(_ site: CallSite) throws(CellError) -> Value {
        .tuple(TupleValue(elements: [try pair.values.cellValue(site), try pair.indices.cellValue(site)], labels: ["values", "indices"]))
    }
}
