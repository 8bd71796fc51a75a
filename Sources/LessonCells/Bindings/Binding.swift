import NetworkEngine

/// One overload of the engine's (or the standard library's) API as cells reach it: its Swift
/// name and argument labels, its parameter and result types, and the Swift closure that calls
/// the engine. The closure's own parameter types say how the cell's values convert (see
/// `Conversions.swift`, the one place conversions live), so a binding is one line:
///
///     .method("sum(dim:keepDim:)", defaults: ["keepDim": .bool(false)]) { (t: Tensor, dim: Int, keepDim: Bool) in try t.sum(dim: dim, keepDim: keepDim) }
///
/// A method's or property's first closure parameter is its receiver; `CallSite` and `Generator`
/// parameters are supplied by the interpreter, not by the cell.
struct Binding: @unchecked Sendable {
    enum Kind: String {
        case function, initializer, staticMethod, staticProperty, method, property
        /// A mutating array method (`append(_:)`): it changes the array where it lives.
        case mutatingMethod
    }

    let kind: Kind
    /// `Tensor` in `Tensor.zeros(_:)`, a method's receiver type, nil for free functions.
    let typeName: String?
    let name: String
    /// The parameters a cell passes (not the receiver, not the interpreter's own).
    let shape: CallShape
    let parameterTypes: [String]
    /// A default for each explicit parameter that has one (Swift's `= value`).
    let defaults: [Value?]
    let resultType: String
    /// The receiver's test (methods and properties), then one per explicit parameter.
    let accepts: [(Value) -> Bool]
    /// Runs the closure on the receiver (if any) and the explicit parameters, in order.
    let invoke: ([Value], CallSite) throws(CellError) -> Value
    /// Assigns a property (`t.requiresGrad = true`): receiver, new value.
    var setter: ((Value, Value, CallSite) throws(CellError) -> Void)? = nil
    /// A mutating method's run on the array in place: the array, the explicit parameters, the
    /// element type the array is declared with.
    var mutate: ((inout Value, [Value], TypeRef?, CallSite) throws(CellError) -> Value)? = nil
    /// The engine area the binding belongs to (the file it is declared in), for the docs.
    var area = ""

    /// How the docs and the candidates of a message spell it: `sum(dim:keepDim:)`.
    var selector: String {
        switch kind {
        case .property, .staticProperty: return name
        default: return shape.signature
        }
    }

    /// The Swift declaration the binding stands for, as docs/cell-language.md lists it:
    /// `Tensor.sum(dim: Int, keepDim: Bool = false) -> Tensor`.
    var declaration: String {
        let owner = typeName.map { $0 + "." } ?? ""
        switch kind {
        case .property, .staticProperty:
            return "\(owner)\(name): \(resultType)\(setter == nil ? "" : " { get set }")"
        case .initializer:
            return "\(name)(\(parameterList))"
        case .mutatingMethod:
            return "mutating \(owner)\(name)(\(parameterList))" + (resultType == "Void" ? "" : " -> \(resultType)")
        default:
            return "\(owner)\(name)(\(parameterList))" + (resultType == "Void" ? "" : " -> \(resultType)")
        }
    }

    private var parameterList: String {
        shape.parameters.indices.map { i in
            let p = shape.parameters[i]
            let label = p.label ?? "_"
            let type = parameterTypes[i] + (p.isVariadic ? "..." : "")
            let value = defaults[i].map { " = " + Binding.spell($0) } ?? ""
            return "\(label): \(type)\(value)"
        }.joined(separator: ", ")
    }

    static func spell(_ value: Value) -> String {
        switch value {
        case .nilValue: return "nil"
        case .enumCase(let name): return "." + name
        case .array(let items) where items.isEmpty: return "[]"
        default: return Interpreter.spellScalar(value)
        }
    }
}

/// What a bound closure may ask for besides the cell's arguments: the interpreter (budgets,
/// output, the page's generator) and where the call is.
struct CallSite {
    let interpreter: Interpreter
    let loc: Loc
}

/// A bound closure's parameters, converted in order from the call's values; the parameters the
/// interpreter supplies (`CallSite`, `Generator`) take none.
struct ArgumentReader {
    let values: [Value]
    let site: CallSite
    private var index = 0

    init(values: [Value], site: CallSite) {
        self.values = values
        self.site = site
    }

    mutating func next<T: CellArgument>(_ type: T.Type) throws(CellError) -> T {
        if T.isImplicit { return try T.cell(.void, site) }
        defer { index += 1 }
        return try T.cell(values[index], site)
    }
}

extension Binding {
    /// Builds a binding from a Swift selector (`Tensor.zeros(_:)`, `sum(dim:keepDim:)`, `shape`)
    /// and a closure whose parameter types are the binding's.
    static func make<each A: CellArgument, R>(
        _ kind: Kind, _ selector: String, defaults byLabel: [String: Value], result: String,
        convert: @escaping (R, CallSite) throws(CellError) -> Value, _ body: @escaping (repeat each A) throws -> R
    ) -> Binding {
        var types: [any CellArgument.Type] = []
        for type in repeat (each A).self { types.append(type) }
        let (parsedOwner, name, labels) = parse(selector)
        var owner = parsedOwner
        var explicit = types.filter { !$0.isImplicit }
        var accepts: [(Value) -> Bool] = []
        if kind == .method || kind == .property, let receiver = explicit.first {
            owner = receiver.cellType
            accepts.append(receiver.accepts)
            explicit.removeFirst()
        }
        accepts += explicit.map { $0.accepts }
        var defaults: [Value?] = []
        var parameters: [CallShape.Parameter] = []
        for (i, type) in explicit.enumerated() {
            let label = i < labels.count ? labels[i] : "#\(i)"
            let value = byLabel[label ?? "#\(i)"]
            defaults.append(value)
            parameters.append(.init(label: label, name: label ?? "_", hasDefault: value != nil, isVariadic: type.isVariadic))
        }
        let invoke = { (values: [Value], site: CallSite) throws(CellError) -> Value in
            var arguments = ArgumentReader(values: values, site: site)
            let result: R = try site.interpreter.engine(site.loc) { () throws -> R in
                try body(repeat try arguments.next((each A).self))
            }
            return try convert(result, site)
        }
        return Binding(kind: kind, typeName: owner, name: name, shape: CallShape(name: name, parameters: parameters),
                       parameterTypes: explicit.map { $0.cellType }, defaults: defaults, resultType: result,
                       accepts: accepts, invoke: invoke)
    }

    /// `Tensor.zeros(_:)` → (`Tensor`, `zeros`, [nil]); `shape` → (nil, `shape`, []).
    static func parse(_ selector: String) -> (owner: String?, name: String, labels: [String?]) {
        var head = Substring(selector)
        var labels: [String?] = []
        if let open = selector.firstIndex(of: "(") {
            head = selector[..<open]
            let inside = selector[selector.index(after: open)..<selector.index(before: selector.endIndex)]
            labels = inside.split(separator: ":", omittingEmptySubsequences: true).map { $0 == "_" ? nil : String($0) }
        }
        if let dot = head.lastIndex(of: ".") {
            return (String(head[..<dot]), String(head[head.index(after: dot)...]), labels)
        }
        return (nil, String(head), labels)
    }

    static func make<each A: CellArgument, R: CellResult>(_ kind: Kind, _ selector: String, defaults: [String: Value], _ body: @escaping (repeat each A) throws -> R) -> Binding {
        make(kind, selector, defaults: defaults, result: R.cellType, convert: { (r: R, site: CallSite) throws(CellError) -> Value in try r.cellValue(site) }, body)
    }

    /// A binding whose closure returns nothing (`backward()`), written with `does:`.
    /// (Generic over the discarded result, which is `Void`: forwarding a closure over a pack to
    /// a more generic parameter needs a reabstraction the compiler does not implement yet.)
    static func make<each A: CellArgument, R>(_ kind: Kind, _ selector: String, defaults: [String: Value], does body: @escaping (repeat each A) throws -> R) -> Binding {
        make(kind, selector, defaults: defaults, result: "Void", convert: { (_: R, _: CallSite) throws(CellError) -> Value in .void }, body)
    }

    static func function<each A: CellArgument, R: CellResult>(_ selector: String, defaults: [String: Value] = [:], _ body: @escaping (repeat each A) throws -> R) -> Binding {
        make(.function, selector, defaults: defaults, body)
    }

    static func function<each A: CellArgument, R>(_ selector: String, defaults: [String: Value] = [:], does body: @escaping (repeat each A) throws -> R) -> Binding {
        make(.function, selector, defaults: defaults, does: body)
    }

    static func initializer<each A: CellArgument, R: CellResult>(_ selector: String, defaults: [String: Value] = [:], _ body: @escaping (repeat each A) throws -> R) -> Binding {
        make(.initializer, selector, defaults: defaults, body)
    }

    static func staticMethod<each A: CellArgument, R: CellResult>(_ selector: String, defaults: [String: Value] = [:], _ body: @escaping (repeat each A) throws -> R) -> Binding {
        make(.staticMethod, selector, defaults: defaults, body)
    }

    static func staticProperty<R: CellResult>(_ selector: String, _ body: @escaping () throws -> R) -> Binding {
        make(.staticProperty, selector, defaults: [:], body)
    }

    static func method<each A: CellArgument, R: CellResult>(_ selector: String, defaults: [String: Value] = [:], _ body: @escaping (repeat each A) throws -> R) -> Binding {
        make(.method, selector, defaults: defaults, body)
    }

    static func method<each A: CellArgument, R>(_ selector: String, defaults: [String: Value] = [:], does body: @escaping (repeat each A) throws -> R) -> Binding {
        make(.method, selector, defaults: defaults, does: body)
    }

    static func property<each A: CellArgument, R: CellResult>(_ name: String, _ body: @escaping (repeat each A) throws -> R) -> Binding {
        make(.property, name, defaults: [:], body)
    }

    /// A property a cell may also assign (`x.requiresGrad = true`).
    static func property<T: CellArgument, R: CellResult & CellArgument>(
        _ name: String, _ body: @escaping (T) throws -> R, set: @escaping (T, R) throws -> Void
    ) -> Binding {
        var binding = make(.property, name, defaults: [:], body)
        binding.setter = { (receiver: Value, newValue: Value, site: CallSite) throws(CellError) in
            let object = try T.cell(receiver, site)
            guard R.accepts(newValue) else {
                throw CellError("cannot assign value of type '\(newValue.typeName)' to type '\(R.cellType)'", at: site.loc)
            }
            let value = try R.cell(newValue, site)
            try site.interpreter.engine(site.loc) { () throws in try set(object, value) }
        }
        return binding
    }
}
