/// Compiled arithmetic: numbers, variables, operators, conversions and plain assignments become
/// small node objects that run themselves (a virtual call per node, children held as `let`s, so
/// no retains and releases as a walk over indirect enums costs). Anything else compiles to a node
/// that hands its subtree to the tree-walking evaluator, so behaviour is the same either way.

extension Interpreter {
    /// Replaces expression statements and simple declarations by compiled closures, in this
    /// list and in the bodies of the loops, branches and functions it contains.
    /// Consecutive compiled statements run as one node (`BlockNode`), so a loop body of such
    /// statements runs its node directly instead of walking the statement list.
    func optimize(_ statements: [Stmt]) -> [Stmt] {
        var result: [Stmt] = []
        var run: [(FastNode, Loc)] = []
        func flush() {
            if run.count == 1 { result.append(.fast(run[0].0, run[0].1)) }
            if run.count > 1 { result.append(.fast(BlockNode(self, run.map(\.0), run.map(\.1)), run[0].1)) }
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

    func optimize(_ statement: Stmt) -> Stmt {
        switch statement {
        case .expr(let e):
            return .fast(compile(e), e.loc)
        case .declare(.variable(let ref), let value?, let type, let loc):
            return .fast(DeclareNode(self, ref, compile(value), type, value.loc(or: loc)), loc)
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
            return GlobalNode(self, globals, i, loc)
        case .binary(let op, let lhs, let rhs, let loc):
            return BinaryNode(self, op, compile(lhs), compile(rhs), loc)
        case .toDouble(let x, let loc):
            return ToDoubleNode(self, compile(x), loc)
        case .and(let lhs, let rhs, let loc):
            return LogicalNode(self, isAnd: true, compile(lhs), compile(rhs), loc)
        case .or(let lhs, let rhs, let loc):
            return LogicalNode(self, isAnd: false, compile(lhs), compile(rhs), loc)
        case .unary(let op, let x, let loc):
            return UnaryNode(self, op, compile(x), loc)
        case .ternary(let c, let x, let y, let loc):
            return TernaryNode(self, compile(c), compile(x), compile(y), loc)
        case .array(let elements, let loc):
            return ArrayLiteralNode(self, elements.map(compile), elements.map { $0.loc(or: loc) }, loc)
        case .compoundAssignment(let target, .add, .array(let elements, let arrayLoc), let loc)
            where target.path.isEmpty && elements.count == 1:
            // `xs += [x]`: an append, without making the one-element array.
            let form = AppendNode.Form.addArray(elementLoc: elements[0].loc(or: arrayLoc))
            switch target.root {
            case .global(let i): return AppendNode(self, form, target, globals, i, nil, compile(elements[0]), loc)
            case .local(let i): return AppendNode(self, form, target, nil, i, nil, compile(elements[0]), loc)
            case .outer: break
            }
        case .compoundAssignment(let target, let op, let x, let loc) where target.path.isEmpty:
            switch target.root {
            case .global(let i): return CompoundAssignGlobalNode(self, globals, i, op, compile(x), target.rootType, loc)
            case .local(let i): return CompoundAssignLocalNode(self, i, op, compile(x), target.rootType, loc)
            case .outer: break
            }
        case .mutatingCall(let target, "append", let arguments, let loc)
            where !target.rootIsLet && target.rootName != "self" && arguments.count == 1 && arguments[0].label == nil:
            // `xs.append(x)` or `log.losses.append(x)`: a variable, or one stored property of it.
            var field: String? = nil
            if target.path.count == 1, case .member(let name) = target.path[0] { field = name }
            guard target.path.isEmpty || field != nil else { break }
            switch target.root {
            case .global(let i): return AppendNode(self, .append(e), target, globals, i, field, compile(arguments[0].value), loc)
            case .local(let i): return AppendNode(self, .append(e), target, nil, i, field, compile(arguments[0].value), loc)
            case .outer: break
            }
        case .assignment(let target, let x, _) where target.path.isEmpty:
            return DeclareNode(self, target.root, compile(x), target.rootType, x.loc(or: target.loc))
        default:
            break
        }
        optimizeClosures(in: e)
        return TreeNode(self, e)
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
/// so they refer back to the interpreter and the page frame without owning them.
class FastNode {
    func run(_ f: Frame) throws(CellError) -> Value { .void }
}

final class LiteralNode: FastNode {
    let value: Value
    init(_ value: Value) { self.value = value }
    override func run(_ f: Frame) throws(CellError) -> Value { value }
}

final class LocalNode: FastNode {
    let index: Int
    init(_ index: Int) { self.index = index }
    override func run(_ f: Frame) throws(CellError) -> Value { Value.copy(f.slots + index) }
}

final class GlobalNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    unowned(unsafe) let page: Frame
    let index: Int
    let loc: Loc
    init(_ interpreter: Interpreter, _ page: Frame, _ index: Int, _ loc: Loc) {
        self.interpreter = interpreter; self.page = page; self.index = index; self.loc = loc
    }
    override func run(_ f: Frame) throws(CellError) -> Value {
        let value = Value.copy(page.slots + index)
        // Empty while a mutating method of its value runs (`callHeld`): reading it is an error.
        if case .void = value { try interpreter.requireNotHeld(page.slots + index, loc) }
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
    unowned(unsafe) let interpreter: Interpreter
    let op: BinaryOp
    let lhs: FastNode
    let rhs: FastNode
    let loc: Loc
    init(_ interpreter: Interpreter, _ op: BinaryOp, _ lhs: FastNode, _ rhs: FastNode, _ loc: Loc) {
        self.interpreter = interpreter; self.op = op; self.lhs = lhs; self.rhs = rhs; self.loc = loc
    }
    override func run(_ f: Frame) throws(CellError) -> Value {
        let a = try lhs.run(f)
        let b = try rhs.run(f)
        if case .double(let x) = a, case .double(let y) = b { return try interpreter.doubles(op, x, y, loc) }
        return try interpreter.binary(op, a, b, loc)
    }
}

final class ToDoubleNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    let operand: FastNode
    let loc: Loc
    init(_ interpreter: Interpreter, _ operand: FastNode, _ loc: Loc) { self.interpreter = interpreter; self.operand = operand; self.loc = loc }
    override func run(_ f: Frame) throws(CellError) -> Value {
        let v = try operand.run(f)
        switch v {
        case .int(let i): return .double(Double(i))
        case .double: return v
        default: return try convert(v, f)
        }
    }

    @inline(never)
    private func convert(_ v: Value, _ f: Frame) throws(CellError) -> Value {
        try interpreter.toDouble(v, loc)
    }
}

final class LogicalNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    let isAnd: Bool
    let lhs: FastNode
    let rhs: FastNode
    let loc: Loc
    init(_ interpreter: Interpreter, isAnd: Bool, _ lhs: FastNode, _ rhs: FastNode, _ loc: Loc) {
        self.interpreter = interpreter; self.isAnd = isAnd; self.lhs = lhs; self.rhs = rhs; self.loc = loc
    }
    override func run(_ f: Frame) throws(CellError) -> Value {
        let first = try interpreter.truth(try lhs.run(f), loc)
        if first != isAnd { return .bool(first) }
        return .bool(try interpreter.truth(try rhs.run(f), loc))
    }
}

final class UnaryNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    let op: UnaryOp
    let operand: FastNode
    let loc: Loc
    init(_ interpreter: Interpreter, _ op: UnaryOp, _ operand: FastNode, _ loc: Loc) {
        self.interpreter = interpreter; self.op = op; self.operand = operand; self.loc = loc
    }
    override func run(_ f: Frame) throws(CellError) -> Value { try interpreter.unary(op, try operand.run(f), loc) }
}

final class TernaryNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    let condition: FastNode
    let whenTrue: FastNode
    let whenFalse: FastNode
    let loc: Loc
    init(_ interpreter: Interpreter, _ condition: FastNode, _ whenTrue: FastNode, _ whenFalse: FastNode, _ loc: Loc) {
        self.interpreter = interpreter; self.condition = condition; self.whenTrue = whenTrue; self.whenFalse = whenFalse; self.loc = loc
    }
    override func run(_ f: Frame) throws(CellError) -> Value {
        try interpreter.truth(try condition.run(f), loc) ? try whenTrue.run(f) : try whenFalse.run(f)
    }
}

/// `[a, b, c]`, as the evaluator makes it: reserved against the memory budget, each element
/// checked for nesting at its own location.
final class ArrayLiteralNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    let elements: [FastNode]
    let locs: [Loc]
    let loc: Loc
    init(_ interpreter: Interpreter, _ elements: [FastNode], _ locs: [Loc], _ loc: Loc) {
        self.interpreter = interpreter; self.elements = elements; self.locs = locs; self.loc = loc
    }
    override func run(_ f: Frame) throws(CellError) -> Value {
        try interpreter.reserve(elements.count &* MemoryLayout<Value>.stride, loc)
        var values: [Value] = []
        values.reserveCapacity(elements.count)
        for i in elements.indices {
            let value = try elements[i].run(f)
            try interpreter.checkNesting(value, locs[i])
            values.append(value)
        }
        return .array(values)
    }
}

/// `x op= value` on a plain variable of the page.
final class CompoundAssignGlobalNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    unowned(unsafe) let page: Frame
    let index: Int
    let op: BinaryOp
    let value: FastNode
    let declared: TypeRef?
    let loc: Loc
    init(_ interpreter: Interpreter, _ page: Frame, _ index: Int, _ op: BinaryOp, _ value: FastNode, _ declared: TypeRef?, _ loc: Loc) {
        self.interpreter = interpreter; self.page = page; self.index = index; self.op = op; self.value = value
        self.declared = declared; self.loc = loc
    }
    override func run(_ f: Frame) throws(CellError) -> Value {
        let rhs = try value.run(f)
        let slot = page.slots + index
        if case .double(let x) = slot.pointee, case .double(let y) = rhs {
            slot.pointee = try interpreter.doubles(op, x, y, loc)
        } else {
            if case .void = slot.pointee { try interpreter.requireNotHeld(slot, loc) }
            try interpreter.requireCompoundOperator(op, slot.pointee, rhs, loc)
            try interpreter.compoundAssign(op, &slot.pointee, rhs, declared: declared, loc)
        }
        return .void
    }
}

/// `x op= value` on a plain variable of the current frame.
final class CompoundAssignLocalNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    let index: Int
    let op: BinaryOp
    let value: FastNode
    let declared: TypeRef?
    let loc: Loc
    init(_ interpreter: Interpreter, _ index: Int, _ op: BinaryOp, _ value: FastNode, _ declared: TypeRef?, _ loc: Loc) {
        self.interpreter = interpreter; self.index = index; self.op = op; self.value = value
        self.declared = declared; self.loc = loc
    }
    override func run(_ f: Frame) throws(CellError) -> Value {
        let rhs = try value.run(f)
        let slot = f.slots + index
        if case .double(let x) = slot.pointee, case .double(let y) = rhs {
            slot.pointee = try interpreter.doubles(op, x, y, loc)
        } else {
            try interpreter.requireCompoundOperator(op, slot.pointee, rhs, loc)
            try interpreter.compoundAssign(op, &slot.pointee, rhs, declared: declared, loc)
        }
        return .void
    }
}

/// `let x = value` / `x = value` on a plain variable.
final class DeclareNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    let ref: VarRef
    let value: FastNode
    let type: TypeRef?
    /// Where the value is written, for a value that does not fit the declared type.
    let valueLoc: Loc
    init(_ interpreter: Interpreter, _ ref: VarRef, _ value: FastNode, _ type: TypeRef?, _ valueLoc: Loc) {
        self.interpreter = interpreter; self.ref = ref; self.value = value; self.type = type; self.valueLoc = valueLoc
    }
    override func run(_ f: Frame) throws(CellError) -> Value {
        let v = try value.run(f)
        interpreter.write(ref, type == nil ? v : try interpreter.coerce(v, to: type, valueLoc), f)
        return .void
    }
}

/// `xs.append(x)` on a plain variable, `log.losses.append(x)` on one stored property of a
/// struct variable, and `xs += [x]` on a plain variable: the array taken out of its slot (so it
/// is the only reference and grows in place, amortised O(1)), grown and put back, without
/// resolving a path, making a one-element array or matching the method's name on every call.
/// Anything else (a struct's own `append`, a target that is no array) goes to the evaluator,
/// with the argument's value.
final class AppendNode: FastNode {
    enum Form {
        /// `target.append(x)`: the evaluator's expression for other receivers.
        case append(Expr)
        /// `target += [x]`: the element's location (a value nested too deeply is reported there).
        case addArray(elementLoc: Loc)
    }
    unowned(unsafe) let interpreter: Interpreter
    let form: Form
    let target: LValue
    /// The page frame for a page variable, nil for a local of the running frame.
    unowned(unsafe) let page: Frame?
    let index: Int
    /// The stored property appended to, nil for the variable itself.
    let field: String?
    let value: FastNode
    let element: TypeRef?
    let loc: Loc
    /// The struct type last found at the root, with the index and element type of its field
    /// (-1: no stored `var` of that name), so a field is looked up by name once per type.
    private var seenType: StructType?
    private var seenIndex = -1
    private var seenElement: TypeRef?

    init(_ interpreter: Interpreter, _ form: Form, _ target: LValue, _ page: Frame?, _ index: Int, _ field: String?, _ value: FastNode, _ loc: Loc) {
        self.interpreter = interpreter; self.form = form; self.target = target; self.page = page; self.index = index
        self.field = field; self.value = value; self.element = target.rootType?.element; self.loc = loc
    }

    /// The argument is evaluated first: the evaluator's mutating call also reads the target
    /// only after its arguments (`general` then takes the value, so nothing runs twice).
    override func run(_ f: Frame) throws(CellError) -> Value {
        var new = try value.run(f)
        if case .addArray(let elementLoc) = form { try interpreter.checkNesting(new, elementLoc) }
        let slot = (page ?? f).slots + index
        guard field != nil else {
            guard AppendNode.isArray(slot.pointee) else { return try general(new, f) }
            try append(&slot.pointee, &new, element)
            return .void
        }
        // The instance is moved out of its slot before it is looked at (matching it in place
        // would retain it), so its fields stay unique; every way out puts it back.
        guard AppendNode.isInstance(slot.pointee) else { return try general(new, f) }
        var taken = Value.void
        swap(&taken, &slot.pointee)
        guard case .instance(var instance) = consume taken else { return .void }
        if instance.type !== seenType { learn(instance.type) }
        // A `let` property (seenIndex -1) is the evaluator's to refuse.
        guard seenIndex >= 0, AppendNode.isArray(instance.fields[seenIndex]) else {
            slot.pointee = .instance(instance)
            return try general(new, f)
        }
        defer { slot.pointee = .instance(instance) }
        try append(&instance.fields[seenIndex], &new, seenElement)
        return .void
    }

    private func learn(_ type: StructType) {
        seenType = type
        seenIndex = -1
        guard let field, let i = type.fieldIndex[field], !type.fields[i].isLet else { return }
        seenIndex = i
        seenElement = type.fields[i].type?.element
    }

    /// The array is moved out of its slot before it is counted (no retain): the only reference,
    /// it grows in place; every way out, a refused append too, puts it back.
    private func append(_ target: inout Value, _ new: inout Value, _ element: TypeRef?) throws(CellError) {
        var taken = Value.void
        swap(&taken, &target)
        guard case .array(var a) = consume taken else { return }
        defer { target = .array(a) }
        try interpreter.checkArray(a.count &+ 1, new: 1, loc)
        if case .append = form { try interpreter.checkNesting(new, loc) }
        if let element, !AppendNode.fits(new, element) { new = try interpreter.coerce(new, to: element, loc) }
        a.append(new)
    }

    @inline(__always)
    private static func isInstance(_ value: Value) -> Bool {
        if case .instance = value { return true }
        return false
    }

    @inline(__always)
    private static func isArray(_ value: Value) -> Bool {
        if case .array = value { return true }
        return false
    }

    /// A Double into `[Double]`, the common case, needs no conversion.
    @inline(__always)
    private static func fits(_ value: Value, _ element: TypeRef) -> Bool {
        if case .double = element, case .double = value { return true }
        return false
    }

    /// The evaluator's way, for a target that is no array (a struct's own `append`, a string),
    /// with the argument's value.
    @inline(never)
    private func general(_ new: Value, _ f: Frame) throws(CellError) -> Value {
        switch form {
        case .append(let expr):
            guard case .mutatingCall(let target, let name, let arguments, let callLoc) = expr else { return .void }
            return try interpreter.callMutating(target, name, arguments, f, callLoc, evaluated: [new])
        case .addArray:
            let slot = (page ?? f).slots + index
            if case .void = slot.pointee { try interpreter.requireNotHeld(slot, loc) }
            try interpreter.requireCompoundOperator(.add, slot.pointee, .array([new]), loc)
            try interpreter.compoundAssign(.add, &slot.pointee, .array([new]), declared: target.rootType, loc)
            return .void
        }
    }
}

/// Compiled statements in a row. The statement that runs the block counts the first one's
/// step; each further one counts its own, at its own location, as the statement list would.
final class BlockNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    let nodes: [FastNode]
    let locs: [Loc]
    init(_ interpreter: Interpreter, _ nodes: [FastNode], _ locs: [Loc]) {
        self.interpreter = interpreter; self.nodes = nodes; self.locs = locs
    }
    override func run(_ f: Frame) throws(CellError) -> Value {
        _ = try nodes[0].run(f)
        for i in 1..<nodes.count {
            try interpreter.step(locs[i])
            _ = try nodes[i].run(f)
        }
        return .void
    }
}

/// Everything else: the tree-walking evaluator.
final class TreeNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    let expr: Expr
    init(_ interpreter: Interpreter, _ expr: Expr) { self.interpreter = interpreter; self.expr = expr }
    override func run(_ f: Frame) throws(CellError) -> Value { try interpreter.eval(expr, f) }
}
