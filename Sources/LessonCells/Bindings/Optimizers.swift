import NetworkEngine

/// `torch.optim`: SGD, Adam and AdamW over a list of parameters, held by reference (a cell
/// keeps one in a `let` or `var` and steps it), and gradient clipping.
extension Registry {
    static let optimizers: [Binding] = [
        .initializer("SGD(_:lr:momentum:dampening:weightDecay:nesterov:)", defaults: ["lr": .double(1e-3), "momentum": .double(0), "dampening": .double(0), "weightDecay": .double(0), "nesterov": .bool(false)]) {
            (parameters: [Tensor], lr: Double, momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool) in
            try SGD(parameters, lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
        },
        .initializer("Adam(_:lr:betas:eps:weightDecay:amsgrad:)", defaults: ["lr": .double(1e-3), "betas": Betas.standard, "eps": .double(1e-8), "weightDecay": .double(0), "amsgrad": .bool(false)]) {
            (parameters: [Tensor], lr: Double, betas: Betas, eps: Double, weightDecay: Double, amsgrad: Bool) in
            try Adam(parameters, lr: lr, betas: betas.pair, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad)
        },
        .initializer("AdamW(_:lr:betas:eps:weightDecay:amsgrad:)", defaults: ["lr": .double(1e-3), "betas": Betas.standard, "eps": .double(1e-8), "weightDecay": .double(0.01), "amsgrad": .bool(false)]) {
            (parameters: [Tensor], lr: Double, betas: Betas, eps: Double, weightDecay: Double, amsgrad: Bool) in
            try AdamW(parameters, lr: lr, betas: betas.pair, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad)
        },
        .method("step()", does: { (o: AnyOptimizer) in try o.optimizer.step() }),
        .method("zeroGrad(setToNone:)", defaults: ["setToNone": .bool(true)], does: { (o: AnyOptimizer, setToNone: Bool) in o.optimizer.zeroGrad(setToNone: setToNone) }),
        .property("lr", { (o: SGD) in o.lr }, set: { (o: SGD, lr: Double) in o.lr = lr }),
        .property("lr", { (o: Adam) in o.lr }, set: { (o: Adam, lr: Double) in o.lr = lr }),
        .function("clipGradNorm(_:maxNorm:normType:)", defaults: ["normType": .double(2)]) {
            (parameters: [Tensor], maxNorm: Double, normType: Double) in try clipGradNorm(parameters, maxNorm: maxNorm, normType: normType)
        },
    ]
}

extension SGD: CellHostType {}
extension Adam: CellHostType {}

/// Any of the optimizers, for what they all have (`step()`, `zeroGrad()`).
struct AnyOptimizer: CellArgument {
    var optimizer: any Optimizer
    static var cellType: String { "Optimizer" }
    static func accepts(_ value: Value) -> Bool {
        if case .host(let h) = value { return h.object is any Optimizer }
        return false
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> AnyOptimizer {
        guard case .host(let h) = value, let optimizer = h.object as? any Optimizer else { throw mismatch(value, AnyOptimizer.self, site) }
        return AnyOptimizer(optimizer: optimizer)
    }
}

/// Adam's `betas: (0.9, 0.999)`: a tuple of two numbers.
struct Betas: CellArgument {
    var pair: (Double, Double)
    static var standard: Value { .tuple(TupleValue(elements: [.double(0.9), .double(0.999)], labels: [nil, nil])) }
    static var cellType: String { "(Double, Double)" }
    static func accepts(_ value: Value) -> Bool {
        guard case .tuple(let t) = value, t.elements.count == 2 else { return false }
        return t.elements.allSatisfy(Double.accepts)
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Betas {
        guard case .tuple(let t) = value, t.elements.count == 2 else { throw mismatch(value, Betas.self, site) }
        return Betas(pair: (try Double.cell(t.elements[0], site), try Double.cell(t.elements[1], site)))
    }
}
