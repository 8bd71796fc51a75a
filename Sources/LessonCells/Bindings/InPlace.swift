import NetworkEngine

/// In-place tensor updates (PyTorch's trailing-underscore methods) and `noGrad { }`, the spelling
/// of a hand-written parameter update: `noGrad { try p.sub_(p.grad!, alpha: lr) }`.
extension Registry {
    static let inPlace: [Binding] = [
        .function("noGrad(_:)") { (body: Value, site: CallSite) throws -> Value in
            guard case .function = body else { throw CellError("noGrad takes a closure, found '\(body.typeName)'", at: site.loc) }
            return try noGrad { try site.interpreter.callClosure(body, [], site.loc) }
        },
        .method("maskedFill(_:_:)") { (t: Tensor, mask: Tensor, value: Double) in try t.maskedFill(mask, value) },
        .method("maskedFill_(_:_:)") { (t: Tensor, mask: Tensor, value: Double) in try t.maskedFill_(mask, value) },
        .method("zero_()") { (t: Tensor) in try t.zero_() },
        .method("fill_(_:)") { (t: Tensor, value: Double) in try t.fill_(value) },
        .method("copy_(_:)") { (t: Tensor, source: Tensor) in try t.copy_(source) },
        .method("add_(_:alpha:)", defaults: ["alpha": .double(1)]) { (t: Tensor, other: Tensor, alpha: Double) in try t.add_(other, alpha: alpha) },
        .method("sub_(_:alpha:)", defaults: ["alpha": .double(1)]) { (t: Tensor, other: Tensor, alpha: Double) in try t.sub_(other, alpha: alpha) },
        .method("mul_(_:)") { (t: Tensor, other: Tensor) in try t.mul_(other) },
        .method("div_(_:)") { (t: Tensor, other: Tensor) in try t.div_(other) },
        .method("add_(_:)") { (t: Tensor, scalar: Double) in try t.add_(scalar) },
        .method("sub_(_:)") { (t: Tensor, scalar: Double) in try t.sub_(scalar) },
        .method("mul_(_:)") { (t: Tensor, scalar: Double) in try t.mul_(scalar) },
        .method("div_(_:)") { (t: Tensor, scalar: Double) in try t.div_(scalar) },
    ]
}
