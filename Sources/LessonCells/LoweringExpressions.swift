import SwiftSyntax

/// Expressions: literals, names, operators, calls, members, subscripts, closures, assignment.
extension Lowering {
    func lowerExpr(_ expr: ExprSyntax) throws(CellError) -> Expr {
        switch expr.as(ExprSyntaxEnum.self) {
        case .integerLiteralExpr(let e):
            return .literal(.int(try integer(e.literal)))
        case .floatLiteralExpr(let e):
            guard let d = Double(withoutUnderscores(e.literal.text)) else {
                throw CellError("invalid floating-point literal '\(e.literal.text)'", at: loc(e))
            }
            return .literal(.double(d))
        case .booleanLiteralExpr(let e):
            return .literal(.bool(e.literal.tokenKind == .keyword(.true)))
        case .nilLiteralExpr:
            return .literal(.nilValue)
        case .stringLiteralExpr(let e):
            return try lowerString(e)
        case .arrayExpr(let e):
            var elements: [Expr] = []
            for element in e.elements { elements.append(try lowerExpr(element.expression)) }
            return .array(elements, loc(e))
        case .dictionaryExpr(let e):
            var pairs: [(Expr, Expr)] = []
            if case .elements(let list) = e.content {
                for element in list { pairs.append((try lowerExpr(element.key), try lowerExpr(element.value))) }
            }
            return .dictionary(pairs, loc(e))
        case .tupleExpr(let e):
            if e.elements.count == 1, e.elements.first!.label == nil {
                return try lowerExpr(e.elements.first!.expression)
            }
            var elements: [Expr] = []
            for element in e.elements { elements.append(try lowerExpr(element.expression)) }
            return .tuple(elements, e.elements.map { $0.label?.text }, loc(e))
        case .declReferenceExpr(let e):
            if e.argumentNames != nil { throw unsupported("function references with argument names are", e) }
            return try lowerName(e.baseName.text, at: e)
        case .memberAccessExpr(let e):
            return try lowerMember(e)
        case .functionCallExpr(let e):
            return wrapChain(try lowerCall(e), node: e, base: e.calledExpression)
        case .subscriptCallExpr(let e):
            if e.trailingClosure != nil { throw unsupported("trailing closures on subscripts are", e) }
            return wrapChain(.subscriptAccess(try lowerExpr(e.calledExpression), try lowerArguments(e.arguments), loc(e.leftSquare)), node: e, base: e.calledExpression)
        case .closureExpr(let e):
            return .closure(try lowerClosure(e), loc(e))
        case .sequenceExpr(let e):
            return try lowerChain(e)
        case .infixOperatorExpr(let e):
            return try lowerInfix(e)
        case .ternaryExpr(let e):
            return .ternary(try lowerExpr(e.condition), try lowerExpr(e.thenExpression), try lowerExpr(e.elseExpression), loc(e))
        case .prefixOperatorExpr(let e):
            return try lowerPrefix(e)
        case .forceUnwrapExpr(let e):
            return .forceUnwrap(try lowerExpr(e.expression), loc(e.exclamationMark))
        case .optionalChainingExpr(let e):
            return .optionalChain(try lowerExpr(e.expression), loc(e))
        case .tryExpr(let e):
            // `try!`: an error stops the cell, located, as a plain `try` (or none) does;
            // `try?`: a thrown error (the engine's) gives nil.
            if e.questionOrExclamationMark?.text == "?" {
                return .tryOptional(try lowerExpr(e.expression))
            }
            return try lowerExpr(e.expression)
        case .ifExpr(let e):
            let (branches, otherwise) = try lowerIf(e)
            return .ifExpression(branches, otherwise, loc(e))
        case .asExpr(let e):
            if e.questionOrExclamationMark != nil { throw unsupported("'as?' and 'as!' casts are", e) }
            let inner = try lowerExpr(e.expression)
            switch (lowerType(e.type), inner) {
            case (.double, .literal(.int(let i))): return .literal(.double(Double(i)))
            case (.float, .literal(.int(let i))): return .literal(.float(Float(i)))
            case (.float, .literal(.double(let d))): return .literal(.float(Float(d)))
            default: break
            }
            return inner
        case .awaitExpr(let e): throw unsupported("'await' is", e)
        case .switchExpr(let e): throw unsupported("'switch' statements are", e.switchKeyword)
        case .keyPathExpr(let e): throw unsupported("key paths are", e)
        case .isExpr(let e): throw unsupported("'is' type checks are", e)
        case .macroExpansionExpr(let e): throw unsupported("macros are", e)
        case .regexLiteralExpr(let e): throw unsupported("regex literals are", e)
        case .discardAssignmentExpr: throw CellError("'_' can only appear on the left of an assignment", at: loc(expr))
        case .postfixOperatorExpr(let e):
            guard e.operator.text == "..." else { throw unsupported("postfix operator '\(e.operator.text)' is", e.operator) }
            return .partialRange(try lowerExpr(e.expression), nil, closed: false, loc(e))
        case .editorPlaceholderExpr(let e): throw CellError("editor placeholder in source", at: loc(e))
        default: throw unsupported("this expression is", expr)
        }
    }

    func integer(_ token: TokenSyntax) throws(CellError) -> Int {
        let text = withoutUnderscores(token.text)
        let value: Int?
        if text.hasPrefix("0x") { value = Int(text.dropFirst(2), radix: 16) }
        else if text.hasPrefix("0b") { value = Int(text.dropFirst(2), radix: 2) }
        else if text.hasPrefix("0o") { value = Int(text.dropFirst(2), radix: 8) }
        else { value = Int(text) }
        guard let value else { throw CellError("integer literal '\(token.text)' overflows when stored into 'Int'", at: loc(token)) }
        return value
    }

    /// A number literal's text without its digit separators (Foundation's
    /// `replacingOccurrences` cost more than the rest of reading the literal).
    private func withoutUnderscores(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "_")) ? String(text.filter { $0 != "_" }) : text
    }

    func lowerName(_ name: String, at node: some SyntaxProtocol) throws(CellError) -> Expr {
        if name == "..." {
            // `x[..., 0]`: Swift's `UnboundedRange`, a whole axis.
            return .literal(.partialRange(PartialRange(lower: nil, upper: nil, closed: false)))
        }
        if BinaryOp(rawValue: name) != nil, resolve(name) == nil {
            // An operator passed as a function: `xs.reduce(0, +)`.
            return .literal(.function(.builtin(name)))
        }
        switch resolve(name) {
        case .variable(let ref, _)?:
            return .variable(ref, loc(node))
        case .selfMember(let selfRef, let type, _, _)?:
            if type.methods[name] != nil { throw CellError("method '\(name)' must be called; write '\(name)(…)'", at: loc(node)) }
            return .member(.variable(selfRef, loc(node)), name, loc(node))
        case nil:
            if page.structs[name] != nil || registry.functions[name] != nil {
                throw CellError("'\(name)' must be called here; write '\(name)(…)'", at: loc(node))
            }
            throw CellError("cannot find '\(name)' in scope", at: loc(node))
        }
    }

    /// `base.name`, where `base` may be a built-in type (`Double.pi`) or absent (`.tanh`).
    func lowerMember(_ e: MemberAccessExprSyntax) throws(CellError) -> Expr {
        let name = e.declName.baseName.text
        guard let base = e.base else { return .implicitMember(name, loc(e.declName)) }
        if let type = builtinTypeName(base) { return try lowerStatic(type, name, nil, loc(e.declName)) }
        if let call = registry.propertyCalls[name] {
            return wrapChain(.boundMember(try lowerExpr(base), call, loc(e.declName)), node: e, base: base)
        }
        return wrapChain(.member(try lowerExpr(base), name, loc(e.declName)), node: e, base: base)
    }

    /// The built-in type a base expression names, unless the page has a binding of that name.
    func builtinTypeName(_ base: ExprSyntax) -> String? {
        guard let ref = base.as(DeclReferenceExprSyntax.self) else { return nil }
        let name = ref.baseName.text
        guard registry.staticTypes.contains(name), resolve(name) == nil, page.structs[name] == nil else { return nil }
        return name
    }

    /// Ends an optional chain at the outermost postfix expression containing `?`: a node is the
    /// chain's root unless its parent continues the chain with it as the base.
    func wrapChain(_ lowered: Expr, node: some ExprSyntaxProtocol, base: ExprSyntax) -> Expr {
        guard containsChain(base) else { return lowered }
        let id = node.id
        if let parent = node.parent {
            if let m = parent.as(MemberAccessExprSyntax.self), m.base?.id == id { return lowered }
            if let f = parent.as(FunctionCallExprSyntax.self), f.calledExpression.id == id { return lowered }
            if let s = parent.as(SubscriptCallExprSyntax.self), s.calledExpression.id == id { return lowered }
            if let u = parent.as(ForceUnwrapExprSyntax.self), u.expression.id == id { return lowered }
            if let o = parent.as(OptionalChainingExprSyntax.self), o.expression.id == id { return lowered }
        }
        return .chainRoot(lowered)
    }

    private func containsChain(_ e: ExprSyntax) -> Bool {
        var current: ExprSyntax? = e
        while let c = current {
            if c.is(OptionalChainingExprSyntax.self) { return true }
            if let m = c.as(MemberAccessExprSyntax.self) { current = m.base }
            else if let f = c.as(FunctionCallExprSyntax.self) { current = f.calledExpression }
            else if let s = c.as(SubscriptCallExprSyntax.self) { current = s.calledExpression }
            else if let u = c.as(ForceUnwrapExprSyntax.self) { current = u.expression }
            else { return false }
        }
        return false
    }

    func lowerArguments(_ list: LabeledExprListSyntax) throws(CellError) -> [Argument] {
        var result: [Argument] = []
        for a in list {
            result.append(Argument(label: a.label?.text, value: try lowerExpr(a.expression), loc: loc(a)))
        }
        return result
    }

    func lowerCall(_ e: FunctionCallExprSyntax) throws(CellError) -> Expr {
        var arguments = try lowerArguments(e.arguments)
        if let trailing = e.trailingClosure {
            arguments.append(Argument(label: nil, value: .closure(try lowerClosure(trailing), loc(trailing)), loc: loc(trailing), isTrailingClosure: true))
        }
        if let extra = e.additionalTrailingClosures.first { throw unsupported("multiple trailing closures are", extra) }
        let at = loc(e)
        let called = e.calledExpression
        if let elementType = arrayTypeElement(called) {
            return try lowerArrayInitializer(elementType, arguments, at)
        }
        if let ref = called.as(DeclReferenceExprSyntax.self) {
            let name = ref.baseName.text
            switch resolve(name) {
            case .variable(let v, _)?:
                if let shape = declaration(name).shape { try checkLabels([shape], arguments, at) }
                return .call(.variable(v, loc(ref)), arguments, at)
            case .selfMember(let selfRef, let type, let mutableSelf, _)?:
                let receiver = Expr.variable(selfRef, loc(ref))
                if let method = type.methods[name], method.isMutating {
                    // A mutating method called on `self` from another method changes `self`.
                    guard mutableSelf else {
                        throw CellError("cannot use mutating member '\(name)' on immutable value: 'self' is immutable (mark the method 'mutating')", at: loc(ref))
                    }
                    let target = LValue(root: selfRef, rootName: "self", path: [], rootIsLet: false, loc: loc(ref))
                    return .mutatingCall(target, name, arguments, at)
                }
                if type.methods[name] != nil { return .methodCall(receiver, name, arguments, at) }
                return .call(.member(receiver, name, loc(ref)), arguments, at)
            case nil:
                if let type = page.structs[name] {
                    try checkLabels(type.callShapes, arguments, at)
                    return .construct(type, arguments, at)
                }
                if name == "Double", arguments.count == 1, arguments[0].label == nil {
                    return .toDouble(arguments[0].value, at)
                }
                if let indices = registry.functions[name] {
                    let what = name.first?.isUppercase == true ? "initializer" : "global function"
                    return .bound(try bind(indices, arguments, what: what, name: name, at), arguments, at)
                }
                throw CellError("cannot find '\(name)' in scope", at: loc(ref))
            }
        }
        if let member = called.as(MemberAccessExprSyntax.self) {
            let name = member.declName.baseName.text
            guard let base = member.base else { return .call(.implicitMember(name, loc(member.declName)), arguments, at) }
            if let type = builtinTypeName(base) { return try lowerStatic(type, name, arguments, loc(member.declName)) }
            if name == "init" { throw unsupported("explicit '.init' calls are", member.declName) }
            if isMutatingName(name), let target = try? lowerLValue(base) {
                if target.isImmutable {
                    throw CellError("cannot use mutating member '\(name)' on immutable value: \(target.immutableMessage.drop { $0 != "'" })", at: loc(base))
                }
                try checkMutatingLabels(name, arguments, loc(member.declName))
                return .mutatingCall(target.value, name, arguments, loc(member.declName))
            }
            try checkMutableReceiver(name, base, loc(member.declName))
            if let indices = registry.methods[name] {
                let pageHasIt = page.structs.values.contains { $0.declares(name) }
                do {
                    let call = try bind(indices, arguments, what: "instance method", name: name, loc(member.declName))
                    return .boundMethod(try lowerExpr(base), call, arguments, loc(member.declName))
                } catch {
                    // A page struct's or a collection's method of the same name may take these labels.
                    if !pageHasIt && !Lowering.libraryMethods.contains(name) { throw error }
                }
            }
            return .methodCall(try lowerExpr(base), name, arguments, loc(member.declName))
        }
        return .call(try lowerExpr(called), arguments, at)
    }

    /// The element type when `e` names an array type, as in `[Double](repeating: 0, count: 3)`.
    func arrayTypeElement(_ e: ExprSyntax) -> TypeRef? {
        guard let array = e.as(ArrayExprSyntax.self), array.elements.count == 1,
              let element = array.elements.first, element.trailingComma == nil else { return nil }
        if let inner = arrayTypeElement(element.expression) { return .array(inner) }
        guard let ref = element.expression.as(DeclReferenceExprSyntax.self), resolve(ref.baseName.text) == nil else { return nil }
        switch ref.baseName.text {
        case "Int": return .int
        case "Double": return .double
        case "Float": return .float
        case "Bool": return .bool
        case "String": return .string
        case "Tensor": return .tensor
        case let name where page.structs[name] != nil: return .other
        default: return nil
        }
    }

    /// `[T]()`, `[T](repeating:count:)` and `[T](sequence)`; a repeated number takes the element type.
    func lowerArrayInitializer(_ element: TypeRef, _ arguments: [Argument], _ at: Loc) throws(CellError) -> Expr {
        let labels = arguments.map(\.label)
        switch labels {
        case []:
            return .array([], at)
        case ["repeating", "count"]:
            var repeated = arguments
            let value = arguments[0].value
            switch element {
            case .double: repeated[0].value = .toDouble(value, arguments[0].loc)
            case .float:
                let argument = [Argument(label: nil, value: value, loc: arguments[0].loc)]
                repeated[0].value = .bound(try bind(registry.functions["Float"] ?? [], argument, what: "initializer", name: "Float", at), argument, arguments[0].loc)
            default: break
            }
            return .bound(try bind(registry.functions["Array"] ?? [], repeated, what: "initializer", name: "Array", at), repeated, at)
        case [nil]:
            return .bound(try bind(registry.functions["Array"] ?? [], arguments, what: "initializer", name: "Array", at), arguments, at)
        default:
            throw CellError("no array initializer takes arguments (\(labels.map { ($0 ?? "_") + ":" }.joined())); use [T](), [T](repeating:count:) or [T](sequence)", at: at)
        }
    }

    func isMutatingName(_ name: String) -> Bool {
        if Lowering.builtinMutatingMethods.contains(name) { return true }
        return page.structs.values.contains { $0.methods[name]?.isMutating ?? false }
    }

    func lowerClosure(_ e: ClosureExprSyntax) throws(CellError) -> FunctionCode {
        let code = FunctionCode(name: "closure", loc: loc(e))
        code.isClosure = true
        var names: [String] = []
        if let signature = e.signature {
            if let capture = signature.capture { throw unsupported("capture lists are", capture) }
            switch signature.parameterClause {
            case .simpleInput(let list)?:
                names = list.map(\.name.text)
            case .parameterClause(let clause)?:
                names = clause.parameters.map { ($0.secondName ?? $0.firstName).text }
            case nil:
                break
            }
        } else {
            let count = DollarCounter.count(in: e)
            names = (0..<count).map { "$\($0)" }
        }
        code.parameters = names.map { .init(label: nil, name: $0, defaultValue: nil, type: nil) }
        let outer = context
        context = Context(parent: outer, isPage: false)
        defer { context = outer }
        for name in names { _ = declare(name, isLet: true) }
        code.body = try lowerBlockWithImplicitReturn(e.statements)
        code.frameSize = context.slotCount
        return code
    }

    func lowerPrefix(_ e: PrefixOperatorExprSyntax) throws(CellError) -> Expr {
        let operand = try lowerExpr(e.expression)
        switch e.operator.text {
        case "-":
            if case .literal(.int(let i)) = operand { return .literal(.int(-i)) }
            if case .literal(.double(let d)) = operand { return .literal(.double(-d)) }
            return .unary(.negate, operand, loc(e))
        case "+": return .unary(.plus, operand, loc(e))
        case "..<", "...": return .partialRange(nil, operand, closed: e.operator.text == "...", loc(e))
        case "!": return .unary(.not, operand, loc(e))
        default: throw unsupported("prefix operator '\(e.operator.text)' is", e.operator)
        }
    }

    func lowerInfix(_ e: InfixOperatorExprSyntax) throws(CellError) -> Expr {
        let at = loc(e.operator)
        if e.operator.is(AssignmentExprSyntax.self) {
            let value = try lowerExpr(e.rightOperand)
            if e.leftOperand.is(DiscardAssignmentExprSyntax.self) { return .discard(value) }
            return .assignment(try lowerAssignable(e.leftOperand), value, at)
        }
        guard let op = e.operator.as(BinaryOperatorExprSyntax.self)?.operator.text else {
            throw unsupported("this operator is", e.operator)
        }
        if op.count >= 2, op.hasSuffix("="), let binary = BinaryOp(rawValue: String(op.dropLast())),
           ["+", "-", "*", "/", "%"].contains(binary.rawValue) {
            let checked = try lowerLValue(e.leftOperand)
            if checked.isImmutable {
                // swiftc's words for `x -= 1` on a `let`, at the operator.
                let plain = checked.value.path.isEmpty && checked.value.rootName != "self"
                throw plain
                    ? CellError("left side of mutating operator isn't mutable: '\(checked.value.rootName)' is a 'let' constant", at: at)
                    : CellError(checked.immutableMessage, at: loc(e.leftOperand))
            }
            return .compoundAssignment(checked.value, binary, try lowerExpr(e.rightOperand), at)
        }
        let lhs = try lowerExpr(e.leftOperand)
        let rhs = try lowerExpr(e.rightOperand)
        switch op {
        case "&&": return .and(lhs, rhs, at)
        case "||": return .or(lhs, rhs, at)
        case "??": return .nilCoalescing(lhs, rhs)
        case "..<": return .range(lhs, rhs, closed: false, at)
        case "...": return .range(lhs, rhs, closed: true, at)
        default:
            guard let binary = BinaryOp(rawValue: op) else { throw unsupported("operator '\(op)' is", e.operator) }
            return .binary(binary, lhs, rhs, at)
        }
    }

    func lowerIf(_ e: IfExprSyntax) throws(CellError) -> ([(Condition, [Stmt])], [Stmt]?) {
        var branches: [(Condition, [Stmt])] = []
        let branch = try withBlock { () throws(CellError) -> (Condition, [Stmt]) in
            let conditions = try lowerConditions(e.conditions)
            let body = try lowerBody(e.body)
            return (Lowering.combine(conditions), body)
        }
        branches.append(branch)
        switch e.elseBody {
        case .ifExpr(let next)?:
            let (more, otherwise) = try lowerIf(next)
            return (branches + more, otherwise)
        case .codeBlock(let block)?:
            return (branches, try lowerBody(block))
        case nil:
            return (branches, nil)
        }
    }

    /// `if a, let b = c, d`: several conditions become one that checks them in order.
    static func combine(_ conditions: [Condition]) -> Condition {
        if conditions.count == 1 { return conditions[0] }
        return .all(conditions)
    }
}
