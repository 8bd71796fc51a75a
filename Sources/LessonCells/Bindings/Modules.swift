import NetworkEngine

/// The engine's layers as cells build and call them. Cells hold the engine's modules
/// (`Value.module`); a page's own module (a struct conforming to `Module`) is wrapped in a
/// `PageModule` where the engine needs one (inside a `Sequential`, for the parameter walk), so
/// parameter names always come from the engine's one walk (`namedParameters()`).
extension Registry {
    static let modules: [Binding] = [
        .initializer("Linear(_:_:bias:)", defaults: ["bias": .bool(true)]) { (inputs: Int, outputs: Int, bias: Bool, site: CallSite) in
            try site.linear(inputs, outputs, bias: bias)
        },
        .initializer("GELU()") { () in GELU() },
        .initializer("GELU(approximate:)") { (approximate: GELU.Approximation) in GELU(approximate: approximate) },
        .initializer("ReLU()") { () in ReLU() },
        .initializer("Tanh()") { () in Tanh() },
        .initializer("Sigmoid()") { () in Sigmoid() },
        .initializer("Sequential(_:)") { (layers: Layers) in Sequential(layers.modules) },
        .initializer("Embedding(_:_:)") { (count: Int, dimension: Int, site: CallSite) in
            try site.elements([count, dimension])
            return try Embedding(checking: count, dimension, generator: site.interpreter.generator)
        },
        .initializer("LayerNorm(_:eps:elementwiseAffine:bias:)", defaults: ["eps": .double(1e-5), "elementwiseAffine": .bool(true), "bias": .bool(true)]) {
            (shape: Int, eps: Double, elementwiseAffine: Bool, bias: Bool, site: CallSite) in
            try site.elements([shape])
            return try LayerNorm(checking: shape, eps: eps, elementwiseAffine: elementwiseAffine, bias: bias)
        },
        .initializer("LayerNorm(_:eps:elementwiseAffine:bias:)", defaults: ["eps": .double(1e-5), "elementwiseAffine": .bool(true), "bias": .bool(true)]) {
            (shape: ShapeArray, eps: Double, elementwiseAffine: Bool, bias: Bool) in
            try LayerNorm(checking: shape.dims, eps: eps, elementwiseAffine: elementwiseAffine, bias: bias)
        },
        .initializer("Dropout(_:)", defaults: ["#0": .double(0.5)]) { (p: Double, g: Generator) in try Dropout(checking: p, generator: g) },

        .property("weight") { (l: Linear) in l.weight },
        .property("bias") { (l: Linear) in l.bias },
        .property("inFeatures") { (l: Linear) in l.inFeatures },
        .property("outFeatures") { (l: Linear) in l.outFeatures },
        .property("approximate") { (g: GELU) in g.approximate },
        .property("layers") { (s: Sequential, site: CallSite) in ModuleList(items: s.layers.map { site.interpreter.cellValue($0) }) },
        .property("count") { (s: Sequential) in s.layers.count },
        .property("weight") { (e: Embedding) in e.weight },
        .property("numEmbeddings") { (e: Embedding) in e.numEmbeddings },
        .property("embeddingDim") { (e: Embedding) in e.embeddingDim },
        .property("weight") { (l: LayerNorm) in l.weight },
        .property("bias") { (l: LayerNorm) in l.bias },
        .property("normalizedShape") { (l: LayerNorm) in l.normalizedShape },
        .property("eps") { (l: LayerNorm) in l.eps },
        .property("p") { (d: Dropout) in d.p },

        .method("namedParameters()") { (m: AnyModule, site: CallSite) in site.namedParameters(m.module) },
        .method("parameters()") { (m: AnyModule) in m.module.parameters() },
        .method("zeroGrad()", does: { (m: AnyModule) in m.module.zeroGrad() }),
        .method("zeroGrad(setToNone:)", does: { (m: AnyModule, setToNone: Bool) in m.module.zeroGrad(setToNone: setToNone) }),
        .method("namedBuffers()") { (m: AnyModule) in
            ParameterPairs(items: m.module.namedBuffers().map { .tuple(TupleValue(elements: [.string($0.name), .tensor($0.buffer)], labels: ["name", "buffer"])) })
        },
        .method("train(_:)", defaults: ["#0": .bool(true)], does: { (m: AnyModule, on: Bool) in m.module.train(on) }),
        .method("eval()", does: { (m: AnyModule) in m.module.eval() }),
        .method("callAsFunction(_:)") { (l: Linear, x: Tensor, site: CallSite) in
            try site.interpreter.checkProduct(x.shape, [l.inFeatures, l.outFeatures], site.loc)
            return try l(x)
        },
        .method("callAsFunction(_:)") { (g: GELU, x: Tensor) in g(x) },
        .method("callAsFunction(_:)") { (r: ReLU, x: Tensor) in r(x) },
        .method("callAsFunction(_:)") { (t: Tanh, x: Tensor) in t(x) },
        .method("callAsFunction(_:)") { (s: Sigmoid, x: Tensor) in s(x) },
        .method("callAsFunction(_:)") { (e: Embedding, ids: Tensor) in try e(ids) },
        .method("callAsFunction(_:)") { (l: LayerNorm, x: Tensor) in try l(x) },
        .method("callAsFunction(_:)") { (d: Dropout, x: Tensor) in try d(x) },
        .function("embedding(_:weight:)") { (ids: Tensor, weight: Tensor) in try embedding(ids, weight: weight) },
        .function("layerNorm(_:normalizedShape:weight:bias:eps:)", defaults: ["weight": .nilValue, "bias": .nilValue, "eps": .double(1e-5)]) {
            (x: Tensor, normalizedShape: [Int], weight: Tensor?, bias: Tensor?, eps: Double) in
            try layerNorm(x, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
        },
        .function("dropout(_:p:training:)", defaults: ["p": .double(0.5), "training": .bool(true)]) {
            (x: Tensor, p: Double, training: Bool, g: Generator) in try dropout(x, p: p, training: training, generator: g)
        },
        .method("callAsFunction(_:)") { (s: Sequential, x: Tensor, site: CallSite) in ModuleOutput(value: try site.interpreter.forward(s, .tensor(x), site.loc)) },
    ]
}

/// `Sequential`'s layers: modules written as arguments (`Sequential(a, b)`) or one array of them.
struct Layers: CellArgument {
    var modules: [any Module]
    static var cellType: String { "Module" }
    static var isVariadic: Bool { true }
    static func accepts(_ value: Value) -> Bool { variadicItems(value)?.allSatisfy(Interpreter.isModule) ?? false }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Layers {
        guard let items = variadicItems(value) else { throw mismatch(value, Layers.self, site) }
        var modules: [any Module] = []
        for item in items {
            guard let module = site.interpreter.engineModule(item) else {
                throw CellError("Sequential takes modules, found '\(item.typeName)'", at: site.loc)
            }
            modules.append(module)
        }
        return Layers(modules: modules)
    }
}

/// A page's module where the engine needs a `Module`: the engine's walk visits its fields.
/// Cells never call it through the engine (a page module runs in the interpreter, whose
/// errors are located); `Interpreter.forward` unwraps it.
final class PageModule: Module {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }

    func callAsFunction(_ input: Tensor) throws -> Tensor {
        throw TensorError("a page's module runs in the interpreter, not through the engine")
    }

    func visitParameters(_ walk: inout ParameterWalk, path: String) {
        PageModule.visit(value, path: path, &walk)
    }

    /// A field's value, as the engine's walk visits a stored property: tensors, modules, and
    /// arrays, optionals and tuples of them; a page struct's fields in declaration order.
    static func visit(_ value: Value, path: String, _ walk: inout ParameterWalk) {
        func join(_ name: String) -> String { path.isEmpty ? name : path + "." + name }
        switch value {
        case .tensor(let t):
            // `visit(_:path:name:)` joins the last name itself.
            if let dot = path.lastIndex(of: ".") {
                walk.visit(t, path: String(path[..<dot]), name: String(path[path.index(after: dot)...]))
            } else {
                walk.visit(t, path: "", name: path)
            }
        case .module(let m): m.visitParameters(&walk, path: path)
        case .array(let items):
            for (i, item) in items.enumerated() { visit(item, path: join(String(i)), &walk) }
        case .instance(let instance):
            for (field, v) in zip(instance.type.fields, instance.fields) { visit(v, path: join(field.name), &walk) }
        case .tuple(let t):
            for (i, v) in t.elements.enumerated() { visit(v, path: join(t.labels[i] ?? String(i)), &walk) }
        case .someValue(let inner): visit(inner, path: path, &walk)
        default: break
        }
    }
}

extension Interpreter {
    static func isModule(_ v: Value) -> Bool {
        switch v {
        case .module: return true
        case .instance(let i): return i.type.methods["callAsFunction"] != nil
        default: return false
        }
    }

    /// The engine's view of a cell's module value.
    func engineModule(_ value: Value) -> (any Module)? {
        switch value {
        case .module(let m): return m
        case .instance where Interpreter.isModule(value): return PageModule(value)
        default: return nil
        }
    }

    /// The cell's view of a module the engine holds (a `Sequential`'s layer).
    func cellValue(_ module: any Module) -> Value {
        if let page = module as? PageModule { return page.value }
        return .module(module)
    }

    /// Runs a `Sequential`'s layers in order; a page's own layer runs in the interpreter.
    func forward(_ sequential: Sequential, _ input: Value, _ loc: Loc) throws(CellError) -> Value {
        var x = input
        for layer in sequential.layers { x = try call(cellValue(layer), [x], [nil], [], loc) }
        return x
    }

    /// How a module prints: `Linear(3, 3, bias: true)`, `GELU(approximate: .tanh)`, `ReLU()`.
    func describe(module: any Module, _ loc: Loc) throws(CellError) -> String {
        switch module {
        case let l as Linear: return "Linear(\(l.inFeatures), \(l.outFeatures), bias: \(l.bias != nil))"
        case let g as GELU: return g.approximate == .tanh ? "GELU(approximate: .tanh)" : "GELU()"
        case let s as Sequential:
            var parts: [String] = []
            for layer in s.layers { parts.append(try describe(cellValue(layer), loc)) }
            return "Sequential(" + parts.joined(separator: ", ") + ")"
        case let p as PageModule: return try describe(p.value, loc)
        default: return "\(type(of: module))()"
        }
    }
}

extension CallSite {
    func linear(_ inputs: Int, _ outputs: Int, bias: Bool) throws(CellError) -> Linear {
        guard inputs != 0, outputs != 0 else {  // a negative size is the engine's error
            throw CellError("Linear takes two positive Ints: Linear(inFeatures, outFeatures)", at: loc)
        }
        _ = try interpreter.shape([.int(Swift.max(0, inputs)), .int(Swift.max(0, outputs))], loc)
        return try interpreter.engine(loc) { try Linear(checking: inputs, outputs, bias: bias, generator: interpreter.generator) }
    }

    /// `namedParameters()` as cells see it: `(name: String, parameter: Tensor)` pairs.
    func namedParameters(_ module: any Module) -> ParameterPairs {
        ParameterPairs(items: module.namedParameters().map {
            .tuple(TupleValue(elements: [.string($0.name), .tensor($0.parameter)], labels: ["name", "parameter"]))
        })
    }
}
