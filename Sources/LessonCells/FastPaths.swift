/// Compiled arithmetic: numbers, variables, operators, conversions and plain assignments become
/// small node objects that run themselves (a virtual call per node, children held as `let`s, so
/// no retains and releases as a walk over indirect enums costs). Anything else compiles to a node
/// that hands its subtree to the tree-walking evaluator, so behaviour is the same either way.

extension Interpreter {
    /// Replaces expression statements and simple declarations by compiled closures, in this
    /// list and in the bodies of the loops, branches and functions it contains.
    func optimize(_ statements: [Stmt]) -> [Stmt] {
        statements.map(optimize)
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
        case .variable(.global(let i), _):
            return GlobalNode(globals, i)
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
            case .global(let i): return AppendNode(self, e, globals, i, field, compile(arguments[0].value), target.rootType?.element, loc)
            case .local(let i): return AppendNode(self, e, nil, i, field, compile(arguments[0].value), target.rootType?.element, loc)
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
        case .unary(_, let a, _), .toDouble(let a, _), .member(let a, _, _), .boundMember(let a, _, _), .forceUnwrap(let a, _), .optionalChain(let a, _), .chainRoot(let a), .discard(let a):
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
    override func run(_ f: Frame) throws(CellError) -> Value { f.slots[index] }
}

final class GlobalNode: FastNode {
    unowned(unsafe) let page: Frame
    let index: Int
    init(_ page: Frame, _ index: Int) { self.page = page; self.index = index }
    override func run(_ f: Frame) throws(CellError) -> Value { page.slots[index] }
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

/// Everything else: the tree-walking evaluator.
/// `xs.append(x)` on a plain variable, or `log.losses.append(x)` on one stored property of a
/// struct variable: the array taken out of its slot (so it is the only reference and grows in
/// place, amortised O(1)), grown and put back, without resolving a path or matching the
/// method's name on every call. Anything else (a struct's own `append`) goes to the evaluator.
final class AppendNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    let expr: Expr
    /// The page frame for a page variable, nil for a local of the running frame.
    unowned(unsafe) let page: Frame?
    let index: Int
    /// The stored property appended to, nil for the variable itself.
    let field: String?
    let value: FastNode
    let element: TypeRef?
    let loc: Loc
    init(_ interpreter: Interpreter, _ expr: Expr, _ page: Frame?, _ index: Int, _ field: String?, _ value: FastNode, _ element: TypeRef?, _ loc: Loc) {
        self.interpreter = interpreter; self.expr = expr; self.page = page; self.index = index; self.field = field
        self.value = value; self.element = element; self.loc = loc
    }

    /// Where the array is: the field's index when it is a struct's stored array property.
    private func fieldIndex(_ root: Value) -> Int?? {
        guard let field else { if case .array = root { return .some(nil) } else { return nil } }
        // A `let` property is the evaluator's to refuse.
        guard case .instance(let instance) = root, let i = instance.type.fieldIndex[field],
              !instance.type.fields[i].isLet, case .array = instance.fields[i] else { return nil }
        return i
    }

    override func run(_ f: Frame) throws(CellError) -> Value {
        guard fieldIndex((page ?? f).slots[index]) != nil else { return try interpreter.eval(expr, f) }
        var new = try value.run(f)
        let slot = (page ?? f).slots + index
        guard let at = fieldIndex(slot.pointee) else { return try interpreter.eval(expr, f) }
        guard let i = at else {
            try append(&slot.pointee, &new, element)
            return .void
        }
        guard case .instance(var instance) = slot.pointee else { return .void }
        slot.pointee = .void
        defer { slot.pointee = .instance(instance) }
        try append(&instance.fields[i], &new, instance.type.fields[i].type?.element)
        return .void
    }

    private func append(_ target: inout Value, _ new: inout Value, _ element: TypeRef?) throws(CellError) {
        guard case .array(var a) = target else { return }
        try interpreter.checkArray(a.count &+ 1, new: 1, loc)
        try interpreter.checkNesting(new, loc)
        if element != nil { new = try interpreter.coerce(new, to: element, loc) }
        target = .void
        a.append(new)
        target = .array(a)
    }
}

final class TreeNode: FastNode {
    unowned(unsafe) let interpreter: Interpreter
    let expr: Expr
    init(_ interpreter: Interpreter, _ expr: Expr) { self.interpreter = interpreter; self.expr = expr }
    override func run(_ f: Frame) throws(CellError) -> Value { try interpreter.eval(expr, f) }
}
