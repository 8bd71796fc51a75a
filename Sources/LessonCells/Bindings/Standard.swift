/// The standard library's free functions and conversions that cells use. Their arguments are
/// any cell values (`Value`), as Swift's generic ones take any type.
extension Registry {
    static let standard: [Binding] = [
        .function("print(_:separator:terminator:)", defaults: ["separator": .string(" "), "terminator": .string("\n")], does: {
            (items: Many<Value>, separator: String, terminator: String, site: CallSite) in
            try site.interpreter.printValues(items.items, separator: separator, terminator: terminator, site.loc)
        }),
        .function("zip(_:_:)") { (a: Value, b: Value, site: CallSite) in try site.interpreter.zipValues(a, b, site.loc) },
        .function("stride(from:to:by:)") { (from: Value, to: Value, by: Value, site: CallSite) in try site.interpreter.strideValues(from, to, by, through: false, site.loc) },
        .function("stride(from:through:by:)") { (from: Value, to: Value, by: Value, site: CallSite) in try site.interpreter.strideValues(from, to, by, through: true, site.loc) },
        .initializer("Int(_:)") { (value: Value, site: CallSite) in try site.interpreter.toInt(value, site.loc) },
        .initializer("Double(_:)") { (value: Value, site: CallSite) in try site.interpreter.toDouble(value, site.loc) },
        .initializer("Double(exactly:)") { (value: Double) -> Double? in value },
        .initializer("Float(_:)") { (value: Value, site: CallSite) in try site.interpreter.toFloat(value, site.loc) },
        .initializer("Float(exactly:)") { (value: Double) in Float(exactly: value) },
        .initializer("String(_:)") { (value: Value, site: CallSite) in try site.interpreter.describe(value, site.loc) },
        .initializer("String(describing:)") { (value: Value, site: CallSite) in try site.interpreter.describe(value, site.loc) },
        .initializer("String(_:radix:)") { (value: Int, radix: Int, site: CallSite) throws in
            guard (2...36).contains(radix) else { throw CellError("String(_:radix:) takes a radix 2...36", at: site.loc) }
            return String(value, radix: radix)
        },
        .initializer("String(format:_:)") { (template: String, arguments: Many<Value>, site: CallSite) in
            try site.interpreter.format(template, arguments.items, site.loc)
        },
        .initializer("Array(_:)") { (sequence: Value, site: CallSite) in ValueArray(items: try site.interpreter.elements(of: sequence, site.loc)) },
        .initializer("Array(repeating:count:)") { (element: Value, count: Value, site: CallSite) throws -> ValueArray in
            guard case .int(let n) = count, n >= 0 else {
                throw CellError("Array(repeating:count:) takes a count that is a non-negative Int", at: site.loc)
            }
            try site.interpreter.checkArray(n, new: n, site.loc)
            return ValueArray(items: Array(repeating: element, count: n))
        },
        .function("fatalError(_:)", defaults: ["#0": .string("")]) { (message: String, site: CallSite) throws -> Nothing in
            throw CellError("fatal error\(message.isEmpty ? "" : ": " + message)", at: site.loc)
        },
        .function("precondition(_:_:)", defaults: ["#1": .string("")], does: { (condition: Value, message: String, site: CallSite) in
            try site.check(condition, message, "precondition")
        }),
        .function("assert(_:_:)", defaults: ["#1": .string("")], does: { (condition: Value, message: String, site: CallSite) in
            try site.check(condition, message, "assert")
        }),
    ]
}

/// A variadic parameter's arguments (`print(a, b, c)`).
struct Many<T: CellArgument>: CellArgument {
    var items: [T]
    static var cellType: String { T.cellType }
    static var isVariadic: Bool { true }
    static func accepts(_ value: Value) -> Bool {
        guard case .array(let items) = value else { return false }
        return items.allSatisfy(T.accepts)
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Many<T> {
        guard case .array(let values) = value else { throw mismatch(value, Many<T>.self, site) }
        var items: [T] = []
        for v in values { items.append(try T.cell(v, site)) }
        return Many(items: items)
    }
}

extension CallSite {
    func check(_ condition: Value, _ message: String, _ name: String) throws(CellError) {
        if !(try interpreter.truth(condition, loc)) {
            throw CellError("\(name) failed\(message.isEmpty ? "" : ": " + message)", at: loc)
        }
    }
}
