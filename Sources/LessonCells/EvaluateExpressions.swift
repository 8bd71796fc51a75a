import LessonModel
import NetworkEngine

/// Expressions. Arithmetic lives in `Operators.swift`, calls in `Calls.swift`, members and
/// methods of built-in values in `Members.swift`.
extension Interpreter {
    func eval(_ expr: Expr, _ frame: Frame) throws(CellError) -> Value {
        switch expr {
        case .literal(let v):
            return v
        case .variable(let ref, let loc):
            let value = read(ref, frame)
            // Empty while a mutating method of its value runs (`callHeld`): reading it is an error.
            if case .void = value { let (f, i) = location(ref, frame); try requireNotHeld(f, i, loc) }
            return value
        case .binary(let op, let lhs, let rhs, let loc):
            return try binary(op, try eval(lhs, frame), try eval(rhs, frame), loc)
        case .toDouble(let e, let loc):
            return try toDouble(try eval(e, frame), loc)
        case .compoundAssignment(let target, let op, let e, let loc):
            let rhs = try eval(e, frame)
            if target.path.isEmpty {
                let (f, i) = location(target.root, frame)
                if case .void = f.slots[i] { try requireNotHeld(f, i, target.loc) }
                try requireCompoundOperator(op, f.slots[i], rhs, loc)
                try compoundAssign(op, &f.slots[i], rhs, declared: target.rootType, loc)
                return .void
            }
            let steps = try resolve(target.path, frame)
            let (f, i) = location(target.root, frame)
            if case .void = f.slots[i] { try requireNotHeld(f, i, target.loc) }
            try requireAssignable(target, f.slots[i])
            try update(&f.slots[i], declared: target.rootType, steps[...], target.loc) { (leaf: inout Value, type: TypeRef?) throws(CellError) in
                try compoundAssign(op, &leaf, rhs, declared: type, loc)
            }
            return .void
        case .assignment(let target, let e, _):
            let value = try eval(e, frame)
            if target.path.isEmpty {
                write(target.root, target.rootType == nil ? value : try coerce(value, to: target.rootType, e.loc(or: target.loc)), frame)
                return .void
            }
            try set(target, try resolve(target.path, frame), value, frame)
            return .void
        case .discard(let e):
            _ = try eval(e, frame)
            return .void
        case .and(let lhs, let rhs, let loc):
            guard try truth(try eval(lhs, frame), loc) else { return .bool(false) }
            return .bool(try truth(try eval(rhs, frame), loc))
        case .or(let lhs, let rhs, let loc):
            if try truth(try eval(lhs, frame), loc) { return .bool(true) }
            return .bool(try truth(try eval(rhs, frame), loc))
        case .nilCoalescing(let lhs, let rhs):
            let v = try eval(lhs, frame)
            return v.isNone ? try eval(rhs, frame) : v.unwrapped
        case .unary(let op, let e, let loc):
            return try unary(op, try eval(e, frame), loc)
        case .ternary(let c, let a, let b, let loc):
            return try truth(try eval(c, frame), loc) ? try eval(a, frame) : try eval(b, frame)
        case .partialRange(let lhs, let rhs, let closed, let loc):
            var bounds: [Int?] = []
            for bound in [lhs, rhs] {
                guard let bound else { bounds.append(nil); continue }
                guard case .int(let i) = try eval(bound, frame) else { throw CellError("range bounds must be integers", at: loc) }
                bounds.append(i)
            }
            return .partialRange(PartialRange(lower: bounds[0], upper: bounds[1], closed: closed))
        case .range(let lhs, let rhs, let closed, let loc):
            guard case .int(let lower) = try eval(lhs, frame), case .int(let upper) = try eval(rhs, frame) else {
                throw CellError("range bounds must be integers", at: loc)
            }
            if upper < lower {
                throw CellError("range requires lowerBound <= upperBound (\(lower)\(closed ? "..." : "..<")\(upper))", at: loc)
            }
            if closed {
                let (end, overflow) = upper.addingReportingOverflow(1)
                if overflow { throw CellError("closed range ends at Int.max", at: loc) }
                return .range(lower, end)
            }
            return .range(lower, upper)
        case .interpolation(let parts, _):
            var text = ""
            for part in parts {
                if let literal = part.literal { text += literal }
                if let e = part.expr { text += try describe(try eval(e, frame), e.loc(or: expr.loc)) }
            }
            try checkString(text.utf8.count, new: text.utf8.count, expr.loc)
            return .string(text)
        case .array(let elements, let loc):
            let bytes = elements.count &* MemoryLayout<Value>.stride
            try reserve(bytes, loc)
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            // The elements made so far count while the next ones run.
            try building(&values, reserved: bytes) { (values) throws(CellError) in
                for e in elements {
                    let value = try eval(e, frame)
                    try checkNesting(value, e.loc(or: loc))
                    values.append(value)
                }
            }
            return .array(values)
        case .dictionary(let pairs, let loc):
            var d = DictionaryValue()
            for (k, v) in pairs {
                let key = try eval(k, frame)
                guard let hashKey = DictionaryKey(key) else {
                    throw CellError("a value of type '\(key.typeName)' cannot be a dictionary key", at: loc)
                }
                let value = try eval(v, frame)
                try checkNesting(value, v.loc(or: loc))
                d.set(key, hashKey, value)
            }
            return .dictionary(d)
        case .tuple(let elements, let labels, let loc):
            var values: [Value] = []
            for e in elements {
                let value = try eval(e, frame)
                try checkNesting(value, e.loc(or: loc))
                values.append(value)
            }
            return .tuple(TupleValue(elements: values, labels: labels))
        case .call(let callee, let arguments, let loc):
            let function = try eval(callee, frame)
            let (values, labels) = try evalArguments(arguments, frame)
            return try call(function, values, labels, arguments, loc)
        case .construct(let type, let arguments, let loc):
            let (values, labels) = try evalArguments(arguments, frame)
            return try construct(type, values, labels, arguments, loc)
        case .bound(let call, let arguments, let loc):
            return try callBound(call, receiver: nil, try evalValues(arguments, frame), arguments, loc) ?? .void
        case .member(let base, let name, let loc):
            return try member(try eval(base, frame), name, loc)
        case .boundMember(let base, let call, let loc):
            let receiver = try eval(base, frame)
            if let value = try callBound(call, receiver: receiver, [], [], loc) { return value }
            return try member(receiver, call.name, loc)
        case .methodCall(let base, let name, let arguments, let loc):
            let receiver = try eval(base, frame)
            return try callMethod(receiver, name, arguments, frame, loc).result
        case .boundMethod(let base, let call, let arguments, let loc):
            let receiver = try eval(base, frame)
            if case .instance(let instance) = receiver, instance.type.declares(call.name) {
                return try callMethod(receiver, call.name, arguments, frame, loc).result
            }
            let values = try evalValues(arguments, frame)
            if let value = try callBound(call, receiver: receiver, values, arguments, loc) { return value }
            return try callMethodValues(receiver, call.name, values, arguments.map(\.label), arguments, loc).result
        case .mutatingCall(let target, let name, let arguments, let loc):
            return try callMutating(target, name, arguments, frame, loc)
        case .implicitMember(let name, _):
            return .enumCase(name)
        case .subscriptAccess(let base, let arguments, let loc):
            let receiver = try eval(base, frame)
            let (values, labels) = try evalArguments(arguments, frame)
            return try subscriptGet(receiver, values, labels, loc)
        case .forceUnwrap(let e, let loc):
            let v = try eval(e, frame)
            if v.isNone {
                throw CellError("unexpectedly found nil while unwrapping an Optional value\(Interpreter.unwrapHint(e))", at: loc)
            }
            return v.unwrapped
        case .optionalChain(let e, _):
            let v = try eval(e, frame)
            if v.isNone { throw CellError.nilChain }
            return v.unwrapped
        case .chainRoot(let e):
            return try optional(e, frame) { $0.isNilChain }
        case .tryOptional(let e):
            // Swift's `try?` catches what is thrown, not a trap or a budget.
            return try optional(e, frame) { $0.isThrown }
        case .closure(let code, _):
            return .function(.closure(code, frame === globals ? nil : frame))
        case .ifExpression(let branches, let otherwise, let loc):
            for (condition, body) in branches where try test(condition, frame) {
                return try valueOfBranch(body, frame, loc)
            }
            if let otherwise { return try valueOfBranch(otherwise, frame, loc) }
            return .void
        }
    }

    /// `if` used as an expression: its branch is one expression (lowered as a `return`), or a
    /// statement list (run for its effects).
    private func valueOfBranch(_ body: [Stmt], _ frame: Frame, _ loc: Loc) throws(CellError) -> Value {
        if body.count == 1, case .expr(let e) = body[0] { return try eval(e, frame) }
        let flow = try exec(body, frame)
        if case .returned = flow { throw CellError("'return' inside an 'if' expression is not supported in cells", at: loc) }
        return .void
    }

    /// `e`'s value as an optional, or nil where it fails with an error `isNil` picks.
    private func optional(_ e: Expr, _ frame: Frame, nilWhen isNil: (CellError) -> Bool) throws(CellError) -> Value {
        do {
            return try eval(e, frame).asOptional
        } catch {
            if isNil(error) { return .nilValue }
            throw error
        }
    }

    /// A hint for the commonest nil unwrap of the lesson: reading a gradient before `backward()`.
    static func unwrapHint(_ e: Expr) -> String {
        if case .boundMember(_, let call, _) = e, call.name == "grad" { return " ('grad' is nil until backward() reaches this tensor)" }
        return ""
    }

    func evalArguments(_ arguments: [Argument], _ frame: Frame) throws(CellError) -> ([Value], [String?]) {
        (try evalValues(arguments, frame), arguments.map(\.label))
    }

    /// The arguments' values alone, for a call the lowering already matched to its labels.
    func evalValues(_ arguments: [Argument], _ frame: Frame) throws(CellError) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(arguments.count)
        for a in arguments { values.append(try eval(a.value, frame)) }
        return values
    }

    // MARK: assignment through paths

    enum ResolvedStep {
        case member(String)
        case index([Value])
    }

    /// Evaluates a path's subscripts first, so the update that follows runs no cell code while
    /// it holds the variable (Swift's exclusivity rule for the frame's storage).
    func resolve(_ path: [LValue.Step], _ frame: Frame) throws(CellError) -> [ResolvedStep] {
        var result: [ResolvedStep] = []
        for step in path {
            switch step {
            case .member(let name): result.append(.member(name))
            case .index(let arguments):
                var values: [Value] = []
                for a in arguments { values.append(try eval(a.value, frame)) }
                result.append(.index(values))
            }
        }
        return result
    }

    func get(_ root: Value, _ steps: [ResolvedStep], _ loc: Loc) throws(CellError) -> Value {
        var value = root
        for step in steps {
            switch step {
            case .member(let name): value = try member(value, name, loc)
            case .index(let keys): value = try subscriptGet(value, keys, keys.map { _ in nil }, loc)
            }
        }
        return value
    }

    func set(_ target: LValue, _ steps: [ResolvedStep], _ newValue: Value, _ frame: Frame) throws(CellError) {
        let (f, i) = location(target.root, frame)
        if case .void = f.slots[i] { try requireNotHeld(f, i, target.loc) }
        try requireAssignable(target, f.slots[i])
        try checkNesting(newValue, levels: steps.count, target.loc)
        // The value keeps the declared type of what it replaces (`var best: Double?` assigned `3`).
        try update(&f.slots[i], declared: target.rootType, steps[...], target.loc) { (leaf: inout Value, type: TypeRef?) throws(CellError) in
            leaf = try coerce(newValue, to: type, target.loc)
        }
    }

    /// A `let` can't change through a path, except a reference's (a tensor's `x.grad = nil`,
    /// `x[0] = 1`; an optimizer's `opt.lr = 0.1`).
    func requireAssignable(_ target: LValue, _ root: Value) throws(CellError) {
        if target.rootIsLet, !root.isReference {
            if case .index? = target.path.first {
                throw CellError("cannot assign through subscript: '\(target.rootName)' is a 'let' constant", at: target.loc)
            }
            throw CellError("cannot assign to property: '\(target.rootName)' is a 'let' constant", at: target.loc)
        }
    }

    /// Walks `steps` into `value` and applies `change` at the end, in place. Each part is taken
    /// out of its container while it changes (`swapPart`), so Swift's copy-on-write finds it
    /// unique. (No binding of a container may outlive the look at it: a second reference kept
    /// alive would turn every change into a copy of the whole container.)
    /// `declared` is the value's declared type where the page gave one (a typed variable, a
    /// struct's stored property, an element of either); `change` receives the leaf's.
    func update(_ value: inout Value, declared: TypeRef?, _ steps: ArraySlice<ResolvedStep>, _ loc: Loc,
                _ change: (inout Value, TypeRef?) throws(CellError) -> Void) throws(CellError) {
        guard let step = steps.first else {
            try change(&value, declared)
            return
        }
        let rest = steps.dropFirst()
        switch step {
        case .member(let name):
            if let (index, declaredField) = try Interpreter.storedPart(value, name, loc) {
                // The part is taken out and the rest put back while it changes, so a memory
                // measurement then finds the container's other parts (unique all the same).
                var part = Value.void
                swapPart(&part, index, of: &value)
                defer { swapPart(&part, index, of: &value) }
                try update(part: &part, declared: declaredField, rest, loc, change)
            } else if let setter = Registry.shared.setter(name, of: value) {
                // A property of a reference (`x.grad = nil`, `x.requiresGrad = true`): read,
                // change, and set through the binding.
                var property = try member(value, name, loc)
                try update(&property, declared: nil, rest, loc, change)
                try setter(value, property, CallSite(interpreter: self, loc: loc))
            } else {
                throw CellError("cannot assign to member '\(name)' of a value of type '\(value.typeName)'", at: loc)
            }
        case .index(let keys):
            if let count = Interpreter.arrayCount(value) {
                // The element out, the rest back, as for a stored property.
                let i = try arrayIndex(keys, count, loc)
                var part = Value.void
                swapPart(&part, i, of: &value)
                defer { swapPart(&part, i, of: &value) }
                try update(part: &part, declared: declared?.element, rest, loc, change)
            } else if case .dictionary(var d) = value {
                guard keys.count == 1, let hashKey = DictionaryKey(keys[0]) else {
                    throw CellError("a dictionary subscript takes one key", at: loc)
                }
                value = .void
                defer { value = .dictionary(d) }
                var entry = Value.optional(d[hashKey])
                try update(&entry, declared: nil, rest, loc, change)
                d.set(keys[0], hashKey, entry.isNone ? nil : entry.unwrapped)
            } else if case .tensor(let tensor) = value {
                // `x[0, ...] = y`, `x[1...] += 1`: the selected part, changed, written back.
                var part = Value.tensor(try tensorSubscript(tensor, keys, loc))
                try update(&part, declared: nil, rest, loc, change)
                try assignTensorSubscript(tensor, keys, part, loc)
            } else if case .module(let module) = value, var sequential = module as? Sequential {
                let i = try arrayIndex(keys, sequential.layers.count, loc)
                var layer = cellValue(sequential.layers[i])
                try update(&layer, declared: nil, rest, loc, change)
                guard let replacement = engineModule(layer) else {
                    throw CellError("cannot assign value of type '\(layer.typeName)' to a layer of a 'Sequential'", at: loc)
                }
                sequential.layers[i] = replacement
                value = .module(sequential)
            } else {
                throw CellError("cannot assign through a subscript of a value of type '\(value.typeName)'", at: loc)
            }
        }
    }

    /// The index and declared type of stored property or tuple element `name` of `value`; nil
    /// where `value` is neither an instance nor a tuple.
    static func storedPart(_ value: Value, _ name: String, _ loc: Loc) throws(CellError) -> (Int, TypeRef?)? {
        switch value {
        case .instance(let instance):
            guard let index = instance.type.fieldIndex[name] else {
                throw CellError("value of type '\(instance.type.name)' has no member '\(name)'", at: loc)
            }
            return (index, instance.type.fields[index].type)
        case .tuple(let tuple):
            guard let index = tuple.labels.firstIndex(of: name) ?? Int(name), tuple.elements.indices.contains(index) else {
                throw CellError("value of type 'tuple' has no member '\(name)'", at: loc)
            }
            return (index, nil)
        default:
            return nil
        }
    }

    /// The length of the array `value` holds (no binding of it outlives the look), else nil.
    static func arrayCount(_ value: Value) -> Int? {
        if case .array(let array) = value { return array.count }
        return nil
    }

    /// Swaps `part` with part `index` of the instance, tuple or array `value` holds. The
    /// container is moved out of `value` and back: a binding of it left there would make the
    /// swap copy it whole (for an array of arrays, every element per append).
    private func swapPart(_ part: inout Value, _ index: Int, of value: inout Value) {
        var taken = Value.void
        swap(&taken, &value)
        // Each case is told apart first, then bound once from `consume taken` (a `switch` binding
        // the payloads kept a second reference while the swap ran).
        if case .instance = taken {
            guard case .instance(var container) = consume taken else { return }
            swapElement(&part, &container.fields, index)
            value = .instance(consume container)
        } else if case .tuple = taken {
            guard case .tuple(var container) = consume taken else { return }
            swapElement(&part, &container.elements, index)
            value = .tuple(consume container)
        } else if case .array = taken {
            guard case .array(var container) = consume taken else { return }
            swapElement(&part, &container, index)
            value = .array(consume container)
        } else {
            value = taken
        }
    }

    @inline(__always)
    private func swapElement(_ part: inout Value, _ elements: inout [Value], _ index: Int) {
        #if DEBUG
        // Tests count the containers the swap copied (none, where they are unique).
        let base = elements.withUnsafeBufferPointer { $0.baseAddress }
        swap(&part, &elements[index])
        if base != elements.withUnsafeBufferPointer({ $0.baseAddress }) { copiedContainers += 1 }
        #else
        swap(&part, &elements[index])
        #endif
    }

    /// `update` of `part`, taken out of its container (which is back where it was): where
    /// steps remain, `part` is a container too, its own part out, and only here until they are
    /// done, so a measurement meanwhile is handed it (`holding`). The leaf is the change's to
    /// hand over.
    @inline(__always)
    private func update(part: inout Value, declared: TypeRef?, _ rest: ArraySlice<ResolvedStep>, _ loc: Loc,
                        _ change: (inout Value, TypeRef?) throws(CellError) -> Void) throws(CellError) {
        if rest.isEmpty { return try change(&part, declared) }
        try holding(&part) { (part) throws(CellError) in try update(&part, declared: declared, rest, loc, change) }
    }

    func arrayIndex(_ keys: [Value], _ count: Int, _ loc: Loc) throws(CellError) -> Int {
        guard keys.count == 1, case .int(let i) = keys[0] else {
            throw CellError("an array subscript takes one Int index", at: loc)
        }
        guard i >= 0 && i < count else {
            throw CellError("index out of range: index \(i) into an array of \(count) element\(count == 1 ? "" : "s")", at: loc)
        }
        return i
    }
}

extension CellError {
    static let nilChain = CellError("nil in optional chain", at: Loc(line: -1, column: -1))
    var isNilChain: Bool { loc.line == -1 }
}
