import NetworkEngine

/// The engine as cells see it: tensor creation from the session's generator, tensor members and
/// methods, layers, the loss. Engine errors become located errors; every new tensor is checked
/// against the element budget.
extension Interpreter {
    func engine<T>(_ loc: Loc, _ body: () throws -> T) throws(CellError) -> T {
        do {
            return try body()
        } catch let error as TensorError {
            throw CellError(error.message, at: loc)
        } catch {
            throw CellError("\(error)", at: loc)
        }
    }

    func checked(_ t: Tensor, _ loc: Loc) throws(CellError) -> Tensor {
        if t.count > budget.maxTensorElements {
            throw Budget.exceeded("a tensor of \(t.count) elements exceeds the page's limit of \(budget.maxTensorElements) elements", .tensorElements, loc)
        }
        // Big tensor operations take long enough per step to look at the clock after each.
        if t.count > 65_536 { try budget.check(loc) }
        if memory.liveBytes > memoryHeadroom { try checkMemory(loc) }
        return t
    }

    /// A matrix product costs rows × inner × columns multiply-adds, which the element limit alone
    /// does not bound; it may cost at most 64 multiply-adds per allowed element.
    func checkProduct(_ a: [Int], _ b: [Int], _ loc: Loc) throws(CellError) {
        guard let inner = a.last, b.count >= 1 else { return }
        let rows = a.dropLast().reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        let columns = b.count >= 2 ? b[b.count - 1] : 1
        let (partial, o1) = rows.multipliedReportingOverflow(by: inner)
        let (cost, o2) = partial.multipliedReportingOverflow(by: columns)
        let limit = budget.maxTensorElements.multipliedReportingOverflow(by: 64)
        if o1 || o2 || (!limit.overflow && cost > limit.partialValue) {
            throw Budget.exceeded("a matrix product of \(a) and \(b) is too large for the page's limit of \(budget.maxTensorElements) tensor elements", .tensorElements, loc)
        }
    }

    /// A shape from `(1, 10)` or `([1, 10])`, checked against the element budget before anything
    /// is allocated.
    func shape(_ values: [Value], _ loc: Loc) throws(CellError) -> [Int] {
        var dims: [Value] = values
        if values.count == 1, case .array(let a) = values[0] { dims = a }
        var shape: [Int] = []
        var total = 1
        for d in dims {
            guard case .int(let n) = d, n >= 0 else { throw CellError("a tensor shape is made of non-negative Ints, found \(Interpreter.spellScalar(d))", at: loc) }
            let (product, overflow) = total.multipliedReportingOverflow(by: n)
            if overflow || product > budget.maxTensorElements {
                throw Budget.exceeded("a tensor of shape \(Interpreter.spellShape(dims)) exceeds the page's limit of \(budget.maxTensorElements) elements", .tensorElements, loc)
            }
            total = product
            shape.append(n)
        }
        return shape
    }

    /// `Tensor([[1.0, 0.0, -1.0]])`: the shape of nested arrays (rectangular) and their numbers.
    func tensor(from value: Value, _ loc: Loc) throws(CellError) -> Tensor {
        var dims: [Int] = []
        var probe = value
        while case .array(let a) = probe {
            dims.append(a.count)
            guard let first = a.first else { break }
            probe = first
        }
        var scalars: [Float] = []
        func flatten(_ v: Value, _ depth: Int) throws(CellError) {
            switch v {
            case .array(let a):
                guard depth < dims.count, a.count == dims[depth] else {
                    throw CellError("nested arrays of a tensor must be rectangular (expected \(depth < dims.count ? dims[depth] : 0) elements at depth \(depth), found \(a.count))", at: loc)
                }
                for e in a { try flatten(e, depth + 1) }
            case .int(let i) where depth == dims.count: scalars.append(Float(i))
            case .double(let d) where depth == dims.count: scalars.append(Float(d))
            case .float(let f) where depth == dims.count: scalars.append(f)
            case .bool(let b) where depth == dims.count: scalars.append(b ? 1 : 0)
            default:
                throw CellError("a tensor is made of numbers in rectangular nested arrays, found \(v.typeName)", at: loc)
            }
        }
        try flatten(value, 0)
        if scalars.count > budget.maxTensorElements {
            throw Budget.exceeded("a tensor of \(scalars.count) elements exceeds the page's limit of \(budget.maxTensorElements) elements", .tensorElements, loc)
        }
        return try engine(loc) { () throws -> Tensor in try Tensor(shape: dims, scalars: scalars) }
    }

    func staticMember(_ type: String, _ name: String, _ arguments: [Argument]?, _ frame: Frame, _ loc: Loc) throws(CellError) -> Value {
        guard let arguments else {
            switch (type, name) {
            case ("Double", "pi"): return .double(Double.pi)
            case ("Float", _) where floatConstant(name) != nil: return floatConstant(name)!
            case ("Double", "infinity"): return .double(.infinity)
            case ("Double", "nan"): return .double(.nan)
            case ("Double", "ulpOfOne"): return .double(.ulpOfOne)
            case ("Double", "greatestFiniteMagnitude"): return .double(.greatestFiniteMagnitude)
            case ("Int", "max"): return .int(.max)
            case ("Int", "min"): return .int(.min)
            default: throw CellError("type '\(type)' has no member '\(name)'", at: loc)
            }
        }
        let (values, labels) = try evalArguments(arguments, frame)
        guard type == "Tensor" else { throw CellError("type '\(type)' has no method '\(name)'", at: loc) }
        switch (name, labels.last ?? nil) {
        case ("zeros", nil): return .tensor(Tensor.zeros(try shape(values, loc)))
        case ("ones", nil): return .tensor(Tensor.ones(try shape(values, loc)))
        case ("rand", nil): return .tensor(Tensor.rand(try shape(values, loc), generator: generator))
        case ("randn", nil): return .tensor(Tensor.randn(try shape(values, loc), generator: generator))
        case ("uniform", "to"):
            guard values.count >= 3, let from = number(values[values.count - 2]), let to = number(values[values.count - 1]) else {
                throw CellError("use Tensor.uniform(shape, from: a, to: b)", at: loc)
            }
            return .tensor(Tensor.uniform(try shape(Array(values.dropLast(2)), loc), from: from, to: to, generator: generator))
        default:
            throw CellError("type 'Tensor' has no method '\(name)' with these arguments", at: loc)
        }
    }

    func engineMember(_ value: Value, _ name: String, _ loc: Loc) throws(CellError) -> Value? {
        switch value {
        case .tensor(let t):
            switch name {
            case "shape": return .array(t.shape.map { .int($0) })
            case "grad": return Value.optional(t.grad.map { .tensor($0) })
            case "count": return .int(t.count)
            case "requiresGrad": return .bool(t.requiresGrad)
            case "scalars": return .array(t.scalars.map { .double(Double($0)) })
            default: return nil
            }
        case .layer(let layer):
            switch (layer, name) {
            case (.linear(let l), "weight"): return .tensor(l.weight)
            case (.linear(let l), "bias"): return Value.optional(l.bias.map { .tensor($0) })
            case (.linear(let l), "inFeatures"): return .int(l.inFeatures)
            case (.linear(let l), "outFeatures"): return .int(l.outFeatures)
            default: return nil
            }
        case .sequential(let children):
            switch name {
            case "layers": return .array(children)
            case "count": return .int(children.count)
            default: return nil
            }
        default:
            return nil
        }
    }

    func engineMethod(_ value: Value, _ name: String, _ values: [Value], _ labels: [String?], _ loc: Loc) throws(CellError) -> Value? {
        guard case .tensor(let t) = value else {
            return try moduleMethod(value, name, values, labels, loc)
        }
        switch (name, labels) {
        case ("abs", []): return .tensor(t.abs())
        case ("mean", []): return .tensor(t.mean())
        case ("sum", []): return .tensor(t.sum())
        case ("mean", ["dim"]), ("sum", ["dim"]), ("mean", ["dim", "keepDim"]), ("sum", ["dim", "keepDim"]):
            guard case .int(let dim) = values[0] else { throw CellError("'dim' must be an Int", at: loc) }
            let keep = values.count > 1 ? try truth(values[1], loc) : false
            return .tensor(try engine(loc) { () throws -> Tensor in name == "mean" ? try t.mean(dim: dim, keepDim: keep) : try t.sum(dim: dim, keepDim: keep) })
        case ("item", []): return .double(try engine(loc) { () throws -> Double in try t.item() })
        case ("backward", []):
            try engine(loc) { () throws in try t.backward() }
            return .void
        case ("backward", ["gradient"]):
            guard case .tensor(let g) = values[0] else { throw CellError("'gradient' must be a Tensor", at: loc) }
            try engine(loc) { () throws in try t.backward(gradient: g) }
            return .void
        case ("zeroGrad", []):
            t.zeroGrad()
            return .void
        case ("tanh", []): return .tensor(t.tanh())
        case ("exp", []): return .tensor(t.exp())
        case ("log", []): return .tensor(t.log())
        case ("sqrt", []): return .tensor(t.sqrt())
        case ("erf", []): return .tensor(t.erf())
        case ("relu", []): return .tensor(t.relu())
        case ("sigmoid", []): return .tensor(t.sigmoid())
        case ("neg", []): return .tensor(t.neg())
        case ("detached", []): return .tensor(t.detached())
        case ("pow", [nil]):
            guard let e = number(values[0]) else { throw CellError("pow takes a number exponent", at: loc) }
            return .tensor(t.pow(e))
        case ("matmul", [nil]):
            guard case .tensor(let other) = values[0] else { throw CellError("matmul takes a Tensor", at: loc) }
            try checkProduct(t.shape, other.shape, loc)
            return .tensor(try checked(try engine(loc) { () throws -> Tensor in try t.matmul(other) }, loc))
        default:
            return nil
        }
    }

    /// `Linear`, `GELU`, `ReLU`, `Tanh`, `Sigmoid`, `Sequential`, `Tensor(…)`, `mseLoss`, …
    func engineBuiltin(_ name: String, _ values: [Value], _ labels: [String?], _ loc: Loc) throws(CellError) -> Value? {
        switch (name, labels) {
        case ("manualSeed", [nil]):
            guard case .int(let seed) = values[0], seed >= 0 else { throw CellError("manualSeed takes a non-negative Int", at: loc) }
            generator.manualSeed(UInt64(seed))
            return .void
        case ("Tensor", [nil]):
            switch values[0] {
            case .int(let i): return .tensor(Tensor(Double(i)))
            case .double(let d): return .tensor(Tensor(d))
            case .float(let f): return .tensor(Tensor(Double(f)))
            case .tensor(let t): return .tensor(t)
            default: return .tensor(try tensor(from: values[0], loc))
            }
        case ("Tensor", ["shape", "scalars"]):
            let dims = try shape([values[0]], loc)
            guard case .array(let items) = values[1] else { throw CellError("'scalars' must be an array of numbers", at: loc) }
            var scalars: [Float] = []
            for item in items {
                guard let n = number(item) else { throw CellError("'scalars' must be an array of numbers", at: loc) }
                scalars.append(Float(n))
            }
            return .tensor(try engine(loc) { () throws -> Tensor in try Tensor(shape: dims, scalars: scalars) })
        case ("Linear", [nil, nil]), ("Linear", [nil, nil, "bias"]):
            guard case .int(let inputs) = values[0], case .int(let outputs) = values[1], inputs > 0, outputs > 0 else {
                throw CellError("Linear takes two positive Ints: Linear(inFeatures, outFeatures)", at: loc)
            }
            let bias = values.count > 2 ? try truth(values[2], loc) : true
            _ = try shape([.int(inputs), .int(outputs)], loc)
            return .layer(.linear(Linear(inputs, outputs, bias: bias, generator: generator)))
        case ("GELU", []): return .layer(.gelu(GELU()))
        case ("GELU", ["approximate"]):
            switch values[0] {
            case .enumCase("tanh"), .string("tanh"): return .layer(.gelu(GELU(approximate: .tanh)))
            case .enumCase("none"), .string("none"): return .layer(.gelu(GELU(approximate: .none)))
            default: throw CellError("GELU's approximate is .none or .tanh", at: loc)
            }
        case ("ReLU", []): return .layer(.relu(ReLU()))
        case ("Tanh", []): return .layer(.tanh(Tanh()))
        case ("Sigmoid", []): return .layer(.sigmoid(Sigmoid()))
        case ("Sequential", _):
            var children = values
            if values.count == 1, case .array(let a) = values[0] { children = a }
            for child in children where !isModule(child) {
                throw CellError("Sequential takes modules, found '\(child.typeName)'", at: loc)
            }
            return .sequential(children)
        case ("mseLoss", [nil, nil]):
            guard case .tensor(let input) = values[0], case .tensor(let target) = values[1] else {
                throw CellError("mseLoss takes two tensors", at: loc)
            }
            return .tensor(try engine(loc) { () throws -> Tensor in try mseLoss(input, target) })
        case ("MSELoss", []):
            return .function(.builtin("mseLoss"))
        case ("matmul", [nil, nil]):
            guard case .tensor(let a) = values[0], case .tensor(let b) = values[1] else { throw CellError("matmul takes two tensors", at: loc) }
            try checkProduct(a.shape, b.shape, loc)
            return .tensor(try checked(try engine(loc) { () throws -> Tensor in try a.matmul(b) }, loc))
        default:
            return nil
        }
    }
}
