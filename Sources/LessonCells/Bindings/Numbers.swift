import Foundation

/// Math on numbers (Foundation's), constants of `Double`, `Float` and `Int`. A `Float` argument
/// gives a `Float`, as Swift's generic math does; the tensor overloads are in `TensorArithmetic`.
extension Registry {
    static let numbers: [Binding] = [
        .function("tanh(_:)") { (x: Number) in x.map(Foundation.tanh) },
        .function("exp(_:)") { (x: Number) in x.map(Foundation.exp) },
        .function("log(_:)") { (x: Number) in x.map(Foundation.log) },
        .function("erf(_:)") { (x: Number) in x.map(Foundation.erf) },
        .function("sqrt(_:)") { (x: Number) in x.map(Foundation.sqrt) },
        .function("relu(_:)") { (x: Number) in x.map { Swift.max(0, $0) } },
        .function("sigmoid(_:)") { (x: Number) in x.map { 1 / (1 + Foundation.exp(-$0)) } },
        .function("abs(_:)") { (x: Int, site: CallSite) throws in
            if x == Int.min { throw CellError("arithmetic overflow: abs(\(x)) does not fit in an Int", at: site.loc) }
            return Swift.abs(x)
        },
        .function("abs(_:)") { (x: Number) in x.map(Swift.abs) },
        .function("round(_:)") { (x: Number) in x.map { $0.rounded() } },
        .function("floor(_:)") { (x: Number) in x.map(Foundation.floor) },
        .function("ceil(_:)") { (x: Number) in x.map(Foundation.ceil) },
        .function("pow(_:_:)") { (x: Number, y: Double) in x.map { Foundation.pow($0, y) } },
        .function("min(_:_:)") { (a: Value, b: Value, site: CallSite) in try site.interpreter.less(b, a, site.loc) ? b : a },
        .function("max(_:_:)") { (a: Value, b: Value, site: CallSite) in try site.interpreter.less(a, b, site.loc) ? b : a },

        .staticProperty("Double.pi") { Double.pi },
        .staticProperty("Double.infinity") { Double.infinity },
        .staticProperty("Double.nan") { Double.nan },
        .staticProperty("Double.ulpOfOne") { Double.ulpOfOne },
        .staticProperty("Double.greatestFiniteMagnitude") { Double.greatestFiniteMagnitude },
        .staticProperty("Float.pi") { Float.pi },
        .staticProperty("Float.infinity") { Float.infinity },
        .staticProperty("Float.nan") { Float.nan },
        .staticProperty("Float.ulpOfOne") { Float.ulpOfOne },
        .staticProperty("Float.greatestFiniteMagnitude") { Float.greatestFiniteMagnitude },
        .staticProperty("Int.max") { Int.max },
        .staticProperty("Int.min") { Int.min },
    ]
}

/// A `Double`, `Float` or `Int` argument of a math function; the result keeps `Float` a `Float`.
struct Number: CellArgument, CellResult {
    var value: Double
    var isFloat: Bool
    static var cellType: String { "Double" }
    static func accepts(_ value: Value) -> Bool { Double.accepts(value) }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Number {
        if case .float(let f) = value { return Number(value: Double(f), isFloat: true) }
        guard Double.accepts(value) else {
            throw CellError("cannot convert value of type '\(value.typeName)' to expected argument type 'Double'", at: site.loc)
        }
        return Number(value: try Double.cell(value, site), isFloat: false)
    }
    func map(_ f: (Double) -> Double) -> Number { Number(value: f(value), isFloat: isFloat) }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { isFloat ? .float(Float(value)) : .double(value) }
}
