/// Calls resolved against the registry of bindings (`Bindings/Registry.swift`): a name the
/// registry has, with labels none of its overloads takes, stops the cell here, in Swift's words.
extension Lowering {
    var registry: Registry { Registry.shared }

    /// The methods of arrays, strings, dictionaries and numbers (`CollectionMethods.swift`): a
    /// call of one of these names may be for such a value, so labels are checked when it runs.
    static let libraryMethods: Set<String> = [
        "append", "compactMap", "contains", "enumerated", "filter", "first", "firstIndex", "forEach", "hasPrefix",
        "hasSuffix", "insert", "joined", "lowercased", "map", "min", "max", "padding", "popLast", "prefix", "suffix",
        "reduce", "remove", "removeAll", "removeFirst", "removeLast", "reverse", "reversed", "rounded", "sort",
        "sorted", "split", "squareRoot", "uppercased", "dropFirst", "dropLast", "allSatisfy", "callAsFunction", "flatMap", "formatted",
    ]

    func bind(_ indices: [Int], _ arguments: [Argument], what: String, name: String, _ at: Loc) throws(CellError) -> BoundCall {
        switch registry.bind(indices, arguments.map(\.label), what: what, name: name) {
        case .success(let call): return call
        case .failure(let mismatch):
            throw CellError(mismatch.message, at: mismatch.argument.map { arguments[$0].loc } ?? at)
        }
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
