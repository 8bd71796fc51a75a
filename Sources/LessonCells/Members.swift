import NetworkEngine

/// Members, methods and subscripts of values: page structs and tuples here; the properties of
/// engine values, collections and numbers are the registry's (`Bindings/`).
extension Interpreter {
    func member(_ value: Value, _ name: String, _ loc: Loc) throws(CellError) -> Value {
        switch value {
        case .instance(let instance):
            if let i = instance.type.fieldIndex[name] { return instance.fields[i] }
            if let code = instance.type.computed[name] {
                return try invoke(code, captured: nil, receiver: value, [], [], [], loc).result
            }
            if let code = instance.type.methods[name] { return .function(.method(code, instance)) }
        case .tuple(let t):
            if let i = t.labels.firstIndex(of: name) ?? Int(name), t.elements.indices.contains(i) { return t.elements[i] }
        case .nilValue, .someValue:
            throw CellError("value of optional type\(value.isNone ? "" : " '\(value.typeName)'") must be unwrapped to refer to member '\(name)'; use '!' or '?.'", at: loc)
        default:
            // Properties of engine values, collections and numbers (`x.shape`, `xs.count`).
            if let v = try boundProperty(value, name, loc) { return v }
        }
        throw CellError("value of type '\(value.typeName)' has no member '\(name)'", at: loc)
    }

    /// Calls `receiver.name(…)`. The second result is the receiver as a mutating method left it.
    func callMethod(_ receiver: Value, _ name: String, _ arguments: [Argument], _ frame: Frame, _ loc: Loc) throws(CellError) -> (result: Value, receiver: Value?) {
        let (values, labels) = try evalArguments(arguments, frame)
        return try callMethodValues(receiver, name, values, labels, arguments, loc)
    }

    func callMethodValues(_ receiver: Value, _ name: String, _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> (result: Value, receiver: Value?) {
        if case .instance(let instance) = receiver {
            if let code = instance.type.methods[name] {
                return try callUserMethod(instance, code, values, labels, arguments, loc)
            }
            if let i = instance.type.fieldIndex[name] {
                return (try call(instance.fields[i], values, labels, arguments, loc), nil)
            }
            if instance.type.conformsToModule, let v = try boundMethod(receiver, name, values, labels, arguments, loc) { return (v, nil) }
            throw CellError("value of type '\(instance.type.name)' has no member '\(name)'", at: loc)
        }
        if case .tuple(let t) = receiver, let i = t.labels.firstIndex(of: name) {
            return (try call(t.elements[i], values, labels, arguments, loc), nil)
        }
        return try builtinMethod(receiver, name, values, labels, arguments, loc)
    }

    /// A mutating call on an assignable receiver (`xs.append(1)`, `counter.increment()`).
    /// `evaluated`: the arguments' values, where the caller has evaluated them already.
    func callMutating(_ target: LValue, _ name: String, _ arguments: [Argument], _ frame: Frame, _ loc: Loc, evaluated: [Value]? = nil) throws(CellError) -> Value {
        let steps = try resolve(target.path, frame)
        let (f, i) = location(target.root, frame)
        if case .void = f.slots[i] { try requireNotHeld(f, i, target.loc) }
        var receiver = try get(f.slots[i], steps, loc)
        if case .instance = receiver, Interpreter.heldMethod(f.slots[i], steps, name) != nil {
            receiver = .void
            if target.rootIsLet {
                throw CellError("cannot use mutating member '\(name)' on immutable value: '\(target.rootName)' is a 'let' constant", at: target.loc)
            }
            var (values, labels) = (evaluated ?? [], arguments.map(\.label))
            if evaluated == nil { (values, labels) = try evalArguments(arguments, frame) }
            // The variable is read after the arguments, as Swift reads it; they may have changed it.
            if let code = Interpreter.heldMethod(f.slots[i], steps, name) {
                return try callHeld(code, target, name, f.slots + i, steps, values, labels, arguments, loc)
            }
            let (result, changed) = try callMethodValues(try get(f.slots[i], steps, loc), name, values, labels, arguments, loc)
            if let changed { try set(target, steps, changed, frame) }
            return result
        }
        if case .array = receiver, Lowering.builtinMutatingMethods.contains(name) {
            // Drop this copy first: alive during the change, it would make every `append` copy
            // the whole array.
            receiver = .void
            if target.rootIsLet, !f.slots[i].isTensor {
                throw CellError("cannot use mutating member '\(name)' on immutable value: '\(target.rootName)' is a 'let' constant", at: target.loc)
            }
            var (values, labels) = (evaluated ?? [], arguments.map(\.label))
            if evaluated == nil { (values, labels) = try evalArguments(arguments, frame) }
            var result = Value.void
            try update(&f.slots[i], declared: target.rootType, steps[...], loc) { (leaf: inout Value, type: TypeRef?) throws(CellError) in
                result = try mutateArray(&leaf, name, values, labels, arguments, declared: type, loc) ?? .void
            }
            return result
        }
        let (result, changed): (Value, Value?)
        if let evaluated {
            (result, changed) = try callMethodValues(receiver, name, evaluated, arguments.map(\.label), arguments, loc)
        } else {
            (result, changed) = try callMethod(receiver, name, arguments, frame, loc)
        }
        if let changed { try set(target, steps, changed, frame) }
        return result
    }

    /// A page struct's mutating method on a variable or on what its stored properties and array
    /// elements hold (`log.add(x)`, `trainer.log.add(x)`, `logs[0].add(x)`): what `callHeld` runs.
    static func heldMethod(_ root: Value, _ steps: [ResolvedStep], _ name: String) -> FunctionCode? {
        var value = root
        for step in steps {
            switch step {
            case .member(let field):
                guard case .instance(let instance) = value, let k = instance.type.fieldIndex[field] else { return nil }
                value = instance.fields[k]
            case .index(let keys):
                guard case .array(let a) = value, keys.count == 1, case .int(let k) = keys[0], a.indices.contains(k) else { return nil }
                value = a[k]
            }
        }
        guard case .instance(let instance) = value, let code = instance.type.methods[name], code.isMutating else { return nil }
        return code
    }

    /// Runs a mutating method with its receiver taken out of the variable, as Swift's `inout self`
    /// has it: the variable (`slot`) is held in a frame of its own while the method runs (still
    /// measured against the memory budget) and the receiver moved into the method's frame, so it
    /// is the only reference and an append to one of its arrays grows it in place, not a copy of
    /// the whole array per call. Every way out puts both back, an error's and a budget stop's
    /// too (Swift writes `inout self` back when the method throws). Reading the variable while
    /// the method runs is Swift's exclusivity violation, a located error (`requireNotHeld`);
    /// assigning it, an error when the method returns, whatever else it did.
    func callHeld(_ code: FunctionCode, _ target: LValue, _ name: String, _ slot: UnsafeMutablePointer<Value>, _ steps: [ResolvedStep],
                  _ values: [Value], _ labels: [String?], _ arguments: [Argument], _ loc: Loc) throws(CellError) -> Value {
        // Slot 0: the variable; slot 1: the receiver, moved out of it.
        let hold = Frame(size: 2, parent: nil)
        // The path runs through instances and arrays only (`heldMethod`): `update` walks it in place.
        func swapReceiver() throws(CellError) {
            try update(&hold.slots[0], declared: nil, steps[...], loc) { (leaf: inout Value, _: TypeRef?) throws(CellError) in
                swap(&leaf, &hold.slots[1])
            }
        }
        swap(&hold.slots[0], &slot.pointee)
        var failure: CellError? = nil
        var result = Value.void
        do {
            try swapReceiver()
            activeFrames.append(hold)
            heldVariables.append(HeldVariable(slot: slot, name: target.rootName, method: name, loc: loc))
            defer {
                heldVariables.removeLast()
                activeFrames.removeLast()
            }
            do {
                result = try invoke(code, captured: nil, receiver: nil, values, labels, arguments, loc, selfSlot: hold.slots + 1).result
            } catch {
                failure = error
            }
            try swapReceiver()
        } catch {
            failure = failure ?? error
        }
        let assigned: Bool
        if case .void = slot.pointee { assigned = false } else { assigned = true }
        swap(&hold.slots[0], &slot.pointee)
        // Swift traps at the assignment, before the method could fail: this error comes first,
        // and is no thrown error that `try?` would turn into nil.
        if assigned {
            throw CellError("overlapping accesses to '\(target.rootName)', but modification requires exclusive access: it was assigned while its mutating method '\(name)' ran", at: loc)
        }
        if let failure { throw failure }
        return result
    }

    /// A variable a mutating method holds (`callHeld`) reads as empty: using it is an error there.
    func requireNotHeld(_ slot: UnsafeMutablePointer<Value>, _ loc: Loc) throws(CellError) {
        guard let held = heldVariables.last(where: { $0.slot == slot }) else { return }
        throw CellError(
            "overlapping accesses to '\(held.name)', but modification requires exclusive access: its mutating method '\(held.method)' (line \(held.loc.line)) is running", at: loc)
    }

    /// The same for slot `i` of `frame`; and a mutating method's `self` used by a closure that
    /// outlived the method (it finds the slot empty) is the error swiftc gives where the closure
    /// escapes. Here it is given where `self` is used: a closure that never uses it runs.
    func requireNotHeld(_ frame: Frame, _ i: Int, _ loc: Loc) throws(CellError) {
        try requireNotHeld(frame.slots + i, loc)
        if i == 0, frame.selfLeft { throw CellError("escaping closure captures mutating 'self' parameter", at: loc) }
    }

    func subscriptGet(_ receiver: Value, _ keys: [Value], _ labels: [String?], _ loc: Loc) throws(CellError) -> Value {
        switch receiver {
        case .array(let a):
            if keys.count == 1, case .partialRange(let p) = keys[0] {
                let (lower, upper) = p.bounds(in: a.count)
                guard lower >= 0, upper <= a.count, lower <= upper else { throw CellError("range \(lower)..<\(upper) out of bounds for an array of \(a.count) elements", at: loc) }
                return .array(Array(a[lower..<upper]))
            }
            if keys.count == 1, case .range(let lower, let upper) = keys[0] {
                guard lower >= 0, upper <= a.count else { throw CellError("range \(lower)..<\(upper) out of bounds for an array of \(a.count) elements", at: loc) }
                return .array(Array(a[lower..<upper]))
            }
            return a[try arrayIndex(keys, a.count, loc)]
        case .module(let m as Sequential):
            return cellValue(m.layers[try arrayIndex(keys, m.layers.count, loc)])
        case .dictionary(let d):
            guard keys.count == 1, let hashKey = DictionaryKey(keys[0]) else { throw CellError("a dictionary subscript takes one key", at: loc) }
            return Value.optional(d[hashKey])
        case .string(let s):
            let i = try arrayIndex(keys, s.count, loc)
            return .string(String(s[s.index(s.startIndex, offsetBy: i)]))
        case .tensor(let t):
            return .tensor(try tensorSubscript(t, keys, loc))
        default:
            throw CellError("value of type '\(receiver.typeName)' has no subscripts", at: loc)
        }
    }

    func sortedValues(_ a: [Value], _ loc: Loc) throws(CellError) -> [Value] {
        try Interpreter.mergeSorted(a) { (x, y) throws(CellError) in
            // Each comparison is a step, so sorting a huge array stays within the budgets.
            try self.step(loc)
            return try self.less(x, y, loc)
        }
    }

    func less(_ x: Value, _ y: Value, _ loc: Loc) throws(CellError) -> Bool {
        guard case .bool(let b) = try binary(.less, x, y, loc) else { return false }
        return b
    }
}

/// A variable taken out of its slot while a mutating method of its value runs.
struct HeldVariable {
    let slot: UnsafeMutablePointer<Value>
    let name: String
    let method: String
    let loc: Loc
}
