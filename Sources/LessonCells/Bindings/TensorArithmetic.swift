import NetworkEngine

/// Tensors: creation (from the page's generator), element-wise functions, the matrix product,
/// reading values and gradients. Operators (`+ - * /`) are in `Operators.swift`.
extension Registry {
    static let tensorArithmetic: [Binding] = [
        .function("manualSeed(_:)") { (seed: Int, site: CallSite) throws -> Nothing in
            guard seed >= 0 else { throw CellError("manualSeed takes a non-negative Int", at: site.loc) }
            site.interpreter.generator.manualSeed(UInt64(seed))
            return Nothing()
        },
        .initializer("Tensor(_:)") { (value: Double) in Tensor(value) },
        .initializer("Tensor(_:)") { (t: Tensor) in t },
        .initializer("Tensor(_:)") { (nested: NestedScalars) in nested.tensor },
        .initializer("Tensor(shape:scalars:)") { (shape: ShapeArray, scalars: [Float]) in try Tensor(shape: shape.dims, scalars: scalars) },
        .staticMethod("Tensor.zeros(_:)") { (shape: Shape) in Tensor.zeros(shape.dims) },
        .staticMethod("Tensor.ones(_:)") { (shape: Shape) in Tensor.ones(shape.dims) },
        .staticMethod("Tensor.rand(_:)") { (shape: Shape, g: Generator) in Tensor.rand(shape.dims, generator: g) },
        .staticMethod("Tensor.randn(_:)") { (shape: Shape, g: Generator) in Tensor.randn(shape.dims, generator: g) },
        .staticMethod("Tensor.uniform(_:from:to:)") { (shape: ShapeArray, from: Double, to: Double, g: Generator) in Tensor.uniform(shape.dims, from: from, to: to, generator: g) },

        .property("shape") { (t: Tensor) in t.shape },
        .property("count") { (t: Tensor) in t.count },
        .property("scalars") { (t: Tensor) in t.scalars.map(Double.init) },
        .property("grad", { (t: Tensor) in t.grad }, set: { (t: Tensor, g: Tensor?) in t.grad = g }),
        .property("requiresGrad", { (t: Tensor) in t.requiresGrad }, set: { (t: Tensor, flag: Bool) in t.requiresGrad = flag }),
        .method("item()") { (t: Tensor) in try t.item() },
        .method("backward()", does: { (t: Tensor) in try t.backward() }),
        .method("backward(gradient:)", does: { (t: Tensor, gradient: Tensor) in try t.backward(gradient: gradient) }),
        .method("zeroGrad()", does: { (t: Tensor) in t.zeroGrad() }),
        .method("detached()") { (t: Tensor) in t.detached() },

        .method("neg()") { (t: Tensor) in t.neg() },
        .method("abs()") { (t: Tensor) in t.abs() },
        .method("tanh()") { (t: Tensor) in t.tanh() },
        .method("exp()") { (t: Tensor) in t.exp() },
        .method("log()") { (t: Tensor) in t.log() },
        .method("sqrt()") { (t: Tensor) in t.sqrt() },
        .method("erf()") { (t: Tensor) in t.erf() },
        .method("relu()") { (t: Tensor) in t.relu() },
        .method("sigmoid()") { (t: Tensor) in t.sigmoid() },
        .method("pow(_:)") { (t: Tensor, exponent: Double) in t.pow(exponent) },
        .function("tanh(_:)") { (x: Tensor) in tanh(x) },
        .function("exp(_:)") { (x: Tensor) in exp(x) },
        .function("log(_:)") { (x: Tensor) in log(x) },
        .function("sqrt(_:)") { (x: Tensor) in sqrt(x) },
        .function("erf(_:)") { (x: Tensor) in erf(x) },
        .function("relu(_:)") { (x: Tensor) in relu(x) },
        .function("sigmoid(_:)") { (x: Tensor) in sigmoid(x) },
        .function("abs(_:)") { (x: Tensor) in x.abs() },
        .function("pow(_:_:)") { (x: Tensor, exponent: Double) in pow(x, exponent) },

        .method("matmul(_:)") { (a: Tensor, b: Tensor, site: CallSite) in try site.product(a, b) { () throws in try a.matmul(b) } },
        .function("matmul(_:_:)") { (a: Tensor, b: Tensor, site: CallSite) in try site.product(a, b) { () throws in try a.matmul(b) } },
    ]
}

extension CallSite {
    /// A matrix product, refused before it runs when it would cost more than the budget allows.
    func product(_ a: Tensor, _ b: Tensor, _ body: () throws -> Tensor) throws -> Tensor {
        try interpreter.checkProduct(a.shape, b.shape, loc)
        return try body()
    }
}
