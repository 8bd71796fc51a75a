import SwiftSyntax

/// Declarations: `let`/`var`, `func`, `struct` (stored properties, `init`, methods), `import`.
extension Lowering {
    func lowerDeclaration(_ decl: DeclSyntax) throws(CellError) -> [Stmt] {
        switch decl.as(DeclSyntaxEnum.self) {
        case .variableDecl(let v):
            return try lowerVariable(v)
        case .structDecl(let s):
            guard context.isPage, context.blocks.count == 1 else {
                throw unsupported("structs declared inside functions or blocks are", s.structKeyword)
            }
            try lowerStruct(s)
            return []
        case .importDecl(let i):
            let module = i.path.map(\.name.text).joined(separator: ".")
            guard ["NetworkEngine", "Foundation"].contains(module) else {
                throw CellError("only 'import NetworkEngine' and 'import Foundation' are available in cells; no module '\(module)'", at: loc(i.path))
            }
            return []
        case .classDecl(let d): throw unsupported("classes are", d.classKeyword)
        case .protocolDecl(let d): throw unsupported("protocols are", d.protocolKeyword)
        case .enumDecl(let d): throw unsupported("enums are", d.enumKeyword)
        case .extensionDecl(let d): throw unsupported("extensions are", d.extensionKeyword)
        case .actorDecl(let d): throw unsupported("actors are", d.actorKeyword)
        case .typeAliasDecl(let d): throw unsupported("type aliases are", d.typealiasKeyword)
        case .operatorDecl(let d): throw unsupported("operator declarations are", d)
        case .precedenceGroupDecl(let d): throw unsupported("precedence groups are", d)
        case .subscriptDecl(let d): throw unsupported("'subscript' declarations are", d.subscriptKeyword)
        case .ifConfigDecl(let d): throw unsupported("'#if' conditional compilation is", d)
        case .initializerDecl(let d): throw CellError("initializers may only be declared within a type", at: loc(d))
        case .macroDecl(let d): throw unsupported("macros are", d)
        case .macroExpansionDecl(let d): throw unsupported("macros are", d)
        default: throw unsupported("this declaration is", decl)
        }
    }

    func rejectModifiers(_ modifiers: DeclModifierListSyntax, allowing allowed: Set<String> = []) throws(CellError) {
        for modifier in modifiers {
            let name = modifier.name.text
            if allowed.contains(name) || ["private", "fileprivate", "public", "internal", "final"].contains(name) { continue }
            throw unsupported("'\(name)' declarations are", modifier)
        }
    }

    /// A variable's or stored property's type: its annotation, or else the type its value plainly
    /// has (`[Double]()` and `[Double](repeating: 0, count: 3)` make a `[Double]`, as Swift infers).
    func declaredType(of binding: PatternBindingSyntax) -> TypeRef? {
        if let annotation = binding.typeAnnotation { return lowerType(annotation.type) }
        guard let call = binding.initializer?.value.as(FunctionCallExprSyntax.self),
              let element = arrayTypeElement(call.calledExpression) else { return nil }
        return .array(element)
    }

    func lowerVariable(_ v: VariableDeclSyntax) throws(CellError) -> [Stmt] {
        try rejectModifiers(v.modifiers)
        if let attribute = v.attributes.first { throw unsupported("attributes on variables are", attribute) }
        let isLet = v.bindingSpecifier.tokenKind == .keyword(.let)
        var result: [Stmt] = []
        for binding in v.bindings {
            if let accessors = binding.accessorBlock { throw unsupported("computed properties are", accessors) }
            let type = declaredType(of: binding)
            let value = try binding.initializer.map { i throws(CellError) in try lowerExpr(i.value) }
            // A `let` without a value is assigned once later, so it is declared assignable.
            let pattern = try lowerPattern(binding.pattern, isLet: isLet && value != nil)
            if let type, let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text { noteType(name, type) }
            result.append(.declare(pattern, value, type, loc(binding)))
        }
        return result
    }

    func lowerType(_ type: TypeSyntax) -> TypeRef {
        if let id = type.as(IdentifierTypeSyntax.self) {
            switch id.name.text {
            case "Int": return .int
            case "Double", "CGFloat": return .double
            case "Float": return .float
            case "Bool": return .bool
            case "String": return .string
            case "Tensor": return .tensor
            case "Module": return .module
            default: return .other
            }
        }
        if let a = type.as(ArrayTypeSyntax.self) { return .array(lowerType(a.element)) }
        if let o = type.as(OptionalTypeSyntax.self) { return .optional(lowerType(o.wrappedType)) }
        if let o = type.as(ImplicitlyUnwrappedOptionalTypeSyntax.self) { return .optional(lowerType(o.wrappedType)) }
        if let s = type.as(SomeOrAnyTypeSyntax.self) { return lowerType(s.constraint) }
        if let a = type.as(AttributedTypeSyntax.self) { return lowerType(a.baseType) }
        return .other
    }

    // MARK: functions

    func lowerParameters(_ clause: FunctionParameterClauseSyntax) throws(CellError) -> [FunctionCode.Parameter] {
        var result: [FunctionCode.Parameter] = []
        for p in clause.parameters {
            if let attributed = p.type.as(AttributedTypeSyntax.self),
               attributed.specifiers.contains(where: { $0.as(SimpleTypeSpecifierSyntax.self)?.specifier.text == "inout" }) {
                throw unsupported("'inout' parameters are", p.type)
            }
            let first = p.firstName.text
            let label: String? = first == "_" ? nil : first
            let name = p.secondName?.text ?? first
            let defaultValue = try p.defaultValue.map { d throws(CellError) in try lowerExpr(d.value) }
            result.append(.init(label: label, name: name, defaultValue: defaultValue, type: lowerType(p.type), isVariadic: p.ellipsis != nil))
        }
        return result
    }

    /// Lowers a function or method body in a context of its own. Parameter defaults are lowered
    /// in the enclosing context (they are evaluated in the frame the function was declared in).
    func lowerFunctionBody(
        code: FunctionCode, parameters: [FunctionCode.Parameter], body: CodeBlockSyntax?, selfType: StructType?,
        selfIsMutable: Bool, isInitializer: Bool, at node: some SyntaxProtocol
    ) throws(CellError) {
        guard let body else { throw CellError("function '\(code.name)' needs a body", at: loc(node)) }
        code.parameters = parameters
        let outer = context
        let parent: Context = selfType == nil ? outer : pageContext(of: outer)
        context = Context(parent: parent, isPage: false, selfType: selfType, selfIsMutable: selfIsMutable, isInitializer: isInitializer)
        defer { context = outer }
        if selfType != nil {
            _ = declare("self", isLet: !selfIsMutable)
            code.hasSelf = true
        }
        for p in parameters { _ = declare(p.name, isLet: true) }
        code.body = try lowerBlockWithImplicitReturn(body.statements)
        code.frameSize = context.slotCount
    }

    func pageContext(of c: Context) -> Context {
        var c = c
        while let p = c.parent { c = p }
        return c
    }

    /// Whether an expression is an assignment (`a = b`), an operator chain folded.
    private func isAssignment(_ e: ExprSyntax) -> Bool {
        guard let chain = e.as(SequenceExprSyntax.self), let (folded, _) = try? folded(chain) else { return false }
        return folded.as(InfixOperatorExprSyntax.self)?.operator.is(AssignmentExprSyntax.self) ?? false
    }

    /// A body that is one expression returns it (`{ $0 * 2 }`, `func f() -> Int { 3 }`).
    func lowerBlockWithImplicitReturn(_ items: CodeBlockItemListSyntax) throws(CellError) -> [Stmt] {
        if items.count == 1, case .expr(let e) = items.first!.item,
           !isAssignment(e) {
            if let call = e.as(FunctionCallExprSyntax.self), call.calledExpression.as(DeclReferenceExprSyntax.self)?.baseName.text == "print" {
                return try lowerBlock(items)
            }
            return [.returnValue(try lowerExpr(e), loc(e))]
        }
        return try lowerBlock(items)
    }

    func lowerFunction(_ f: FunctionDeclSyntax, selfType: StructType?) throws(CellError) -> FunctionCode {
        if let generics = f.genericParameterClause { throw unsupported("generic functions are", generics) }
        if let effects = f.signature.effectSpecifiers, let a = effects.asyncSpecifier { throw unsupported("'async' functions are", a) }
        if let attribute = f.attributes.first { throw unsupported("attributes on functions are", attribute) }
        try rejectModifiers(f.modifiers, allowing: selfType == nil ? [] : ["mutating"])
        if f.name.tokenKind != .identifier(f.name.text) { throw unsupported("operator functions are", f.name) }
        let code = FunctionCode(name: f.name.text, loc: loc(f.name))
        code.isMutating = f.modifiers.contains { $0.name.text == "mutating" }
        code.returnType = f.signature.returnClause.map { lowerType($0.type) }
        let parameters = try lowerParameters(f.signature.parameterClause)
        try lowerFunctionBody(
            code: code, parameters: parameters, body: f.body, selfType: selfType,
            selfIsMutable: code.isMutating, isInitializer: false, at: f)
        return code
    }

    // MARK: structs

    /// Registers a struct's name and stored properties before any code is lowered, so functions
    /// and other structs in the same cell can use it.
    func predeclareStruct(_ s: StructDeclSyntax) throws(CellError) {
        guard context.isPage, context.blocks.count == 1 else { return }
        let type = StructType(name: s.name.text, loc: loc(s.name))
        for member in s.memberBlock.members {
            if let v = member.decl.as(VariableDeclSyntax.self) {
                for binding in v.bindings {
                    if binding.accessorBlock != nil, let id = binding.pattern.as(IdentifierPatternSyntax.self) {
                        type.computed[id.identifier.text] = FunctionCode(name: id.identifier.text, loc: loc(id))
                        continue
                    }
                    if let id = binding.pattern.as(IdentifierPatternSyntax.self) {
                        type.fieldIndex[id.identifier.text] = type.fields.count
                        type.fields.append(.init(
                            name: id.identifier.text, type: declaredType(of: binding),
                            defaultValue: nil, isLet: v.bindingSpecifier.tokenKind == .keyword(.let)))
                    }
                }
            } else if let f = member.decl.as(FunctionDeclSyntax.self) {
                // A placeholder so calls resolve; `lowerStruct` fills it in.
                let code = FunctionCode(name: f.name.text, loc: loc(f.name))
                code.isMutating = f.modifiers.contains { $0.name.text == "mutating" }
                type.methods[f.name.text] = code
            }
        }
        type.callShapes = CallShape.initializers(of: s)
        page.structs[type.name] = type
    }

    /// A read-only computed property: its getter becomes a method without parameters.
    func lowerComputed(_ binding: PatternBindingSyntax, _ accessors: AccessorBlockSyntax, in type: StructType) throws(CellError) {
        guard let id = binding.pattern.as(IdentifierPatternSyntax.self), let code = type.computed[id.identifier.text] else {
            throw unsupported("this property pattern is", binding.pattern)
        }
        let items: CodeBlockItemListSyntax
        switch accessors.accessors {
        case .getter(let getter):
            items = getter
        case .accessors(let list):
            guard list.count == 1, let get = list.first, get.accessorSpecifier.tokenKind == .keyword(.get), let body = get.body else {
                throw unsupported("computed properties with setters or observers are", accessors)
            }
            items = body.statements
        }
        let outer = context
        context = Context(parent: pageContext(of: outer), isPage: false, selfType: type)
        defer { context = outer }
        _ = declare("self", isLet: true)
        code.hasSelf = true
        code.returnType = binding.typeAnnotation.map { lowerType($0.type) }
        code.body = try lowerBlockWithImplicitReturn(items)
        code.frameSize = context.slotCount
    }

    func lowerStruct(_ s: StructDeclSyntax) throws(CellError) {
        if let generics = s.genericParameterClause { throw unsupported("generic structs are", generics) }
        if let attribute = s.attributes.first { throw unsupported("attributes on structs are", attribute) }
        try rejectModifiers(s.modifiers)
        guard let type = page.structs[s.name.text] else { throw CellError("struct '\(s.name.text)' was not declared", at: loc(s.name)) }
        for inherited in s.inheritanceClause?.inheritedTypes ?? [] {
            let name = inherited.type.trimmedDescription
            switch name {
            case "Module": type.conformsToModule = true
            case "Sendable", "Equatable", "Hashable", "CustomStringConvertible": break
            default: throw CellError("conformance to '\(name)' is not supported in cells (only 'Module')", at: loc(inherited.type))
            }
        }
        for member in s.memberBlock.members {
            switch member.decl.as(DeclSyntaxEnum.self) {
            case .variableDecl(let v):
                // `@State`, `@Published`, property wrappers: none has a meaning here, so none is ignored.
                if let attribute = v.attributes.first { throw unsupported("attribute '\(attribute.trimmedDescription)' on a property is", attribute) }
                if v.modifiers.contains(where: { $0.name.text == "static" }) { throw unsupported("static properties are", v) }
                try rejectModifiers(v.modifiers)
                for binding in v.bindings {
                    if let accessors = binding.accessorBlock {
                        try lowerComputed(binding, accessors, in: type)
                        continue
                    }
                    guard let id = binding.pattern.as(IdentifierPatternSyntax.self), let index = type.fieldIndex[id.identifier.text] else {
                        throw unsupported("this property pattern is", binding.pattern)
                    }
                    if binding.typeAnnotation == nil && binding.initializer == nil {
                        throw CellError("property '\(id.identifier.text)' needs a type annotation or an initial value", at: loc(binding))
                    }
                    type.fields[index].defaultValue = try binding.initializer.map { i throws(CellError) in try lowerExpr(i.value) }
                }
            case .functionDecl(let f):
                if f.modifiers.contains(where: { $0.name.text == "static" }) { throw unsupported("static methods are", f) }
                let lowered = try lowerFunction(f, selfType: type)
                let code = type.methods[f.name.text]!
                code.parameters = lowered.parameters
                code.body = lowered.body
                code.frameSize = lowered.frameSize
                code.hasSelf = true
                code.returnType = lowered.returnType
            case .initializerDecl(let i):
                if let attribute = i.attributes.first { throw unsupported("attribute '\(attribute.trimmedDescription)' on an initializer is", attribute) }
                if i.optionalMark != nil { throw unsupported("failable initializers are", i) }
                if let generics = i.genericParameterClause { throw unsupported("generic initializers are", generics) }
                try rejectModifiers(i.modifiers)
                let code = FunctionCode(name: "init", loc: loc(i.initKeyword))
                code.isInitializer = true
                let parameters = try lowerParameters(i.signature.parameterClause)
                try lowerFunctionBody(code: code, parameters: parameters, body: i.body, selfType: type, selfIsMutable: true, isInitializer: true, at: i)
                type.initializers.append(code)
            case .structDecl(let d): throw unsupported("nested structs are", d.structKeyword)
            case .subscriptDecl(let d): throw unsupported("'subscript' declarations are", d.subscriptKeyword)
            case .ifConfigDecl(let d): throw unsupported("'#if' conditional compilation is", d)
            default: throw unsupported("this member is", member.decl)
            }
        }
        if type.conformsToModule {
            guard let call = type.methods["callAsFunction"], call.parameters.count == 1 else {
                throw CellError("type '\(type.name)' does not conform to protocol 'Module': add 'func callAsFunction(_ input: Tensor) throws -> Tensor'", at: loc(s.name))
            }
        }
    }
}
