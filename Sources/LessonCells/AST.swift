/// The interpreter's own syntax tree: lowered once from swift-syntax, with names resolved to
/// frame slots, so the evaluator never touches swift-syntax and never looks a name up by string.

/// A page position (1-based line and UTF-8 column in the `.md` file).
struct Loc: Hashable {
    var line: Int32
    var column: Int32
}

/// Where a variable lives: the current frame, an enclosing one (`depth` frames up), or the page.
enum VarRef {
    case local(Int)
    case outer(depth: Int, index: Int)
    case global(Int)
}

enum BinaryOp: String {
    case add = "+", sub = "-", mul = "*", div = "/", rem = "%"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

enum UnaryOp: String {
    case negate = "-", not = "!", plus = "+"
}

/// A static type as written in an annotation; used to convert integer literals where Swift
/// would infer `Double` (`let rate: Double = 1`).
indirect enum TypeRef {
    case int, double, float, bool, string, tensor, module, other
    case array(TypeRef)
    case optional(TypeRef)

    /// An array type's element type (nil for other types).
    var element: TypeRef? {
        if case .array(let element) = self { return element }
        return nil
    }
}

struct Argument {
    var label: String?
    var value: Expr
    var loc: Loc
}

struct InterpolationPart {
    var literal: String?
    var expr: Expr?
}

indirect enum Expr {
    case literal(Value)
    case variable(VarRef, Loc)
    case interpolation([InterpolationPart], Loc)
    case array([Expr], Loc)
    case dictionary([(Expr, Expr)], Loc)
    case tuple([Expr], [String?], Loc)
    case binary(BinaryOp, Expr, Expr, Loc)
    case and(Expr, Expr, Loc)
    case or(Expr, Expr, Loc)
    case nilCoalescing(Expr, Expr)
    case unary(UnaryOp, Expr, Loc)
    case ternary(Expr, Expr, Expr, Loc)
    case range(Expr, Expr, closed: Bool, Loc)
    /// `a...`, `..<b`, `...b` (a missing bound is nil).
    case partialRange(Expr?, Expr?, closed: Bool, Loc)
    /// Calling a value (a closure, a page function, a module instance).
    case call(Expr, [Argument], Loc)
    /// A call to a page struct's initializer.
    case construct(StructType, [Argument], Loc)
    /// A call to a bound function, initializer or static member (`print`, `Tensor(…)`,
    /// `Linear(…)`, `Tensor.randn(…)`, `Double.pi`): overloads chosen at lowering (`Registry`).
    case bound(BoundCall, [Argument], Loc)
    /// `Double(x)` where `Double` is not shadowed: the hot conversion of numeric loops.
    case toDouble(Expr, Loc)
    case member(Expr, String, Loc)
    /// A property the registry binds (`x.shape`); other receivers fall back to `member`.
    case boundMember(Expr, BoundCall, Loc)
    case methodCall(Expr, String, [Argument], Loc)
    /// A method the registry binds (`x.sum(dim: 1)`); other receivers fall back to `methodCall`.
    case boundMethod(Expr, BoundCall, [Argument], Loc)
    /// A mutating method on an assignable value (`xs.append(3)`): the receiver is written back.
    case mutatingCall(LValue, String, [Argument], Loc)
    /// `_ = value`.
    case discard(Expr)
    case implicitMember(String, Loc)
    case subscriptAccess(Expr, [Argument], Loc)
    case forceUnwrap(Expr, Loc)
    /// `x?` inside an optional chain: nil ends the whole chain.
    case optionalChain(Expr, Loc)
    /// The outermost expression of an optional chain: a nil link makes it nil.
    case chainRoot(Expr)
    case closure(FunctionCode, Loc)
    case assignment(LValue, Expr, Loc)
    case compoundAssignment(LValue, BinaryOp, Expr, Loc)
    /// `if` used as an expression (`let y = if c { a } else { b }`).
    case ifExpression([(Condition, [Stmt])], [Stmt]?, Loc)

    var loc: Loc {
        switch self {
        case .literal: return Loc(line: 0, column: 0)
        case .variable(_, let l), .interpolation(_, let l), .array(_, let l), .dictionary(_, let l),
             .tuple(_, _, let l), .binary(_, _, _, let l), .and(_, _, let l), .or(_, _, let l),
             .unary(_, _, let l), .ternary(_, _, _, let l), .range(_, _, _, let l), .partialRange(_, _, _, let l), .call(_, _, let l),
             .construct(_, _, let l), .bound(_, _, let l), .toDouble(_, let l), .boundMember(_, _, let l),
             .boundMethod(_, _, _, let l), .member(_, _, let l), .methodCall(_, _, _, let l), .mutatingCall(_, _, _, let l),
             .implicitMember(_, let l), .subscriptAccess(_, _, let l), .forceUnwrap(_, let l),
             .optionalChain(_, let l), .closure(_, let l), .assignment(_, _, let l),
             .compoundAssignment(_, _, _, let l), .ifExpression(_, _, let l):
            return l
        case .nilCoalescing(let e, _), .chainRoot(let e), .discard(let e):
            return e.loc
        }
    }

    /// `loc`, or `fallback` where there is none (a literal keeps no location).
    func loc(or fallback: Loc) -> Loc {
        let own = loc
        return own.line == 0 ? fallback : own
    }
}

/// The target of an assignment: a variable and a path of members and subscripts into it.
struct LValue {
    enum Step {
        case member(String)
        case index([Argument])
    }
    var root: VarRef
    var rootName: String
    var path: [Step]
    /// A `let` root: changing a member is allowed only through a reference (a tensor).
    var rootIsLet: Bool
    var loc: Loc
    /// The root variable's annotated type: a whole-value assignment converts to it.
    var rootType: TypeRef? = nil
}

enum Condition {
    case boolean(Expr)
    /// `if let name = value` / `guard let name`.
    case binding(VarRef, Expr)
    /// `if a, let b = c`: every condition in order.
    case all([Condition])
}

/// What a `for` loop binds: one name, a tuple of names, or nothing (`_`).
indirect enum Pattern {
    case ignore
    case variable(VarRef)
    case tuple([Pattern])
}

indirect enum Stmt {
    case expr(Expr)
    case declare(Pattern, Expr?, TypeRef?, Loc)
    case ifElse([(Condition, [Stmt])], [Stmt]?)
    case guardElse([Condition], [Stmt], Loc)
    case forIn(Pattern, Expr, Expr?, [Stmt], Loc)
    /// A `for` loop whose body makes closures: each iteration runs in a new frame of this size.
    case forInFreshFrame(Pattern, Expr, Expr?, [Stmt], Int, Loc)
    case whileLoop([Condition], [Stmt], Loc)
    /// A `while` whose body makes closures: each iteration (its conditions' bindings and the
    /// body's variables) gets a frame of this size, so each closure captures its own iteration.
    case whileFreshFrame([Condition], [Stmt], Int, Loc)
    case repeatWhile([Stmt], Expr, Loc)
    case returnValue(Expr?, Loc)
    case breakLoop
    case continueLoop
    case block([Stmt])
    /// A function declaration: stores the closure over the current frame into its slot.
    case function(VarRef, FunctionCode)
    /// An expression statement compiled to a closure (see `FastPaths.swift`).
    case fast(FastNode, Loc)
}

/// A function, method, initializer or closure body, with its frame layout.
final class FunctionCode {
    struct Parameter {
        var label: String?
        var name: String
        var defaultValue: Expr?
        var type: TypeRef?
        var isVariadic: Bool = false
    }

    let name: String
    var parameters: [Parameter] = []
    var body: [Stmt] = []
    /// Slots in a call's frame: `self` (methods and initializers) first, then parameters, then locals.
    var frameSize = 0
    var hasSelf = false
    var isMutating = false
    var isInitializer = false
    /// Closures take positional arguments and may receive one tuple for several parameters.
    var isClosure = false
    /// Whether `Interpreter.optimize` has compiled the body's statements.
    var isOptimized = false
    var returnType: TypeRef?
    let loc: Loc

    init(name: String, loc: Loc) {
        self.name = name
        self.loc = loc
    }

    /// `name(label:label:)`, as Swift names a function in messages.
    var signature: String { CallShape(self).signature }
}

/// A struct the page declared.
final class StructType {
    struct Field {
        var name: String
        var type: TypeRef?
        var defaultValue: Expr?
        var isLet: Bool
    }

    let name: String
    var fields: [Field] = []
    var fieldIndex: [String: Int] = [:]
    var methods: [String: FunctionCode] = [:]
    /// Read-only computed properties (`var depth: Int { layers.count }`), run like methods.
    var computed: [String: FunctionCode] = [:]
    var initializers: [FunctionCode] = []
    /// The argument labels it can be built with, known before its initializers are lowered.
    var callShapes: [CallShape] = []
    var conformsToModule = false
    /// The memberwise initializer, built on first use.
    var memberwise: FunctionCode?
    let loc: Loc

    init(name: String, loc: Loc) {
        self.name = name
        self.loc = loc
    }
}
