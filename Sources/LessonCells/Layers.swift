import NetworkEngine

/// The engine's leaf layers as cell values. `Sequential` is a `Value.sequential` of interpreted
/// children, so a page's own modules (a `struct GELU: Module`) can sit inside one.
enum Layer {
    case linear(Linear)
    case gelu(GELU)
    case relu(ReLU)
    case tanh(Tanh)
    case sigmoid(Sigmoid)

    var typeName: String {
        switch self {
        case .linear: return "Linear"
        case .gelu: return "GELU"
        case .relu: return "ReLU"
        case .tanh: return "Tanh"
        case .sigmoid: return "Sigmoid"
        }
    }

    func forward(_ x: Tensor) throws -> Tensor {
        switch self {
        case .linear(let l): return try l.forward(x)
        case .gelu(let g): return try g.forward(x)
        case .relu(let r): return try r.forward(x)
        case .tanh(let t): return try t.forward(x)
        case .sigmoid(let s): return try s.forward(x)
        }
    }

    /// PyTorch's `nn.Linear` registers `weight` then `bias`.
    var namedParameters: [(String, Tensor)] {
        guard case .linear(let l) = self else { return [] }
        var result = [("weight", l.weight)]
        if let bias = l.bias { result.append(("bias", bias)) }
        return result
    }

    var description: String {
        switch self {
        case .linear(let l): return "Linear(\(l.inFeatures), \(l.outFeatures), bias: \(l.bias != nil))"
        case .gelu(let g): return g.approximate == .tanh ? "GELU(approximate: .tanh)" : "GELU()"
        default: return "\(typeName)()"
        }
    }
}

/// Modules in the interpreter: page structs with `callAsFunction`, engine layers, `Sequential`.
extension Interpreter {
    func isModule(_ v: Value) -> Bool {
        switch v {
        case .layer, .sequential: return true
        case .instance(let i): return i.type.methods["callAsFunction"] != nil
        default: return false
        }
    }

    func forward(_ module: Value, _ input: Value, _ loc: Loc) throws(CellError) -> Value {
        switch module {
        case .layer(let layer):
            guard case .tensor(let x) = input else {
                throw CellError("\(layer.typeName) expects a Tensor, found '\(input.typeName)'", at: loc)
            }
            if case .linear(let linear) = layer { try checkProduct(x.shape, [linear.inFeatures, linear.outFeatures], loc) }
            return .tensor(try checked(try engine(loc) { () throws -> Tensor in try layer.forward(x) }, loc))
        case .sequential(let children):
            var x = input
            for child in children { x = try call(child, [x], [nil], [], loc) }
            return x
        default:
            return try call(module, [input], [nil], [], loc)
        }
    }

    /// `named_parameters()` as PyTorch names them: stored properties in declaration order,
    /// array and `Sequential` children by index, nested modules recursively. Tensors count as
    /// parameters when they require gradients (PyTorch registers `nn.Parameter`s only).
    /// A tensor reached twice is listed once, as PyTorch deduplicates shared parameters.
    func namedParameters(_ value: Value) -> [(String, Tensor)] {
        var found: [(String, Tensor)] = []
        var seen: Set<ObjectIdentifier> = []
        collect(value, "", &found, &seen)
        return found
    }

    private func collect(_ value: Value, _ path: String, _ found: inout [(String, Tensor)], _ seen: inout Set<ObjectIdentifier>) {
        func join(_ name: String) -> String { path.isEmpty ? name : path + "." + name }
        switch value {
        case .tensor(let t):
            if t.requiresGrad, seen.insert(ObjectIdentifier(t)).inserted { found.append((path, t)) }
        case .layer(let layer):
            for (name, t) in layer.namedParameters where seen.insert(ObjectIdentifier(t)).inserted {
                found.append((join(name), t))
            }
        case .sequential(let children), .array(let children):
            for (i, child) in children.enumerated() { collect(child, join(String(i)), &found, &seen) }
        case .instance(let instance):
            for (field, v) in zip(instance.type.fields, instance.fields) { collect(v, join(field.name), &found, &seen) }
        case .tuple(let t):
            for (i, v) in t.elements.enumerated() { collect(v, join(t.labels[i] ?? String(i)), &found, &seen) }
        default:
            break
        }
    }

    /// `namedParameters()`, `parameters()`, `zeroGrad()` on any module value.
    func moduleMethod(_ module: Value, _ name: String, _ values: [Value], _ labels: [String?], _ loc: Loc) throws(CellError) -> Value? {
        switch (name, values.count) {
        case ("namedParameters", 0):
            return .array(namedParameters(module).map {
                .tuple(TupleValue(elements: [.string($0.0), .tensor($0.1)], labels: ["name", "parameter"]))
            })
        case ("parameters", 0):
            return .array(namedParameters(module).map { .tensor($0.1) })
        case ("zeroGrad", 0):
            for (_, t) in namedParameters(module) { t.zeroGrad() }
            return .void
        case ("callAsFunction", 1), ("forward", 1):
            return try forward(module, values[0], loc)
        default:
            return nil
        }
    }
}
