import SwiftSyntax

/// Calls resolved against the registry of bindings (`Bindings/Registry.swift`): a name the
/// registry has, with labels none of its overloads takes, stops the cell here, in Swift's words.
extension Lowering {
    var registry: Registry { Registry.shared }

    /// The mutating array methods (`append`, `insert`, …): a call of one of these names on a
    /// variable writes the variable back.
    static let builtinMutatingMethods = Set(Registry.shared.mutating.keys)

    /// Methods the registry holds apart from its plain ones that share a name with one: a call
    /// of one of these names may be for such a value, so its labels are checked when it runs.
    static let libraryMethods: Set<String> = Lowering.builtinMutatingMethods.union(["callAsFunction"])

    func bind(_ indices: [Int], _ arguments: [Argument], what: String, name: String, _ at: Loc) throws(CellError) -> BoundCall {
        try registry.bind(indices, arguments.map(\.label), arguments, what: what, name: name, at)
    }

    /// `xs.insert(1, 0)`: the labels of a mutating array method, checked before the cell runs,
    /// unless a page struct has a method of that name (its own labels are checked when it runs).
    func checkMutatingLabels(_ name: String, _ arguments: [Argument], _ at: Loc) throws(CellError) {
        guard let indices = registry.mutating[name], !page.structs.values.contains(where: { $0.declares(name) }) else { return }
        try Registry.checkBoundOverload(name, arguments, at)
        _ = try bind(indices, arguments, what: "instance method", name: name, at)
    }

    /// `f().append(1)`, `o?.append(1)`: a mutating array method on a value that is no variable
    /// would change a copy and be lost, so it stops the cell (Swift's error, or for an optional,
    /// which Swift changes in place, the cells' limit). A page struct's method of that name is its own.
    func checkMutableReceiver(_ name: String, _ base: ExprSyntax, _ at: Loc) throws(CellError) {
        guard registry.mutating[name] != nil, !page.structs.values.contains(where: { $0.declares(name) }) else { return }
        // The receiver's root is lowered first, so a name that does not exist (`zz.append(1)`,
        // `nosuch().append(1)`) gets Swift's "cannot find" at the name, not this refusal.
        var root = base
        while let next = root.as(MemberAccessExprSyntax.self)?.base ?? root.as(SubscriptCallExprSyntax.self)?.calledExpression
            ?? root.as(OptionalChainingExprSyntax.self)?.expression ?? root.as(ForceUnwrapExprSyntax.self)?.expression {
            root = next
        }
        _ = try lowerExpr(root)
        var link: ExprSyntax? = base
        while let e = link {
            if e.is(OptionalChainingExprSyntax.self) || e.is(ForceUnwrapExprSyntax.self) {
                throw CellError("a mutating method on an optional ('?.' or '!.') is not supported in cells; unwrap it into a 'var', change that and assign it back", at: at)
            }
            link = e.as(MemberAccessExprSyntax.self)?.base ?? e.as(SubscriptCallExprSyntax.self)?.calledExpression
        }
        if let call = base.as(FunctionCallExprSyntax.self) {
            let callee = call.calledExpression.as(DeclReferenceExprSyntax.self)?.baseName.text
            throw CellError("cannot use mutating member on immutable value: \(callee.map { "'\($0)' returns" } ?? "function call returns") immutable value", at: at)
        }
        throw Interpreter.immutableReceiver(at)
    }

    /// `Tensor.randn(…)`, `Double.pi`: a static method or property of a bound type.
    func lowerStatic(_ type: String, _ name: String, _ arguments: [Argument]?, _ at: Loc) throws(CellError) -> Expr {
        let indices = (registry.statics["\(type).\(name)"] ?? []).filter {
            (registry.all[$0].kind == .staticProperty) == (arguments == nil)
        }
        guard !indices.isEmpty else { throw CellError("type '\(type)' has no member '\(name)'", at: at) }
        let call = try bind(indices, arguments ?? [], what: "static method", name: name, at)
        return .bound(call, arguments ?? [], at)
    }
}
