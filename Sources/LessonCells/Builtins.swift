import Foundation
import NetworkEngine

/// The standard library's functions that cells call (bound in `Bindings/Standard.swift`).
/// Cells get nothing that reaches files, the network, processes or the environment.
extension Interpreter {
    func printValues(_ values: [Value], separator: String, terminator: String, _ loc: Loc) throws(CellError) {
        var items: [String] = []
        for value in values { items.append(try describe(value, loc)) }
        try print(items.joined(separator: separator) + terminator, loc)
    }

    func zipValues(_ first: Value, _ second: Value, _ loc: Loc) throws(CellError) -> Value {
        let a = try elements(of: first, loc)
        let b = try elements(of: second, loc)
        try reserve(Swift.min(a.count, b.count) &* 3 &* MemoryLayout<Value>.stride, loc)
        for e in a.prefix(b.count) { try checkNesting(e, levels: 2, loc) }
        for e in b.prefix(a.count) { try checkNesting(e, levels: 2, loc) }
        return .array(Swift.zip(a, b).map { .tuple(TupleValue(elements: [$0, $1], labels: [nil, nil])) })
    }

    func strideValues(_ fromValue: Value, _ toValue: Value, _ byValue: Value, through: Bool, _ loc: Loc) throws(CellError) -> Value {
        guard case .int(let from) = fromValue, case .int(let to) = toValue, case .int(let by) = byValue else {
            if let from = number(fromValue), let to = number(toValue), let by = number(byValue), by != 0 {
                let seq = through ? Array(Swift.stride(from: from, through: to, by: by)) : Array(Swift.stride(from: from, to: to, by: by))
                if seq.count > budget.maxTensorElements { throw CellError("stride is too long", at: loc) }
                return .array(seq.map { .double($0) })
            }
            throw CellError("stride takes numbers", at: loc)
        }
        guard by != 0 else { throw CellError("stride with a step of zero never ends", at: loc) }
        let count = Swift.max(0, (to - from) / by + 1)
        if count > budget.maxTensorElements { throw CellError("stride of \(count) elements is too long", at: loc) }
        let seq = through ? Array(Swift.stride(from: from, through: to, by: by)) : Array(Swift.stride(from: from, to: to, by: by))
        return .array(seq.map { .int($0) })
    }

    func toInt(_ value: Value, _ loc: Loc) throws(CellError) -> Value {
        switch value {
        case .int: return value
        // Int(x) traps outside [-2^63, 2^63); Swift's own message, located, instead.
        case .float(let f):
            guard f.isFinite, f >= -0x1p63, f < 0x1p63 else { throw CellError("\(f) cannot be converted to Int because it is outside the representable range", at: loc) }
            return .int(Int(f))
        case .double(let d):
            guard d.isFinite, d >= -0x1p63, d < 0x1p63 else { throw CellError("\(d) cannot be converted to Int because it is outside the representable range", at: loc) }
            return .int(Int(d))
        case .string(let s): return Value.optional(Int(s).map { .int($0) })
        case .bool(let b): return .int(b ? 1 : 0)
        default: throw CellError("cannot convert a value of type '\(value.typeName)' to 'Int'", at: loc)
        }
    }

    /// `Double(x)`: the hot conversion of numeric loops (see `Expr.toDouble`).
    @inline(__always)
    func toDouble(_ v: Value, _ loc: Loc) throws(CellError) -> Value {
        switch v {
        case .int(let i): return .double(Double(i))
        case .double: return v
        case .float(let f): return .double(Double(f))
        case .tensor(let t): return .double(try engine(loc) { () throws -> Double in try t.item() })
        case .string(let s): return Value.optional(Double(s).map { .double($0) })
        default: throw CellError("cannot convert a value of type '\(v.typeName)' to 'Double'", at: loc)
        }
    }
}
