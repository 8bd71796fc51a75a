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
        var fitting = 0
        var firstFitting = -1
        for (n, candidate) in call.candidates.enumerated() {
            let binding = all[candidate.index]
            if let receiver, !binding.accepts[0](receiver) { continue }
            fitting += 1
            if firstFitting < 0 { firstFitting = n }
        }
        guard fitting > 0 else { return nil }
        let site = CallSite(interpreter: self, loc: loc)
        if fitting == 1 {
            // One overload: its conversions say what is wrong with an argument, in Swift's words.
            let candidate = call.candidates[firstFitting]
            return try all[candidate.index].invoke(parameters(candidate, receiver, values), site)
        }
        for candidate in call.candidates {
            let binding = all[candidate.index]
            if let receiver, !binding.accepts[0](receiver) { continue }
            let parameters = parameters(candidate, receiver, values)
            var fits = true
            for (i, test) in binding.accepts.enumerated() where !test(parameters[i]) {
                fits = false
                break
            }
            if fits { return try binding.invoke(parameters, site) }
        }
        let types = values.map { "'\($0.typeName)'" }.joined(separator: ", ")
        throw CellError("no exact matches in call to \(call.what) '\(call.name)' with arguments of type (\(types)); candidates: \(candidates(call, receiver))", at: loc)
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

    private func candidates(_ call: BoundCall, _ receiver: Value?) -> String {
        var seen: [String] = []
        for c in call.candidates {
            let b = registry.all[c.index]
            if let receiver, !b.accepts[0](receiver) { continue }
            let text = b.declaration
            if !seen.contains(text) { seen.append(text) }
        }
        return seen.joined(separator: ", ")
    }

    /// A method reached without lowering's choice (a module called as a function, a page
    /// module's `namedParameters()`): chosen here from the labels. Nil when none is named so.
    func boundMethod(_ receiver: Value, _ name: String, _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> Value? {
        guard let indices = registry.methods[name] else { return nil }
        let forReceiver = indices.filter { registry.all[$0].accepts[0](receiver) }
        guard !forReceiver.isEmpty else { return nil }
        switch registry.bind(forReceiver, labels, what: "instance method", name: name) {
        case .success(let call):
            return try callBound(call, receiver: receiver, values, arguments, loc)
        case .failure(let mismatch):
            throw CellError(mismatch.message, at: mismatch.argument.flatMap { $0 < arguments.count ? arguments[$0].loc : nil } ?? loc)
        }
    }

    /// A property of an engine value read through a path (`x.grad!.shape` in an assignment).
    func boundProperty(_ receiver: Value, _ name: String, _ loc: Loc) throws(CellError) -> Value? {
        guard let indices = registry.properties[name] else { return nil }
        let call = BoundCall(name: name, what: "property", candidates: indices.map { .init(index: $0, sources: [], isDirect: true) })
        return try callBound(call, receiver: receiver, [], [], loc)
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
