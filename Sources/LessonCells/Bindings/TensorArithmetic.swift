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
        .staticMethod("Tensor.zeros(_:)") { (shape: Shape) in try Tensor.zeros(checking: shape.dims) },
        .staticMethod("Tensor.ones(_:)") { (shape: Shape) in try Tensor.ones(checking: shape.dims) },
        .staticMethod("Tensor.rand(_:)") { (shape: Shape, g: Generator) in try Tensor.rand(checking: shape.dims, generator: g) },
        .staticMethod("Tensor.randn(_:)") { (shape: Shape, g: Generator) in try Tensor.normal(shape.dims, generator: g) },
        .staticMethod("Tensor.uniform(_:from:to:)") { (shape: ShapeArray, from: Double, to: Double, g: Generator) in try Tensor.uniform(checking: shape.dims, from: from, to: to, generator: g) },

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
        .method("detach()") { (t: Tensor) in t.detach() },
        .method("requiresGrad_(_:)", defaults: ["#0": .bool(true)]) { (t: Tensor, flag: Bool) in try t.requiresGrad_(flag) },

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

        .initializer("Tensor(integers:)") { (values: [Int]) in Tensor(integers: values) },
        .initializer("Tensor(shape:integers:)") { (shape: ShapeArray, values: [Int]) in try Tensor(shape: shape.dims, integers: values) },
        .initializer("Tensor(booleans:)") { (values: [Bool]) in Tensor(booleans: values) },
        .initializer("Tensor(shape:booleans:)") { (shape: ShapeArray, values: [Bool]) in try Tensor(shape: shape.dims, booleans: values) },
        .property("dtype") { (t: Tensor) in t.dtype },
        .property("integers") { (t: Tensor) in t.integers.map { Int($0) } },
        .property("booleans") { (t: Tensor) in t.booleans },
        .method("to(_:)") { (t: Tensor, dtype: DType) in t.to(dtype) },
        .method("eq(_:)") { (t: Tensor, other: Tensor) in try t.eq(other) },
        .method("ne(_:)") { (t: Tensor, other: Tensor) in try t.ne(other) },
        .method("lt(_:)") { (t: Tensor, other: Tensor) in try t.lt(other) },
        .method("le(_:)") { (t: Tensor, other: Tensor) in try t.le(other) },
        .method("gt(_:)") { (t: Tensor, other: Tensor) in try t.gt(other) },
        .method("ge(_:)") { (t: Tensor, other: Tensor) in try t.ge(other) },
        .method("eq(_:)") { (t: Tensor, other: Double) in t.eq(other) },
        .method("ne(_:)") { (t: Tensor, other: Double) in t.ne(other) },
        .method("lt(_:)") { (t: Tensor, other: Double) in t.lt(other) },
        .method("le(_:)") { (t: Tensor, other: Double) in t.le(other) },
        .method("gt(_:)") { (t: Tensor, other: Double) in t.gt(other) },
        .method("ge(_:)") { (t: Tensor, other: Double) in t.ge(other) },

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

/// `.int64`, `.float32`, `.bool` in `x.to(.int64)`; a tensor's `dtype` prints as PyTorch's name.
extension DType: CellArgument, CellResult {
    static var cellType: String { "DType" }
    static func accepts(_ value: Value) -> Bool {
        if case .enumCase(let name) = value { return ["int64", "float32", "bool"].contains(name) }
        return false
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> DType {
        switch value {
        case .enumCase("int64"): return .int64
        case .enumCase("float32"): return .float32
        case .enumCase("bool"): return .bool
        default: throw CellError("a dtype is .int64, .float32 or .bool, found '\(value.typeName)'", at: site.loc)
        }
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .enumCase(description) }
}
