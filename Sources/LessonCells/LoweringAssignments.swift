import SwiftSyntax

/// Assignment targets: a variable and a path of members and subscripts, checked against `let`
/// (a `let` struct cannot change; a tensor reached through a `let` can, as in Swift).
extension Lowering {
    /// An assignment target, checked against `let`.
    func lowerAssignable(_ e: ExprSyntax) throws(CellError) -> LValue {
        let target = try lowerLValue(e)
        if target.isImmutable {
            throw CellError(target.immutableMessage, at: loc(e))
        }
        return target.value
    }

    struct CheckedLValue {
        var value: LValue
        var isImmutable: Bool
        var immutableMessage: String
    }

    func lowerLValue(_ e: ExprSyntax) throws(CellError) -> CheckedLValue {
        if let ref = e.as(DeclReferenceExprSyntax.self) {
            let name = ref.baseName.text
            switch resolve(name) {
            case .variable(let v, let isLet)?:
                return CheckedLValue(
                    value: LValue(root: v, rootName: name, path: [], rootIsLet: isLet && name != "self", loc: loc(ref),
                                  rootType: declaredType(name)),
                    isImmutable: isLet && name != "self",
                    immutableMessage: "cannot assign to value: '\(name)' is a 'let' constant")
            case .selfMember(let selfRef, let type, let mutable, let isInit)?:
                let field = type.fieldIndex[name].map { type.fields[$0] }
                let immutable = !mutable || (field?.isLet ?? false) && !isInit
                let message = !mutable
                    ? "cannot assign to property: 'self' is immutable (mark the method 'mutating')"
                    : "cannot assign to property: '\(name)' is a 'let' constant"
                return CheckedLValue(
                    value: LValue(root: selfRef, rootName: "self", path: [.member(name)], rootIsLet: false, loc: loc(ref)),
                    isImmutable: immutable, immutableMessage: message)
            case nil:
                throw CellError("cannot find '\(name)' in scope", at: loc(ref))
            }
        }
        if let member = e.as(MemberAccessExprSyntax.self), let base = member.base {
            var inner = try lowerLValue(base)
            let name = member.declName.baseName.text
            if inner.value.rootName == "self", inner.value.path.isEmpty, case .selfMember(_, let type, let mutable, let isInit)? = resolveSelfContext() {
                let field = type.fieldIndex[name].map { type.fields[$0] }
                inner.isImmutable = !mutable || (field?.isLet ?? false) && !isInit
                inner.immutableMessage = !mutable
                    ? "cannot assign to property: 'self' is immutable (mark the method 'mutating')"
                    : "cannot assign to property: '\(name)' is a 'let' constant"
            }
            if inner.value.rootName != "self" {
                // A `let` root may still change through a reference (a tensor): checked when run.
                inner.isImmutable = false
            }
            inner.value.path.append(.member(name))
            return inner
        }
        if let sub = e.as(SubscriptCallExprSyntax.self) {
            var inner = try lowerLValue(sub.calledExpression)
            // A `let` tensor's elements may change (a tensor is a reference): checked when run.
            inner.isImmutable = false
            inner.value.path.append(.index(try lowerArguments(sub.arguments)))
            return inner
        }
        if let tuple = e.as(TupleExprSyntax.self), tuple.elements.count == 1 {
            return try lowerLValue(tuple.elements.first!.expression)
        }
        throw CellError("cannot assign to this expression", at: loc(e))
    }

    /// The struct context `self` refers to here, if any.
    func resolveSelfContext() -> Resolution? {
        var ctx: Context? = context
        var depth = 0
        while let c = ctx {
            if let type = c.selfType {
                let ref: VarRef = depth == 0 ? .local(0) : .outer(depth: depth, index: 0)
                return .selfMember(ref, type, isMutableSelf: c.selfIsMutable, isInitializer: c.isInitializer)
            }
            if !c.isPage { depth += 1 }
            ctx = c.parent
        }
        return nil
    }
}
