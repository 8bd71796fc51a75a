/// Closure compilation of the arithmetic core: numbers, variables, operators, conversions and
/// plain assignments become chains of Swift closures, which run without walking the tree (and
/// without the retains and releases a walk over indirect enums costs). Anything else compiles
/// to a closure that hands its subtree to the tree-walking evaluator, so behaviour is the same.
typealias Thunk = (Frame) throws(CellError) -> Value

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
            let thunk = compile(value)
            unowned(unsafe) let interpreter = self
            return .fast({ (f: Frame) throws(CellError) -> Value in
                interpreter.write(ref, interpreter.coerce(try thunk(f), to: type), f)
                return .void
            }, loc)
        case .ifElse(let branches, let otherwise):
            return .ifElse(branches.map { ($0.0, optimize($0.1)) }, otherwise.map(optimize))
        case .guardElse(let conditions, let body, let loc):
            return .guardElse(conditions, optimize(body), loc)
        case .forIn(let pattern, let sequence, let condition, let body, let loc):
            return .forIn(pattern, sequence, condition, optimize(body), loc)
        case .whileLoop(let conditions, let body, let loc):
            return .whileLoop(conditions, optimize(body), loc)
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

    func compile(_ e: Expr) -> Thunk {
        // The thunks live in the AST, which the interpreter's frames keep alive: they must not
        // keep the interpreter (or its page frame) alive in turn.
        unowned(unsafe) let interpreter = self
        unowned(unsafe) let page = globals
        switch e {
        case .literal(let v):
            return { (_: Frame) throws(CellError) -> Value in v }
        case .variable(.local(let i), _):
            return { (f: Frame) throws(CellError) -> Value in f.slots[i] }
        case .variable(.global(let i), _):
            return { (_: Frame) throws(CellError) -> Value in page.slots[i] }
        case .binary(let op, let lhs, let rhs, let loc):
            let a = compile(lhs)
            let b = compile(rhs)
            return { (f: Frame) throws(CellError) -> Value in try interpreter.binary(op, try a(f), try b(f), loc) }
        case .toDouble(let x, let loc):
            let a = compile(x)
            return { (f: Frame) throws(CellError) -> Value in
                let v = try a(f)
                switch v {
                case .int(let i): return .double(Double(i))
                case .double: return v
                default: return try interpreter.eval(.toDouble(.literal(v), loc), f)
                }
            }
        case .and(let lhs, let rhs, let loc):
            let a = compile(lhs)
            let b = compile(rhs)
            return { (f: Frame) throws(CellError) -> Value in
                guard try interpreter.truth(try a(f), loc) else { return .bool(false) }
                return .bool(try interpreter.truth(try b(f), loc))
            }
        case .or(let lhs, let rhs, let loc):
            let a = compile(lhs)
            let b = compile(rhs)
            return { (f: Frame) throws(CellError) -> Value in
                if try interpreter.truth(try a(f), loc) { return .bool(true) }
                return .bool(try interpreter.truth(try b(f), loc))
            }
        case .unary(let op, let x, let loc):
            let a = compile(x)
            return { (f: Frame) throws(CellError) -> Value in try interpreter.unary(op, try a(f), loc) }
        case .ternary(let c, let x, let y, let loc):
            let condition = compile(c)
            let a = compile(x)
            let b = compile(y)
            return { (f: Frame) throws(CellError) -> Value in
                try interpreter.truth(try condition(f), loc) ? try a(f) : try b(f)
            }
        case .compoundAssignment(let target, let op, let x, let loc) where target.path.isEmpty:
            let a = compile(x)
            switch target.root {
            case .global(let i):
                return { (f: Frame) throws(CellError) -> Value in
                    let rhs = try a(f)
                    page.slots[i] = try interpreter.binary(op, page.slots[i], rhs, loc)
                    return .void
                }
            case .local(let i):
                return { (f: Frame) throws(CellError) -> Value in
                    let rhs = try a(f)
                    f.slots[i] = try interpreter.binary(op, f.slots[i], rhs, loc)
                    return .void
                }
            case .outer:
                break
            }
        case .assignment(let target, let x, _) where target.path.isEmpty:
            let a = compile(x)
            let ref = target.root
            return { (f: Frame) throws(CellError) -> Value in
                interpreter.write(ref, try a(f), f)
                return .void
            }
        default:
            break
        }
        return { (f: Frame) throws(CellError) -> Value in try interpreter.eval(e, f) }
    }
}
