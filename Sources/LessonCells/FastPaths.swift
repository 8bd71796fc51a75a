/// Compiled arithmetic: numbers, variables, operators, conversions and plain assignments become
/// small node objects that run themselves (a virtual call per node, children held as `let`s, so
/// no retains and releases as a walk over indirect enums costs). Anything else compiles to a node
/// that hands its subtree to the tree-walking evaluator, so behaviour is the same either way.

extension Interpreter {
    /// Replaces expression statements and simple declarations by compiled nodes, in this list
    /// and in the bodies of the loops, branches and functions it contains. Consecutive compiled
    /// statements run as one balanced tree of `SequenceNode`s, so a loop body of such statements
    /// runs its node directly instead of walking the statement list.
    func optimize(_ statements: [Stmt]) -> [Stmt] {
        var result: [Stmt] = []
        var run: [(FastNode, Loc)] = []
        func flush() {
            if !run.isEmpty { result.append(.fast(sequence(run[...]), run[0].1)) }
            run = []
        }
        for statement in statements {
            let optimized = optimize(statement)
            if case .fast(let node, let loc) = optimized {
                run.append((node, loc))
                continue
            }
            flush()
            result.append(optimized)
        }
        flush()
        return result
    }

    /// Statements in a row as one node: a balanced tree of `SequenceNode`s, so running and
    /// freeing it recurse only as deep as the logarithm of its length.
    private func sequence(_ run: ArraySlice<(FastNode, Loc)>) -> FastNode {
        if run.count == 1 { return run[run.startIndex].0 }
        let middle = run.startIndex + run.count / 2
        return SequenceNode(sequence(run[..<middle]), sequence(run[middle...]), run[middle].1)
    }

    func optimize(_ statement: Stmt) -> Stmt {
        switch statement {
        case .expr(let e):
            return .fast(compile(e), e.loc)
        case .declare(.variable(let ref), let value?, let type, let loc):
            return .fast(DeclareNode(ref, compile(value), type, value.loc(or: loc)), loc)
        case .ifElse(let branches, let otherwise):
            return .ifElse(branches.map { ($0.0, optimize($0.1)) }, otherwise.map(optimize))
        case .guardElse(let conditions, let body, let loc):
            return .guardElse(conditions, optimize(body), loc)
        case .forIn(let pattern, let sequence, let condition, let body, let loc):
            optimizeClosures(in: sequence)
            return .forIn(pattern, sequence, condition, optimize(body), loc)
        case .declare(_, let value?, _, _), .returnValue(let value?, _):
            optimizeClosures(in: value)
            return statement
        case .forInFreshFrame(let pattern, let sequence, let condition, let body, let size, let loc):
            return .forInFreshFrame(pattern, sequence, condition, optimize(body), size, loc)
        case .whileLoop(let conditions, let body, let loc):
            return .whileLoop(conditions, optimize(body), loc)
        case .whileFreshFrame(let conditions, let body, let size, let loc):
            return .whileFreshFrame(conditions, optimize(body), size, loc)
        case .repeatWhile(let body, let condition, let loc):
            return .repeatWhile(optimize(body), condition, loc)
        case .block(let body):
            return .block(optimize(body))
        case .function(let ref, let code):
            optimize(code)
            return .function(ref, code)
        default:
            return statement
        }
    }

    func optimize(_ code: FunctionCode) {
        guard !code.isOptimized else { return }
        code.isOptimized = true
        code.body = optimize(code.body)
    }

    func compile(_ e: Expr) -> FastNode {
        switch e {
        case .literal(let v):
            return LiteralNode(v)
        case .variable(.local(let i), _):
            return LocalNode(i)
        case .variable(.global(let i), let loc):
            return GlobalNode(i, loc)
        case .binary(let op, let lhs, let rhs, let loc):
            return BinaryNode(op, compile(lhs), compile(rhs), loc)
        case .toDouble(.variable(.local(let i), let variableLoc), let loc):
            return VariableToDoubleNode(false, i, variableLoc, loc)
        case .toDouble(.variable(.global(let i), let variableLoc), let loc):
            return VariableToDoubleNode(true, i, variableLoc, loc)
        case .toDouble(let x, let loc):
            return ToDoubleNode(compile(x), loc)
        case .and(let lhs, let rhs, let loc):
            return LogicalNode(isAnd: true, compile(lhs), compile(rhs), loc)
        case .or(let lhs, let rhs, let loc):
            return LogicalNode(isAnd: false, compile(lhs), compile(rhs), loc)
        case .unary(let op, let x, let loc):
            return UnaryNode(op, compile(x), loc)
        case .ternary(let c, let x, let y, let loc):
            return TernaryNode(compile(c), compile(x), compile(y), loc)
        case .array(let elements, let loc):
            return ArrayLiteralNode(elements.map(compile), elements.map { $0.loc(or: loc) }, loc)
        case .compoundAssignment(let target, .add, .array(let elements, let arrayLoc), let loc)
            where target.path.isEmpty && elements.count == 1:
            // `xs += [x]`: an append, without making the one-element array.
            let form = AppendNode.Form.addArray(elementLoc: elements[0].loc(or: arrayLoc))
            switch target.root {
            case .global(let i): return VariableAppendNode(form, target, true, i, compile(elements[0]), loc)
            case .local(let i): return VariableAppendNode(form, target, false, i, compile(elements[0]), loc)
            case .outer: break
            }
        case .compoundAssignment(let target, .add, .literal(.string(let more)), let loc) where target.path.isEmpty:
            // `text += "x"`: the literal kept as a String, not a node to run for a Value.
            switch target.root {
            case .global(let i): return LiteralAppendNode(more, CompoundAssignNode(true, i, .add, LiteralNode(.string(more)), target.rootType, loc))
            case .local(let i): return LiteralAppendNode(more, CompoundAssignNode(false, i, .add, LiteralNode(.string(more)), target.rootType, loc))
            case .outer: break
            }
        case .compoundAssignment(let target, let op, let x, let loc) where target.path.isEmpty:
            switch target.root {
            case .global(let i): return CompoundAssignNode(true, i, op, compile(x), target.rootType, loc)
            case .local(let i): return CompoundAssignNode(false, i, op, compile(x), target.rootType, loc)
            case .outer: break
            }
        case .mutatingCall(let target, "append", let arguments, let loc)
            where !target.rootIsLet && target.rootName != "self" && arguments.count == 1 && arguments[0].label == nil:
            // `xs.append(x)` or `log.losses.append(x)`: a variable, or one stored property of it.
            let slot: (onPage: Bool, index: Int)
            switch target.root {
            case .global(let i): slot = (true, i)
            case .local(let i): slot = (false, i)
            case .outer: slot = (false, -1)
            }
            guard slot.index >= 0 else { break }
            if target.path.isEmpty {
                return VariableAppendNode(.append(e), target, slot.onPage, slot.index, compile(arguments[0].value), loc)
            }
            if target.path.count == 1, case .member(let name) = target.path[0] {
                return FieldAppendNode(e, slot.onPage, slot.index, name, compile(arguments[0].value), loc)
            }
        case .discard(let x):
            return DiscardNode(compile(x))
        case .assignment(let target, let x, _) where target.path.isEmpty:
            return DeclareNode(target.root, compile(x), target.rootType, x.loc(or: target.loc))
        default:
            break
        }
        optimizeClosures(in: e)
        return TreeNode(e)
    }

    /// Compiles the bodies of the closures an expression makes (`map { … }` and friends).
    func optimizeClosures(in e: Expr) {
        func all(_ es: [Expr]) { for x in es { optimizeClosures(in: x) } }
        func args(_ list: [Argument]) { for a in list { optimizeClosures(in: a.value) } }
        switch e {
        case .closure(let code, _):
            optimize(code)
        case .literal, .variable, .implicitMember:
            break
        case .interpolation(let parts, _):
            all(parts.compactMap(\.expr))
        case .array(let es, _), .tuple(let es, _, _):
            all(es)
        case .dictionary(let pairs, _):
            all(pairs.flatMap { [$0.0, $0.1] })
        case .binary(_, let a, let b, _), .and(let a, let b, _), .or(let a, let b, _), .nilCoalescing(let a, let b), .range(let a, let b, _, _):
            all([a, b])
        case .unary(_, let a, _), .toDouble(let a, _), .member(let a, _, _), .boundMember(let a, _, _), .forceUnwrap(let a, _), .optionalChain(let a, _), .chainRoot(let a), .discard(let a), .tryOptional(let a):
            optimizeClosures(in: a)
        case .ternary(let a, let b, let c, _):
            all([a, b, c])
        case .partialRange(let a, let b, _, _):
            all([a, b].compactMap { $0 })
        case .call(let callee, let list, _):
            optimizeClosures(in: callee)
            args(list)
        case .construct(_, let list, _), .bound(_, let list, _):
            args(list)
        case .methodCall(let base, _, let list, _), .subscriptAccess(let base, let list, _), .boundMethod(let base, _, let list, _):
            optimizeClosures(in: base)
            args(list)
        case .mutatingCall(_, _, let list, _):
            args(list)
        case .assignment(_, let a, _), .compoundAssignment(_, _, let a, _):
            optimizeClosures(in: a)
        case .ifExpression:
            break
        }
    }
}

/// A compiled expression. The nodes live in the AST, which the interpreter's frames keep alive,
/// so they hold neither: the interpreter comes with each run, as an argument (a stored
/// reference back to it, even an unowned one, was retained and released around each use).
class FastNode {
    func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value { .void }

    /// Runs the node as a statement, dropping its value. The statement nodes override it with
    /// their `run` inlined, so the `.void` they return is never made and destroyed.
    func perform(_ f: Frame, _ interpreter: Interpreter) throws(CellError) { _ = try run(f, interpreter) }
}

final class LiteralNode: FastNode {
    let value: Value
    init(_ value: Value) { self.value = value }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value { value }
}

final class LocalNode: FastNode {
    let index: Int
    init(_ index: Int) { self.index = index }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value { Value.copy(f.slots + index) }
}

final class GlobalNode: FastNode {
    let index: Int
    let loc: Loc
    init(_ index: Int, _ loc: Loc) { self.index = index; self.loc = loc }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        let value = Value.copy(interpreter.globals.slots + index)
        // Empty while a mutating method of its value runs (`callHeld`): reading it is an error.
        if case .void = value { try interpreter.requireNotHeld(interpreter.globals.slots + index, loc) }
        return value
    }
}

extension Value {
    /// A slot's value: numbers are rebuilt from their payload, which spares the general copy
    /// (a call that switches over every case) on the hot reads of loop counters and sums.
    @inline(__always)
    static func copy(_ slot: UnsafeMutablePointer<Value>) -> Value {
        switch slot.pointee {
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        default: return slot.pointee
        }
    }
}

final class BinaryNode: FastNode {
    let op: BinaryOp
    let lhs: FastNode
    let rhs: FastNode
    let loc: Loc
    init(_ op: BinaryOp, _ lhs: FastNode, _ rhs: FastNode, _ loc: Loc) {
        self.op = op; self.lhs = lhs; self.rhs = rhs; self.loc = loc
    }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        let a = try lhs.run(f, interpreter)
        let b = try rhs.run(f, interpreter)
        if case .double(let x) = a, case .double(let y) = b { return try interpreter.doubles(op, x, y, loc) }
        return try interpreter.binary(op, a, b, loc)
    }
}

final class ToDoubleNode: FastNode {
    let operand: FastNode
    let loc: Loc
    init(_ operand: FastNode, _ loc: Loc) { self.operand = operand; self.loc = loc }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        try interpreter.double(of: try operand.run(f, interpreter), loc)
    }
}

/// `Double(x)` of a variable, read where it lies: no node for the variable.
final class VariableToDoubleNode: FastNode {
    /// A page variable, else a local of the running frame.
    let onPage: Bool
    let index: Int
    /// The variable's location (a read while it is held is an error there) and the call's.
    let variableLoc: Loc
    let loc: Loc
    init(_ onPage: Bool, _ index: Int, _ variableLoc: Loc, _ loc: Loc) {
        self.onPage = onPage; self.index = index; self.variableLoc = variableLoc; self.loc = loc
    }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        let slot = interpreter.slot(index, onPage: onPage, f)
        // Empty while a mutating method of its value runs, as `GlobalNode` checks.
        if case .void = slot.pointee { try interpreter.requireNotHeld(slot, variableLoc) }
        return try interpreter.double(of: Value.copy(slot), loc)
    }
}

extension Interpreter {
    /// `Double(v)`: an Int or a Double here, anything else by the evaluator's rules, out of line.
    @inline(__always)
    func double(of v: Value, _ loc: Loc) throws(CellError) -> Value {
        switch v {
        case .int(let i): return .double(Double(i))
        case .double: return v
        default: return try convertToDouble(v, loc)
        }
    }

    @inline(never)
    private func convertToDouble(_ v: Value, _ loc: Loc) throws(CellError) -> Value {
        try toDouble(v, loc)
    }
}

final class LogicalNode: FastNode {
    let isAnd: Bool
    let lhs: FastNode
    let rhs: FastNode
    let loc: Loc
    init(isAnd: Bool, _ lhs: FastNode, _ rhs: FastNode, _ loc: Loc) {
        self.isAnd = isAnd; self.lhs = lhs; self.rhs = rhs; self.loc = loc
    }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        let first = try interpreter.truth(try lhs.run(f, interpreter), loc)
        if first != isAnd { return .bool(first) }
        return .bool(try interpreter.truth(try rhs.run(f, interpreter), loc))
    }
}

final class UnaryNode: FastNode {
    let op: UnaryOp
    let operand: FastNode
    let loc: Loc
    init(_ op: UnaryOp, _ operand: FastNode, _ loc: Loc) {
        self.op = op; self.operand = operand; self.loc = loc
    }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value { try interpreter.unary(op, try operand.run(f, interpreter), loc) }
}

final class TernaryNode: FastNode {
    let condition: FastNode
    let whenTrue: FastNode
    let whenFalse: FastNode
    let loc: Loc
    init(_ condition: FastNode, _ whenTrue: FastNode, _ whenFalse: FastNode, _ loc: Loc) {
        self.condition = condition; self.whenTrue = whenTrue; self.whenFalse = whenFalse; self.loc = loc
    }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        try interpreter.truth(try condition.run(f, interpreter), loc) ? try whenTrue.run(f, interpreter) : try whenFalse.run(f, interpreter)
    }
}

/// `[a, b, c]`, as the evaluator makes it: reserved against the memory budget, each element
/// checked for nesting at its own location.
final class ArrayLiteralNode: FastNode {
    let elements: [FastNode]
    let locs: [Loc]
    let loc: Loc
    /// Whether an element may measure the page's memory (anything but a literal or a variable
    /// read): then the elements made so far are handed to the measurement (`building`).
    let mayMeasure: Bool
    init(_ elements: [FastNode], _ locs: [Loc], _ loc: Loc) {
        self.elements = elements; self.locs = locs; self.loc = loc
        mayMeasure = elements.contains { !($0 is LiteralNode || $0 is LocalNode || $0 is GlobalNode) }
    }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        let bytes = elements.count &* MemoryLayout<Value>.stride
        try interpreter.reserve(bytes, loc)
        var values: [Value] = []
        values.reserveCapacity(elements.count)
        if mayMeasure {
            try interpreter.building(&values, reserved: bytes) { (values) throws(CellError) in try make(&values, f, interpreter) }
        } else {
            try make(&values, f, interpreter)
        }
        return .array(values)
    }

    @inline(__always)
    private func make(_ values: inout [Value], _ f: Frame, _ interpreter: Interpreter) throws(CellError) {
        for i in elements.indices {
            let value = try elements[i].run(f, interpreter)
            try interpreter.checkNesting(value, locs[i])
            values.append(value)
        }
    }
}

/// `x op= value` on a plain variable of the page or of the running frame. A Double is updated
/// and a String grown where they lie; anything else takes the evaluator's way.
final class CompoundAssignNode: FastNode {
    /// A page variable, else a local of the running frame.
    let onPage: Bool
    let index: Int
    let op: BinaryOp
    let value: FastNode
    let declared: TypeRef?
    let loc: Loc
    init(_ onPage: Bool, _ index: Int, _ op: BinaryOp, _ value: FastNode, _ declared: TypeRef?, _ loc: Loc) {
        self.onPage = onPage; self.index = index; self.op = op; self.value = value
        self.declared = declared; self.loc = loc
    }
    override func perform(_ f: Frame, _ interpreter: Interpreter) throws(CellError) { _ = try run(f, interpreter) }

    @inline(__always)
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        var rhs = try value.run(f, interpreter)
        let slot = interpreter.slot(index, onPage: onPage, f)
        if case .double(let x) = slot.pointee, case .double(let y) = rhs {
            // A Double has nothing to free: overwritten, not assigned.
            slot.initialize(to: try interpreter.doubles(op, x, y, loc))
        } else if op == .add, Interpreter.isString(rhs), Interpreter.isString(slot.pointee) {
            // The operand's String is moved out of its Value, not copied from it.
            var taken = Value.void
            swap(&taken, &rhs)
            guard case .string(let more) = consume taken else { return .void }
            try interpreter.appendString(&slot.pointee, more, loc)
        } else {
            if case .void = slot.pointee { try interpreter.requireNotHeld(slot, loc) }
            try interpreter.requireCompoundOperator(op, slot.pointee, rhs, loc)
            try interpreter.compoundAssign(op, &slot.pointee, rhs, declared: declared, loc)
        }
        return .void
    }
}

/// `text += "x"` on a plain variable: the literal is held as a String, so an append makes no
/// operand value and tests no other operand type first. Anything but a String in the variable
/// takes `general`'s way (the same statement as a `CompoundAssignNode`).
final class LiteralAppendNode: FastNode {
    let more: String
    /// The same statement as a `CompoundAssignNode`, whose variable this node appends to.
    let general: CompoundAssignNode
    init(_ more: String, _ general: CompoundAssignNode) {
        self.more = more; self.general = general
    }
    override func perform(_ f: Frame, _ interpreter: Interpreter) throws(CellError) { _ = try run(f, interpreter) }

    @inline(__always)
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        let slot = interpreter.slot(general.index, onPage: general.onPage, f)
        guard Interpreter.isString(slot.pointee) else { return try general.run(f, interpreter) }
        try interpreter.appendString(&slot.pointee, more, general.loc)
        return .void
    }
}

/// `_ = value`: the value made and dropped.
final class DiscardNode: FastNode {
    let value: FastNode
    init(_ value: FastNode) { self.value = value }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        try value.perform(f, interpreter)
        return .void
    }
}

/// `let x = value` / `x = value` on a plain variable.
final class DeclareNode: FastNode {
    let ref: VarRef
    let value: FastNode
    let type: TypeRef?
    /// Where the value is written, for a value that does not fit the declared type.
    let valueLoc: Loc
    init(_ ref: VarRef, _ value: FastNode, _ type: TypeRef?, _ valueLoc: Loc) {
        self.ref = ref; self.value = value; self.type = type; self.valueLoc = valueLoc
    }
    override func perform(_ f: Frame, _ interpreter: Interpreter) throws(CellError) { _ = try run(f, interpreter) }

    @inline(__always)
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        let v = try value.run(f, interpreter)
        interpreter.write(ref, type == nil ? v : try interpreter.coerce(v, to: type, valueLoc), f)
        return .void
    }
}

/// `xs.append(x)` and `xs += [x]` on a plain variable, and `log.losses.append(x)` on one stored
/// property of a struct variable: the array taken out of its slot (so it is the only reference
/// and grows in place, amortised O(1)), grown and put back, without resolving a path, making a
/// one-element array or matching the method's name on every call. The form, the target and the
/// element's conversion are fixed when the node is made, so the hot path tests none of them.
/// Anything else (a struct's own `append`, a target that is no array) goes to the evaluator,
/// with the argument's value.
class AppendNode: FastNode {
    enum Form {
        /// `target.append(x)`: the evaluator's expression for other receivers.
        case append(Expr)
        /// `target += [x]`: the element's location (a value nested too deeply is reported there).
        case addArray(elementLoc: Loc)
    }
    /// What an element needs before it goes in, from the declared element type.
    enum Conversion {
        /// No declared element type.
        case none
        /// `[Double]`: a Double goes in as it is, anything else is converted.
        case double
        /// Another declared element type: `coerce` decides.
        case other
    }
    /// A page variable, else a local of the running frame.
    let onPage: Bool
    let index: Int
    let value: FastNode
    let loc: Loc
    /// `append(x)` checks the element's nesting after the array's size, at the call.
    let checksNestingAfterSize: Bool

    init(_ onPage: Bool, _ index: Int, _ value: FastNode, checksNestingAfterSize: Bool, _ loc: Loc) {
        self.onPage = onPage; self.index = index; self.value = value
        self.checksNestingAfterSize = checksNestingAfterSize; self.loc = loc
    }

    static func conversion(_ element: TypeRef?) -> Conversion {
        guard let element else { return .none }
        if case .double = element { return .double }
        return .other
    }

    /// Appends `new` to the array `target` holds. The array is moved out before it is counted
    /// (no retain): the only reference, it grows in place; every way out, a refused append too,
    /// puts it back (into the `.void` left behind, which has nothing to free). `enclosing`: the
    /// instance the array is a stored property of, also out of its variable, which a
    /// measurement is handed with the array.
    @inline(__always)
    final func append(_ target: inout Value, _ new: inout Value, _ conversion: Conversion, _ element: TypeRef?, _ interpreter: Interpreter,
                      enclosing: @autoclosure () -> Value = .void) throws(CellError) {
        var taken = Value.void
        swap(&taken, &target)
        guard case .array(var a) = consume taken else { return }
        do throws(CellError) {
            try interpreter.checkArray(a.count &+ 1, new: 1, loc, outside: .array([.array(a), enclosing()]))
            if checksNestingAfterSize { try interpreter.checkNesting(new, loc) }
            switch conversion {
            case .none: break
            case .double: if !AppendNode.isDouble(new) { new = try interpreter.coerce(new, to: element, loc) }
            case .other: new = try interpreter.coerce(new, to: element, loc)
            }
        } catch {
            target = .array(consume a)
            throw error
        }
        a.append(new)
        // Moved back, not copied (a `defer` copied it: a retain and a release per append).
        target = .array(consume a)
    }

    @inline(__always)
    static func isInstance(_ value: Value) -> Bool {
        if case .instance = value { return true }
        return false
    }

    @inline(__always)
    static func isArray(_ value: Value) -> Bool {
        if case .array = value { return true }
        return false
    }

    @inline(__always)
    static func isDouble(_ value: Value) -> Bool {
        if case .double = value { return true }
        return false
    }
}

/// `xs.append(x)` or `xs += [x]` on a plain variable.
final class VariableAppendNode: AppendNode {
    let form: Form
    let target: LValue
    let conversion: Conversion
    let element: TypeRef?
    /// `xs += [x]`: the element's location, where its nesting is checked before anything else.
    let elementLoc: Loc?

    init(_ form: Form, _ target: LValue, _ onPage: Bool, _ index: Int, _ value: FastNode, _ loc: Loc) {
        self.form = form; self.target = target
        element = target.rootType?.element
        conversion = AppendNode.conversion(element)
        if case .addArray(let elementLoc) = form { self.elementLoc = elementLoc } else { elementLoc = nil }
        super.init(onPage, index, value, checksNestingAfterSize: elementLoc == nil, loc)
    }

    override func perform(_ f: Frame, _ interpreter: Interpreter) throws(CellError) { _ = try run(f, interpreter) }

    /// The argument is evaluated first: the evaluator's mutating call also reads the target
    /// only after its arguments (`general` then takes the value, so nothing runs twice).
    @inline(__always)
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        var new = try value.run(f, interpreter)
        if let elementLoc { try interpreter.checkNesting(new, elementLoc) }
        let slot = interpreter.slot(index, onPage: onPage, f)
        guard AppendNode.isArray(slot.pointee) else { return try general(new, slot, f, interpreter) }
        try append(&slot.pointee, &new, conversion, element, interpreter)
        return .void
    }

    /// The evaluator's way, for a target that is no array (a struct's own `append`, a string),
    /// with the argument's value.
    @inline(never)
    private func general(_ new: Value, _ slot: UnsafeMutablePointer<Value>, _ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        switch form {
        case .append(let expr):
            guard case .mutatingCall(let target, let name, let arguments, let callLoc) = expr else { return .void }
            return try interpreter.callMutating(target, name, arguments, f, callLoc, evaluated: [new])
        case .addArray:
            if case .void = slot.pointee { try interpreter.requireNotHeld(slot, loc) }
            try interpreter.requireCompoundOperator(.add, slot.pointee, .array([new]), loc)
            try interpreter.compoundAssign(.add, &slot.pointee, .array([new]), declared: target.rootType, loc)
            return .void
        }
    }
}

/// `log.losses.append(x)`: one stored property of a struct variable.
final class FieldAppendNode: AppendNode {
    let call: Expr
    let field: String
    /// The struct type last found at the root, with the index, element type and conversion of
    /// its field (-1: no stored `var` of that name), so a field is looked up once per type.
    private var seenType: StructType?
    private var seenIndex = -1
    private var seenElement: TypeRef?
    private var seenConversion = Conversion.none

    init(_ call: Expr, _ onPage: Bool, _ index: Int, _ field: String, _ value: FastNode, _ loc: Loc) {
        self.call = call; self.field = field
        super.init(onPage, index, value, checksNestingAfterSize: true, loc)
    }

    override func perform(_ f: Frame, _ interpreter: Interpreter) throws(CellError) { _ = try run(f, interpreter) }

    @inline(__always)
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        var new = try value.run(f, interpreter)
        let slot = interpreter.slot(index, onPage: onPage, f)
        // The instance is moved out of its slot before it is looked at (matching it in place
        // would retain it), so its fields stay unique; every way out puts it back.
        guard AppendNode.isInstance(slot.pointee) else { return try general(new, f, interpreter) }
        var taken = Value.void
        swap(&taken, &slot.pointee)
        guard case .instance(var instance) = consume taken else { return .void }
        if instance.type !== seenType { learn(instance.type) }
        // A `let` property (seenIndex -1) is the evaluator's to refuse.
        guard seenIndex >= 0, AppendNode.isArray(instance.fields[seenIndex]) else {
            slot.initialize(to: .instance(instance))
            return try general(new, f, interpreter)
        }
        // The field leaves the instance too while it grows: the rest of the instance can then be
        // handed to a measurement (its other properties count) with no second reference made.
        // Both go back moved, not copied, on every way out (`defer`s copied the instance).
        var field = Value.void
        swap(&field, &instance.fields[seenIndex])
        do throws(CellError) {
            try append(&field, &new, seenConversion, seenElement, interpreter, enclosing: .instance(instance))
        } catch {
            swap(&field, &instance.fields[seenIndex])
            slot.initialize(to: .instance(consume instance))
            throw error
        }
        swap(&field, &instance.fields[seenIndex])
        slot.initialize(to: .instance(consume instance))
        return .void
    }

    private func learn(_ type: StructType) {
        seenType = type
        seenIndex = -1
        guard let i = type.fieldIndex[field], !type.fields[i].isLet else { return }
        seenIndex = i
        seenElement = type.fields[i].type?.element
        seenConversion = AppendNode.conversion(seenElement)
    }

    /// The evaluator's way, for a root that is no struct or a field that is no array.
    @inline(never)
    private func general(_ new: Value, _ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        guard case .mutatingCall(let target, let name, let arguments, let callLoc) = call else { return .void }
        return try interpreter.callMutating(target, name, arguments, f, callLoc, evaluated: [new])
    }
}

/// Compiled statements in a row, split in two halves. The statement that runs the node counts
/// the first statement's step; the node counts the second half's first step, at its location,
/// and each half counts its own further ones, so every statement counts its step where the
/// statement list would.
final class SequenceNode: FastNode {
    let first: FastNode
    let second: FastNode
    let secondLoc: Loc
    init(_ first: FastNode, _ second: FastNode, _ secondLoc: Loc) {
        self.first = first; self.second = second; self.secondLoc = secondLoc
    }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value {
        try perform(f, interpreter)
        return .void
    }

    override func perform(_ f: Frame, _ interpreter: Interpreter) throws(CellError) {
        try first.perform(f, interpreter)
        try interpreter.step(secondLoc)
        try second.perform(f, interpreter)
    }
}

/// Everything else: the tree-walking evaluator.
final class TreeNode: FastNode {
    let expr: Expr
    init(_ expr: Expr) { self.expr = expr }
    override func run(_ f: Frame, _ interpreter: Interpreter) throws(CellError) -> Value { try interpreter.eval(expr, f) }
}
