import NetworkEngine

/// `+ - * / %` and comparisons. Int arithmetic traps on overflow and division by zero as Swift
/// does (here: located errors); a Double and an Int mix as Doubles (Swift would need a literal or
/// a conversion; cells are lenient). Tensors broadcast with tensors and scalars, as in PyTorch.
extension Interpreter {
    /// `target op= rhs`. A String or an array that grows (`s += "x"`, `xs += [1]`) grows in place,
    /// as in Swift: taken out of its slot first, so copy-on-write finds it unique and a loop of
    /// appends stays linear instead of copying the whole value each time.
    /// `declared` is the target's declared type, which the result keeps (`xs: [Double]`, `xs += [1]`).
    func compoundAssign(_ op: BinaryOp, _ target: inout Value, _ rhs: Value, declared: TypeRef?, _ loc: Loc) throws(CellError) {
        guard op == .add else {
            target = try coerce(try binary(op, target, rhs, loc), to: declared, loc)
            return
        }
        if case .string(let more) = rhs, Interpreter.isString(target) {
            try appendString(&target, more, loc)
        } else if case .array = target, case .array(let more) = rhs {
            // Out of the slot the same way, so the measurement is handed it.
            var taken = Value.void
            swap(&taken, &target)
            guard case .array(var a) = consume taken else { return }
            // Every way out puts it back moved, not copied (a `defer` copied it, as `appendString` says).
            do throws(CellError) {
                try checkArray(a.count &+ more.count, new: more.count, loc, outside: .array(a))
                if let element = declared?.element {
                    a += try more.map { (value) throws(CellError) in try coerce(value, to: element, loc) }
                } else {
                    a += more
                }
            } catch {
                target = .array(consume a)
                throw error
            }
            target = .array(consume a)
        } else {
            target = try coerce(try binary(op, target, rhs, loc), to: declared, loc)
        }
    }

    /// `s += more` on a String where it lies (a variable's slot, a field): moved out before it is
    /// measured (no retain), so it is unique and grows in place; every way out, a refused append
    /// too, puts it back, moved rather than copied (a `defer` copied it: a retain and a release
    /// per append).
    @inline(__always)
    func appendString(_ target: inout Value, _ more: String, _ loc: Loc) throws(CellError) {
        var taken = Value.void
        swap(&taken, &target)
        guard case .string(var s) = consume taken else { return }
        do throws(CellError) {
            try checkString(s.utf8.count &+ more.utf8.count, new: more.utf8.count, loc, outside: .string(s))
        } catch {
            target = .string(s)
            throw error
        }
        s += more
        target = .string(consume s)
    }

    @inline(__always)
    static func isString(_ value: Value) -> Bool {
        if case .string = value { return true }
        return false
    }

    /// `p -= lr * g` on a whole tensor variable: the engine declares no `-=` on `Tensor` (a
    /// tensor is a reference; rebinding a copy of it would change nothing), so this is swiftc's
    /// error, not a silent rebinding. The update is spelled `try p.sub_(g, alpha: lr)`.
    /// A tensor subscript (`x[0] += 1`) still writes in place.
    func requireCompoundOperator(_ op: BinaryOp, _ target: Value, _ rhs: Value, _ loc: Loc) throws(CellError) {
        guard case .tensor = target else { return }
        let operands = rhs.typeName == "Tensor" ? "two 'Tensor' operands" : "operands of type 'Tensor' and '\(rhs.typeName)'"
        throw CellError("binary operator '\(op.rawValue)=' cannot be applied to \(operands)", at: loc)
    }

    @inline(__always)
    func binary(_ op: BinaryOp, _ lhs: Value, _ rhs: Value, _ loc: Loc) throws(CellError) -> Value {
        switch (lhs, rhs) {
        case (.double(let a), .double(let b)): return try doubles(op, a, b, loc)
        case (.int(let a), .int(let b)): return try ints(op, a, b, loc)
        case (.double(let a), .int(let b)): return try doubles(op, a, Double(b), loc)
        case (.int(let a), .double(let b)): return try doubles(op, Double(a), b, loc)
        default: return try otherBinary(op, lhs, rhs, loc)
        }
    }

    @inline(__always)
    func doubles(_ op: BinaryOp, _ a: Double, _ b: Double, _ loc: Loc) throws(CellError) -> Value {
        floatingPoint(op, a, b, Value.double)
    }

    /// Double and Float arithmetic and comparison: IEEE rules, so nothing here can fail.
    @inline(__always)
    func floatingPoint<T: FloatingPoint>(_ op: BinaryOp, _ a: T, _ b: T, _ wrap: (T) -> Value) -> Value {
        switch op {
        case .add: return wrap(a + b)
        case .sub: return wrap(a - b)
        case .mul: return wrap(a * b)
        case .div: return wrap(a / b)
        case .rem: return wrap(a.truncatingRemainder(dividingBy: b))
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        }
    }

    func ints(_ op: BinaryOp, _ a: Int, _ b: Int, _ loc: Loc) throws(CellError) -> Value {
        switch op {
        case .add, .sub, .mul:
            let (r, overflow) = op == .add ? a.addingReportingOverflow(b) : op == .sub ? a.subtractingReportingOverflow(b) : a.multipliedReportingOverflow(by: b)
            if overflow { throw CellError("arithmetic overflow: \(a) \(op.rawValue) \(b) does not fit in an Int", at: loc) }
            return .int(r)
        case .div, .rem:
            if b == 0 { throw CellError("division by zero", at: loc) }
            if a == Int.min && b == -1 { throw CellError("arithmetic overflow: \(a) \(op.rawValue) \(b) does not fit in an Int", at: loc) }
            return .int(op == .div ? a / b : a % b)
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        }
    }

    func otherBinary(_ op: BinaryOp, _ lhs: Value, _ rhs: Value, _ loc: Loc) throws(CellError) -> Value {
        if !lhs.isTensor, !rhs.isTensor, let (a, b) = floatOperands(lhs, rhs) { return floats(op, a, b) }
        switch (op, lhs, rhs) {
        case (.add, .string(let a), .string(let b)):
            try checkString(a.utf8.count + b.utf8.count, new: a.utf8.count + b.utf8.count, loc)
            return .string(a + b)
        case (.add, .array(let a), .array(let b)):
            try checkArray(a.count + b.count, new: a.count + b.count, loc)
            return .array(a + b)
        case (.less, .string(let a), .string(let b)): return .bool(a < b)
        case (.greater, .string(let a), .string(let b)): return .bool(a > b)
        case (.lessEqual, .string(let a), .string(let b)): return .bool(a <= b)
        case (.greaterEqual, .string(let a), .string(let b)): return .bool(a >= b)
        case (.equal, _, _): return .bool(try equal(lhs, rhs, loc))
        case (.notEqual, _, _): return .bool(!(try equal(lhs, rhs, loc)))
        default: break
        }
        if lhs.isTensor || rhs.isTensor, let result = try tensorArithmetic(op, lhs, rhs, loc) {
            return .tensor(try checked(result, loc))
        }
        for case .someValue(let inner) in [lhs, rhs] {
            throw CellError("value of optional type '\(inner.typeName)?' must be unwrapped to a value of type '\(inner.typeName)'; use '!' or '??'", at: loc)
        }
        throw CellError("binary operator '\(op.rawValue)' cannot be applied to operands of type '\(lhs.typeName)' and '\(rhs.typeName)'", at: loc)
    }

    /// Tensor arithmetic. A number operand is PyTorch's wrapped scalar (rounded to float32).
    func tensorArithmetic(_ op: BinaryOp, _ lhs: Value, _ rhs: Value, _ loc: Loc) throws(CellError) -> Tensor? {
        switch (lhs, rhs) {
        case (.tensor(let a), .tensor(let b)):
            return try engine(loc) { () throws -> Tensor? in
                switch op {
                case .add: return try a.add(b)
                case .sub: return try a.sub(b)
                case .mul: return try a.mul(b)
                case .div: return try a.div(b)
                default: return nil
                }
            }
        case (.tensor(let a), _):
            guard let b = number(rhs) else { return nil }
            switch op {
            case .add: return a.add(b)
            case .sub: return a.sub(b)
            case .mul: return a.mul(b)
            case .div: return a.div(b)
            default: return nil
            }
        case (_, .tensor(let b)):
            guard let a = number(lhs) else { return nil }
            switch op {
            case .add: return b.add(a)
            case .sub: return b.subtracted(from: a)
            case .mul: return b.mul(a)
            case .div: return b.divided(into: a)
            default: return nil
            }
        default:
            return nil
        }
    }

    func number(_ v: Value) -> Double? {
        switch v {
        case .double(let d): return d
        case .int(let i): return Double(i)
        case .float(let f): return Double(f)
        default: return nil
        }
    }

    func equal(_ lhs: Value, _ rhs: Value, _ loc: Loc) throws(CellError) -> Bool {
        if let (a, b) = floatOperands(lhs, rhs) { return a == b }
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Double(a) == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.nilValue, .nilValue): return true
        case (.nilValue, _), (_, .nilValue): return false
        // Swift compares an optional with a value by wrapping the value.
        case (.someValue(let a), _): return try equal(a, rhs.unwrapped, loc)
        case (_, .someValue(let b)): return try equal(lhs, b, loc)
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where !(try equal(x, y, loc)) { return false }
            return true
        case (.tuple(let a), .tuple(let b)):
            guard a.elements.count == b.elements.count else { return false }
            for (x, y) in zip(a.elements, b.elements) where !(try equal(x, y, loc)) { return false }
            return true
        case (.range(let a, let b), .range(let c, let d)): return a == c && b == d
        case (.enumCase(let a), .enumCase(let b)): return a == b
        case (.tensor(let a), .tensor(let b)): return a === b
        default:
            throw CellError("binary operator '==' cannot be applied to operands of type '\(lhs.typeName)' and '\(rhs.typeName)'", at: loc)
        }
    }

    func unary(_ op: UnaryOp, _ v: Value, _ loc: Loc) throws(CellError) -> Value {
        switch (op, v) {
        case (.negate, .int(let i)):
            if i == Int.min { throw CellError("arithmetic overflow: -(\(i)) does not fit in an Int", at: loc) }
            return .int(-i)
        case (.negate, .double(let d)): return .double(-d)
        case (.negate, .float(let f)): return .float(-f)
        case (.negate, .tensor(let t)): return .tensor(t.neg())
        case (.plus, .int), (.plus, .double), (.plus, .float), (.plus, .tensor): return v
        case (.not, .bool(let b)): return .bool(!b)
        default:
            throw CellError("unary operator '\(op.rawValue)' cannot be applied to an operand of type '\(v.typeName)'", at: loc)
        }
    }
}

extension Value {
    var isTensor: Bool {
        if case .tensor = self { return true }
        return false
    }

    /// Tensors and host objects (optimizers) are references: a `let` holding one still lets
    /// their properties change, as a class instance's do in Swift.
    var isReference: Bool {
        switch self {
        case .tensor, .host: return true
        default: return false
        }
    }
}
