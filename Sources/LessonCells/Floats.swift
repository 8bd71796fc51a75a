import Foundation

/// `Float` as Swift has it: a real float32. Every result is rounded to float32, so `Float.pi`
/// prints `3.1415925` and `Float(0.1) + Float(0.2)` prints `0.3`, as compiled Swift prints them.
/// A Double or Int meeting a Float takes the Float's type: in Swift that operand would be a
/// literal typed by its context (`x * 0.5`). Literals stay `Double` by default.
extension Interpreter {
    /// Both operands as float32 when at least one is a `Float` and the other a number.
    @inline(__always)
    func floatOperands(_ lhs: Value, _ rhs: Value) -> (Float, Float)? {
        switch (lhs, rhs) {
        case (.float(let a), .float(let b)): return (a, b)
        case (.float(let a), _): return number(rhs).map { (a, Float($0)) }
        case (_, .float(let b)): return number(lhs).map { (Float($0), b) }
        default: return nil
        }
    }

    func floats(_ op: BinaryOp, _ a: Float, _ b: Float) -> Value {
        floatingPoint(op, a, b, Value.float)
    }

    /// `Float(x)`: an Int or Double rounded to float32, a tensor's element, or a String parsed
    /// (nil when it is not a number).
    func toFloat(_ value: Value, _ loc: Loc) throws(CellError) -> Value {
        switch value {
        case .float: return value
        case .int(let i): return .float(Float(i))
        case .double(let d): return .float(Float(d))
        case .tensor(let t): return .float(Float(try engine(loc) { () throws -> Double in try t.item() }))
        case .string(let s): return Value.optional(Float(s).map { .float($0) })
        default: throw CellError("cannot convert a value of type '\(value.typeName)' to 'Float'", at: loc)
        }
    }
}
