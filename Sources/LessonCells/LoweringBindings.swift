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
        _ = try bind(indices, arguments, what: "instance method", name: name, at)
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
