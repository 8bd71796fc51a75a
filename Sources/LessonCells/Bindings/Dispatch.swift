/// The evaluator's side of the registry: a call site holds the overloads lowering chose (as
/// indices into `Registry.all`); here they are tried in order on the receiver's and arguments'
/// values, and the first that takes them runs.
extension Interpreter {
    /// Runs the overload of `call` that takes `receiver` (methods and properties) and `values`
    /// (the call's arguments, in order). Nil when no overload takes the receiver, so the caller
    /// can try the methods of other values (arrays, page structs).
    func callBound(_ call: BoundCall, receiver: Value?, _ values: [Value], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> Value? {
        try step(loc)
        let all = registry.all
        // Each candidate's test of the receiver runs once; its verdict is kept, a bit per
        // candidate (no name has more than 64 overloads: `BindingTests` checks).
        precondition(call.candidates.count <= 64, "more overloads of '\(call.name)' than the dispatch mask holds")
        var takesReceiver: UInt64 = 0
        for (n, candidate) in call.candidates.enumerated() {
            if let receiver, !all[candidate.index].accepts[0](receiver) { continue }
            takesReceiver |= 1 << n
        }
        guard takesReceiver != 0 else { return nil }
        func fits(_ n: Int) -> Bool { takesReceiver & (1 << n) != 0 }
        let site = CallSite(interpreter: self, loc: loc)
        if takesReceiver.nonzeroBitCount == 1 {
            // One overload: its conversions say what is wrong with an argument, in Swift's words.
            let candidate = call.candidates[takesReceiver.trailingZeroBitCount]
            return try all[candidate.index].invoke(parameters(candidate, receiver, values), site)
        }
        let first = receiver == nil ? 0 : 1
        for (n, candidate) in call.candidates.enumerated() where fits(n) {
            let binding = all[candidate.index]
            let parameters = parameters(candidate, receiver, values)
            var takes = true
            for i in first..<binding.accepts.count where !binding.accepts[i](parameters[i]) {
                takes = false
                break
            }
            if takes { return try binding.invoke(parameters, site) }
        }
        var seen: [String] = []
        for (n, candidate) in call.candidates.enumerated() where fits(n) {
            let text = all[candidate.index].declaration
            if !seen.contains(text) { seen.append(text) }
        }
        let types = values.map { "'\($0.typeName)'" }.joined(separator: ", ")
        throw CellError("no exact matches in call to \(call.what) '\(call.name)' with arguments of type (\(types)); candidates: \(seen.joined(separator: ", "))", at: loc)
    }

    private func parameters(_ candidate: BoundCall.Candidate, _ receiver: Value?, _ values: [Value]) -> [Value] {
        var result: [Value] = []
        result.reserveCapacity(candidate.sources.count + 1)
        if let receiver { result.append(receiver) }
        if candidate.isDirect {
            result.append(contentsOf: values)
            return result
        }
        for source in candidate.sources {
            switch source {
            case .argument(let i): result.append(values[i])
            case .defaultValue(let v): result.append(v)
            case .variadic(let indices): result.append(.array(indices.map { values[$0] }))
            }
        }
        return result
    }

    /// A method reached without lowering's choice (a module called as a function, a page
    /// module's `namedParameters()`): chosen here from the labels. Nil when none is named so.
    func boundMethod(_ receiver: Value, _ name: String, _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> Value? {
        guard let indices = registry.methods[name] else { return nil }
        let forReceiver = indices.filter { registry.all[$0].accepts[0](receiver) }
        guard !forReceiver.isEmpty else { return nil }
        let call = try registry.bind(forReceiver, labels, arguments, what: "instance method", name: name, loc)
        return try callBound(call, receiver: receiver, values, arguments, loc)
    }

    /// A property of an engine value read through a path (`x.grad!.shape` in an assignment).
    func boundProperty(_ receiver: Value, _ name: String, _ loc: Loc) throws(CellError) -> Value? {
        guard let call = registry.propertyCalls[name] else { return nil }
        return try callBound(call, receiver: receiver, [], [], loc)
    }
}

extension Interpreter {
    /// Runs the mutating array method `name(labels…)` on `array` where it lives (see
    /// `Bindings/Arrays.swift`); `declared` is the array's declared type. Nil when the registry
    /// has no mutating method of that name (a page struct's, say: not the array's to run).
    func mutateArray(_ array: inout Value, _ name: String, _ values: [Value], _ labels: [String?], _ arguments: [Argument], declared: TypeRef?, _ loc: Loc) throws(CellError) -> Value? {
        guard let indices = registry.mutating[name] else { return nil }
        let site = CallSite(interpreter: self, loc: loc)
        // Lowering checked the labels; the overload they name runs on the values as they are.
        for i in indices where registry.all[i].shape.takesExactly(labels) {
            return try registry.all[i].mutate?(&array, values, declared?.element, site)
        }
        // Labels lowering left to this point (a page struct has a method of this name too):
        // Swift's message, or the overload they fit.
        try Registry.checkBoundOverload(name, arguments, loc)
        let call = try registry.bind(indices, labels, arguments, what: "instance method", name: name, loc)
        let candidate = call.candidates[0]
        return try registry.all[candidate.index].mutate?(&array, parameters(candidate, nil, values), declared?.element, site)
    }
}

extension CallShape {
    /// Whether the call's labels are this shape's parameters, one argument each.
    func takesExactly(_ labels: [String?]) -> Bool {
        guard parameters.count == labels.count else { return false }
        for (p, label) in zip(parameters, labels) where p.label != label || p.isVariadic { return false }
        return true
    }
}

extension Registry {
    /// The setter of the property `name` of `receiver`'s type, if the registry binds one.
    func setter(_ name: String, of receiver: Value) -> ((Value, Value, CallSite) throws(CellError) -> Void)? {
        for i in properties[name] ?? [] where all[i].accepts[0](receiver) {
            if let setter = all[i].setter { return setter }
        }
        return nil
    }
}

extension StructType {
    /// Whether the page's struct has its own method, field or computed property of this name.
    func declares(_ name: String) -> Bool {
        methods[name] != nil || fieldIndex[name] != nil || computed[name] != nil
    }
}
