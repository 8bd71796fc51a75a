import NetworkEngine

/// Calling page functions, closures, methods and initializers: argument labels and defaults
/// matched as Swift matches them, one frame per call.
extension Interpreter {
    func call(_ function: Value, _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> Value {
        switch function {
        case .function(.closure(let code, let captured)):
            return try invoke(code, captured: captured, receiver: nil, values, labels, arguments, loc).result
        case .function(.method(let code, let instance)):
            return try invoke(code, captured: nil, receiver: .instance(instance), values, labels, arguments, loc).result
        case .function(.builtin(let name)):
            guard let op = BinaryOp(rawValue: name), values.count == 2 else {
                throw CellError("operator '\(name)' takes two arguments", at: loc)
            }
            try step(loc)
            return try binary(op, values[0], values[1], loc)
        case .instance(let instance):
            guard let code = instance.type.methods["callAsFunction"] else {
                throw CellError("cannot call value of non-function type '\(instance.type.name)'", at: loc)
            }
            return try invoke(code, captured: nil, receiver: function, values, labels, arguments, loc).result
        case .module, .host:
            if let value = try boundMethod(function, "callAsFunction", values, labels, arguments, loc) { return value }
            throw CellError("cannot call value of non-function type '\(function.typeName)'", at: loc)
        default:
            throw CellError("cannot call value of non-function type '\(function.typeName)'", at: loc)
        }
    }

    /// Runs a function body in a new frame. Returns the result and, for methods and
    /// initializers, `self` as the body left it. `selfSlot`: a mutating call's receiver, moved into
    /// the frame while the body runs (the only reference, so its arrays grow in place) and back on
    /// every way out, an error's too; `receiver` is then nil and the second result `.void`.
    func invoke(
        _ code: FunctionCode, captured: Frame?, receiver: Value?, _ values: [Value], _ labels: [String?],
        _ arguments: [Argument], _ loc: Loc, selfSlot: UnsafeMutablePointer<Value>? = nil
    ) throws(CellError) -> (result: Value, receiver: Value) {
        try step(loc)
        callDepth += 1
        defer { callDepth -= 1 }
        if callDepth > Budget.maxCallDepth {
            throw CellError("too many nested calls (more than \(Budget.maxCallDepth)); is '\(code.name)' recursing without end?", at: loc)
        }
        let frame = Frame(size: code.frameSize, parent: captured)
        activeFrames.append(frame)
        defer { activeFrames.removeLast() }
        var slot = 0
        if code.hasSelf, let receiver {
            frame.slots[0] = receiver
            slot = 1
        }
        if code.hasSelf, let selfSlot {
            swap(&frame.slots[0], &selfSlot.pointee)
            slot = 1
        }
        defer {
            if code.hasSelf, let selfSlot { swap(&frame.slots[0], &selfSlot.pointee) }
            if code.isMutating { frame.selfLeft = true }
        }
        let bound = try match(code, values, labels, arguments, loc, defaultsFrame: captured ?? globals)
        for value in bound {
            frame.slots[slot] = value
            slot += 1
        }
        returnValue = .void
        let flow = try exec(code.body, frame)
        var result = Value.void
        if case .returned = flow {
            result = returnValue
            returnValue = .void
        }
        if case .void = result, let type = code.returnType, !code.isInitializer, !code.isClosure {
            if case .optional = type { result = .nilValue } else {
                throw CellError("missing return in '\(code.name)', which is declared to return a value", at: code.loc)
            }
        }
        result = try coerce(result, to: code.returnType, code.loc)
        guard code.hasSelf, selfSlot == nil else { return (result, .void) }
        // A mutating method's `self` leaves the frame (a closure kept there must not see it).
        guard code.isMutating else { return (result, frame.slots[0]) }
        var receiver = Value.void
        swap(&receiver, &frame.slots[0])
        return (result, receiver)
    }

    /// Binds call arguments to parameters in order: labels must match, defaulted parameters may
    /// be skipped, a variadic parameter takes the rest. A closure taking several parameters
    /// accepts one tuple of as many elements (`enumerated().map { i, x in … }`).
    func match(
        _ code: FunctionCode, _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc, defaultsFrame: Frame
    ) throws(CellError) -> [Value] {
        let parameters = code.parameters
        if code.isClosure {
            if parameters.count > 1, values.count == 1, case .tuple(let t) = values[0], t.elements.count == parameters.count {
                return t.elements
            }
            guard values.count == parameters.count else {
                throw CellError("closure expects \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), but \(values.count) \(values.count == 1 ? "was" : "were") given", at: loc)
            }
            return values
        }
        func argumentLoc(_ index: Int) -> Loc { index < arguments.count ? arguments[index].loc : loc }
        var bound: [Value] = []
        bound.reserveCapacity(parameters.count)
        var next = 0
        for p in parameters {
            if p.isVariadic {
                var rest: [Value] = []
                if next < values.count, labels[next] == p.label {
                    rest.append(try coerce(values[next], to: p.type, argumentLoc(next)))
                    next += 1
                    while next < values.count, labels[next] == nil {
                        rest.append(try coerce(values[next], to: p.type, argumentLoc(next)))
                        next += 1
                    }
                }
                bound.append(.array(rest))
                continue
            }
            if next < values.count, labels[next] == p.label {
                bound.append(try coerce(values[next], to: p.type, argumentLoc(next)))
                next += 1
                continue
            }
            guard let d = p.defaultValue else { break }
            bound.append(try coerce(try eval(d, defaultsFrame), to: p.type, d.loc(or: code.loc)))
        }
        if bound.count < parameters.count || next < values.count {
            let (message, argument) = CallShape(code).mismatch(labels) ?? ("arguments do not fit '\(code.signature)'", nil)
            throw CellError(message, at: argument.map { $0 < arguments.count ? arguments[$0].loc : loc } ?? loc)
        }
        return bound
    }

    // MARK: structs

    /// A struct's memberwise initializer parameters: every stored property in order, except
    /// `let` properties with an initial value; `var` properties with one may be omitted.
    func memberwiseInitializer(_ type: StructType) -> FunctionCode {
        if let cached = type.memberwise { return cached }
        let code = FunctionCode(name: type.name, loc: type.loc)
        code.parameters = type.fields.filter { !($0.isLet && $0.defaultValue != nil) }.map {
            .init(label: $0.name, name: $0.name, defaultValue: $0.defaultValue, type: $0.type)
        }
        type.memberwise = code
        return code
    }

    func construct(_ type: StructType, _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> Value {
        var instance = Instance(type: type, fields: Array(repeating: .void, count: type.fields.count))
        for (i, field) in type.fields.enumerated() {
            if let d = field.defaultValue { instance.fields[i] = try coerce(try eval(d, globals), to: field.type, d.loc(or: type.loc)) }
        }
        if type.initializers.isEmpty {
            let code = memberwiseInitializer(type)
            try step(loc)
            let bound = try match(code, values, labels, arguments, loc, defaultsFrame: globals)
            var b = 0
            for (i, field) in type.fields.enumerated() where !(field.isLet && field.defaultValue != nil) {
                try checkNesting(bound[b], b < arguments.count ? arguments[b].loc : loc)
                instance.fields[i] = bound[b]
                b += 1
            }
            return .instance(instance)
        }
        // With several initializers, the first whose labels fit the call is chosen.
        var chosen = type.initializers[0]
        if type.initializers.count > 1 {
            for candidate in type.initializers {
                do {
                    _ = try match(candidate, values, labels, arguments, loc, defaultsFrame: globals)
                } catch {
                    if error.isBudget { throw error }
                    continue
                }
                chosen = candidate
                break
            }
        }
        let (_, result) = try invoke(chosen, captured: nil, receiver: .instance(instance), values, labels, arguments, loc)
        guard case .instance(let built) = result else { return result }
        if let missing = built.fields.indices.first(where: { if case .void = built.fields[$0] { return true } else { return false } }) {
            throw CellError("'self.\(type.fields[missing].name)' is not initialized at the end of 'init'", at: chosen.loc)
        }
        return result
    }

    /// A page struct's method. A `mutating` method hands back the changed receiver.
    func callUserMethod(_ instance: Instance, _ code: FunctionCode, _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> (result: Value, receiver: Value?) {
        let (result, receiver) = try invoke(code, captured: nil, receiver: .instance(instance), values, labels, arguments, loc)
        return (result, code.isMutating ? receiver : nil)
    }
}
