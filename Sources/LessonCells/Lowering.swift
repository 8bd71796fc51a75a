import SwiftSyntax

/// Turns a swift-syntax tree, its operator chains folded by `Frontend`, into the interpreter's AST once, resolving every name to a
/// slot. Anything outside the cell subset stops here with a located error that names it.
final class Lowering {
    /// One function's (or the page's) names, block by block, and its frame size.
    final class Context {
        struct Binding {
            var slot: Int
            var isLet: Bool
            var type: TypeRef? = nil
            var shape: CallShape? = nil
        }
        var blocks: [[String: Binding]] = [[:]]
        var slotCount = 0
        let parent: Context?
        let isPage: Bool
        /// Methods and initializers: the struct whose members are visible without `self.`.
        let selfType: StructType?
        /// Whether `self` may be assigned to (initializers and `mutating` methods).
        let selfIsMutable: Bool
        let isInitializer: Bool

        init(parent: Context?, isPage: Bool, selfType: StructType? = nil, selfIsMutable: Bool = false, isInitializer: Bool = false) {
            self.parent = parent
            self.isPage = isPage
            self.selfType = selfType
            self.selfIsMutable = selfIsMutable
            self.isInitializer = isInitializer
        }
    }

    /// What a name means where it is used.
    enum Resolution {
        case variable(VarRef, isLet: Bool)
        /// A property or method of the enclosing struct, reached through `self` at this ref.
        case selfMember(VarRef, StructType, isMutableSelf: Bool, isInitializer: Bool)
    }

    let page: PageScope
    let map: Frontend.PositionMap
    var context: Context

    init(page: PageScope, map: Frontend.PositionMap) {
        self.page = page
        self.map = map
        self.context = Context(parent: nil, isPage: true)
    }

    /// Where the folded operator chain being lowered starts in the cell (0 outside chains):
    /// positions inside a folded chain count from its start.
    var chainStart = 0

    func loc(_ node: some SyntaxProtocol) -> Loc {
        map.loc(AbsolutePosition(utf8Offset: chainStart + node.positionAfterSkippingLeadingTrivia.utf8Offset))
    }

    /// The operator chain as the front end folded it, and where it starts in the cell.
    func folded(_ chain: SequenceExprSyntax) throws(CellError) -> (ExprSyntax, start: Int) {
        let start = chainStart + chain.position.utf8Offset
        guard let folded = map.chains[start] else { throw CellError("could not read this expression", at: loc(chain)) }
        return (folded, start)
    }

    /// Lowers the folded form of an operator chain, its positions counted from the chain's start.
    func lowerChain(_ chain: SequenceExprSyntax) throws(CellError) -> Expr {
        let (expr, start) = try folded(chain)
        let outer = chainStart
        chainStart = start
        defer { chainStart = outer }
        return try lowerExpr(expr)
    }

    func unsupported(_ what: String, _ node: some SyntaxProtocol) -> CellError {
        CellError("\(what) not supported in cells", at: loc(node))
    }

    // MARK: names

    func resolve(_ name: String) -> Resolution? {
        var depth = 0
        var ctx: Context? = context
        while let c = ctx {
            for block in c.blocks.reversed() {
                if let b = block[name] {
                    return .variable(c.isPage ? .global(b.slot) : (depth == 0 ? .local(b.slot) : .outer(depth: depth, index: b.slot)), isLet: b.isLet)
                }
            }
            if c.isPage, let slot = page.globals[name] {
                return .variable(.global(slot), isLet: page.globalIsLet[slot] ?? false)
            }
            if let type = c.selfType, type.fieldIndex[name] != nil || type.methods[name] != nil || type.computed[name] != nil {
                let selfRef: VarRef = depth == 0 ? .local(0) : .outer(depth: depth, index: 0)
                return .selfMember(selfRef, type, isMutableSelf: c.selfIsMutable, isInitializer: c.isInitializer)
            }
            if !c.isPage { depth += 1 }
            ctx = c.parent
        }
        return nil
    }

    /// Records the annotated type of the variable `name` just declared here.
    func noteType(_ name: String, _ type: TypeRef) {
        let last = context.blocks.count - 1
        if context.blocks[last][name] != nil {
            context.blocks[last][name]?.type = type
        } else if context.isPage, let slot = page.globals[name] {
            page.globalTypes[slot] = type
        }
    }

    /// Records the parameter labels of the function `name` just declared here.
    func noteShape(_ name: String, _ shape: CallShape) {
        let last = context.blocks.count - 1
        if context.blocks[last][name] != nil {
            context.blocks[last][name]?.shape = shape
        } else if context.isPage, let slot = page.globals[name] {
            page.globalShapes[slot] = shape
        }
    }

    /// The annotated type and function shape of the variable `name` resolves to (same lookup
    /// order as `resolve`, whose `.variable` answer the caller already has).
    func declaration(_ name: String) -> (type: TypeRef?, shape: CallShape?) {
        var ctx: Context? = context
        while let c = ctx {
            for block in c.blocks.reversed() {
                if let b = block[name] { return (b.type, b.shape) }
            }
            if c.isPage, let slot = page.globals[name] { return (page.globalTypes[slot], page.globalShapes[slot]) }
            ctx = c.parent
        }
        return (nil, nil)
    }

    func declaredType(_ name: String) -> TypeRef? { declaration(name).type }

    /// A wrong label, missing or extra argument in a call whose parameters are known now.
    func checkLabels(_ shapes: [CallShape], _ arguments: [Argument], _ call: Loc) throws(CellError) {
        let labels = arguments.map(\.label)
        let problems = shapes.map { $0.mismatch(labels) }
        guard let first = problems.first, let (message, argument) = first, !problems.contains(where: { $0 == nil }) else { return }
        throw CellError(message, at: argument.map { arguments[$0].loc } ?? call)
    }

    func declare(_ name: String, isLet: Bool) -> VarRef {
        if context.isPage {
            if context.blocks.count == 1 {
                let slot = page.declareGlobal(name)
                page.globalIsLet[slot] = isLet
                page.globalTypes[slot] = nil
                page.globalShapes[slot] = nil
                return .global(slot)
            }
            let slot = page.globalCount
            page.globalCount += 1
            context.blocks[context.blocks.count - 1][name] = .init(slot: slot, isLet: isLet)
            return .global(slot)
        }
        let slot = context.slotCount
        context.slotCount += 1
        context.blocks[context.blocks.count - 1][name] = .init(slot: slot, isLet: isLet)
        return .local(slot)
    }

    func withBlock<T>(_ body: () throws(CellError) -> T) throws(CellError) -> T {
        context.blocks.append([:])
        defer { context.blocks.removeLast() }
        return try body()
    }

    // MARK: blocks and statements

    /// Lowers a list of statements. Functions and structs are declared first, so code may call a
    /// function written further down, as Swift allows.
    func lowerBlock(_ items: CodeBlockItemListSyntax) throws(CellError) -> [Stmt] {
        var functions: [(FunctionDeclSyntax, VarRef)] = []
        for item in items {
            if let f = item.item.as(FunctionDeclSyntax.self) {
                functions.append((f, declare(f.name.text, isLet: true)))
                noteShape(f.name.text, CallShape(name: f.name.text, f.signature.parameterClause))
            } else if let s = item.item.as(StructDeclSyntax.self) {
                try predeclareStruct(s)
            }
        }
        var hoisted: [Stmt] = []
        var statements: [Stmt] = []
        for item in items {
            switch item.item {
            case .decl(let decl):
                if let f = decl.as(FunctionDeclSyntax.self) {
                    let ref = functions.first { $0.0.id == f.id }!.1
                    hoisted.append(.function(ref, try lowerFunction(f, selfType: nil)))
                } else {
                    statements += try lowerDeclaration(decl)
                }
            case .stmt(let stmt):
                statements.append(try lowerStatement(stmt))
            case .expr(let expr):
                statements.append(try lowerExpressionStatement(expr))
            }
        }
        return hoisted + statements
    }

    func lowerBody(_ block: CodeBlockSyntax) throws(CellError) -> [Stmt] {
        try withBlock { () throws(CellError) in try lowerBlock(block.statements) }
    }

    func lowerStatement(_ stmt: StmtSyntax) throws(CellError) -> Stmt {
        switch stmt.as(StmtSyntaxEnum.self) {
        case .expressionStmt(let s):
            return try lowerExpressionStatement(s.expression)
        case .returnStmt(let s):
            return .returnValue(try s.expression.map { e throws(CellError) in try lowerExpr(e) }, loc(s))
        case .breakStmt(let s):
            if s.label != nil { throw unsupported("labeled 'break' is", s) }
            return .breakLoop
        case .continueStmt(let s):
            if s.label != nil { throw unsupported("labeled 'continue' is", s) }
            return .continueLoop
        case .guardStmt(let s):
            let conditions = try lowerConditions(s.conditions)
            let body = try lowerBody(s.body)
            if !Lowering.exits(body) {
                throw CellError("'guard' body must not fall through, consider using a 'return' or 'break' to exit the scope", at: loc(s.guardKeyword))
            }
            return .guardElse(conditions, body, loc(s))
        case .forStmt(let s):
            return try lowerFor(s)
        case .whileStmt(let s):
            if ClosureFinder.containsClosure(s.body) {
                // As for `for`: a closure made in the body captures this iteration's variables.
                let outer = context
                context = Context(parent: outer, isPage: false)
                defer { context = outer }
                let conditions = try lowerConditions(s.conditions)
                let body = try lowerBody(s.body)
                return .whileFreshFrame(conditions, body, context.slotCount, loc(s))
            }
            return try withBlock { () throws(CellError) in
                let conditions = try lowerConditions(s.conditions)
                return .whileLoop(conditions, try lowerBody(s.body), loc(s))
            }
        case .repeatStmt(let s):
            return .repeatWhile(try lowerBody(s.body), try lowerExpr(s.condition), loc(s))
        case .doStmt(let s):
            if !s.catchClauses.isEmpty { throw unsupported("'do'/'catch' is", s) }
            return .block(try lowerBody(s.body))
        case .throwStmt(let s): throw unsupported("'throw' is", s)
        case .deferStmt(let s): throw unsupported("'defer' is", s)
        case .discardStmt(let s): throw unsupported("'discard' is", s)
        case .yieldStmt(let s): throw unsupported("'yield' is", s)
        case .fallThroughStmt(let s): throw unsupported("'fallthrough' is", s)
        case .labeledStmt(let s): throw unsupported("labeled statements are", s)
        case .missingStmt(let s): throw CellError("expected a statement", at: loc(s))
        default: throw unsupported("this statement is", stmt)
        }
    }

    /// An `if` used as a statement keeps its `break`/`continue`/`return` flow.
    func lowerExpressionStatement(_ expr: ExprSyntax) throws(CellError) -> Stmt {
        if let e = expr.as(IfExprSyntax.self) {
            let (branches, otherwise) = try lowerIf(e)
            return .ifElse(branches, otherwise)
        }
        return .expr(try lowerExpr(expr))
    }

    static func exits(_ body: [Stmt]) -> Bool {
        switch body.last {
        case .returnValue?, .breakLoop?, .continueLoop?: return true
        case .expr(.bound(let call, _, _))? where call.name == "fatalError": return true
        default: return false
        }
    }

    func lowerConditions(_ list: ConditionElementListSyntax) throws(CellError) -> [Condition] {
        var result: [Condition] = []
        for element in list {
            switch element.condition {
            case .expression(let e):
                result.append(.boolean(try lowerExpr(e)))
            case .optionalBinding(let b):
                guard let name = b.pattern.as(IdentifierPatternSyntax.self)?.identifier.text else {
                    throw unsupported("this binding pattern is", b.pattern)
                }
                let value: Expr
                if let initializer = b.initializer {
                    value = try lowerExpr(initializer.value)
                } else {
                    value = try lowerName(name, at: b.pattern)
                }
                let ref = declare(name, isLet: b.bindingSpecifier.tokenKind == .keyword(.let))
                result.append(.binding(ref, value))
            case .availability(let a): throw unsupported("availability conditions are", a)
            case .matchingPattern(let p): throw unsupported("'case' patterns are", p)
            }
        }
        return result
    }

    func lowerFor(_ s: ForStmtSyntax) throws(CellError) -> Stmt {
        if s.caseKeyword != nil { throw unsupported("'for case' is", s) }
        if s.tryKeyword != nil || s.awaitKeyword != nil { throw unsupported("'for try await' is", s) }
        let sequence = try lowerExpr(s.sequence)
        if ClosureFinder.containsClosure(s.body) {
            // A closure made in the body captures this iteration's variables (as in Swift), so
            // each iteration gets a frame of its own.
            let outer = context
            context = Context(parent: outer, isPage: false)
            defer { context = outer }
            let pattern = try lowerPattern(s.pattern, isLet: true)
            let condition = try s.whereClause.map { w throws(CellError) in try lowerExpr(w.condition) }
            let body = try lowerBody(s.body)
            return .forInFreshFrame(pattern, sequence, condition, body, context.slotCount, loc(s))
        }
        return try withBlock { () throws(CellError) in
            let pattern = try lowerPattern(s.pattern, isLet: true)
            let condition = try s.whereClause.map { w throws(CellError) in try lowerExpr(w.condition) }
            return .forIn(pattern, sequence, condition, try lowerBody(s.body), loc(s))
        }
    }

    func lowerPattern(_ pattern: PatternSyntax, isLet: Bool) throws(CellError) -> Pattern {
        if let id = pattern.as(IdentifierPatternSyntax.self) {
            return .variable(declare(id.identifier.text, isLet: isLet))
        }
        if pattern.is(WildcardPatternSyntax.self) { return .ignore }
        if let tuple = pattern.as(TuplePatternSyntax.self) {
            var parts: [Pattern] = []
            for element in tuple.elements { parts.append(try lowerPattern(element.pattern, isLet: isLet)) }
            return .tuple(parts)
        }
        if let binding = pattern.as(ValueBindingPatternSyntax.self) {
            return try lowerPattern(binding.pattern, isLet: binding.bindingSpecifier.tokenKind == .keyword(.let))
        }
        throw unsupported("this pattern is", pattern)
    }
}

/// Whether a loop body makes closures or functions (which may capture its variables).
final class ClosureFinder: SyntaxVisitor {
    var found = false

    static func containsClosure(_ node: some SyntaxProtocol) -> Bool {
        let finder = ClosureFinder(viewMode: .sourceAccurate)
        finder.walk(node)
        return finder.found
    }

    override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind {
        found = true
        return .skipChildren
    }

    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
        found = true
        return .skipChildren
    }
}
