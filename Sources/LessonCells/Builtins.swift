import Foundation
import NetworkEngine

extension Int {
    /// `self - other` for `self > other`, which always fits in a `UInt`.
    fileprivate func magnitudeDistance(_ other: Int) -> UInt { UInt(bitPattern: self &- other) }
}

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

    /// `stride(from:to:by:)` and `stride(from:through:by:)`, as Swift's: Ints without
    /// overflow (the count is worked out in `UInt`), Doubles as `from + i * by`. The length is
    /// checked against the budgets before any element is made.
    func strideValues(_ fromValue: Value, _ toValue: Value, _ byValue: Value, through: Bool, _ loc: Loc) throws(CellError) -> Value {
        guard case .int(let from) = fromValue, case .int(let to) = toValue, case .int(let by) = byValue else {
            guard let from = number(fromValue), let to = number(toValue), let by = number(byValue) else {
                throw CellError("stride takes numbers", at: loc)
            }
            return .array(try doubleStride(from, to, by, through: through, loc).map { .double($0) })
        }
        guard by != 0 else { throw CellError("stride with a step of zero never ends", at: loc) }
        // The elements are from + i * by for i in 0..<count, every one between from and to.
        let distance = by > 0 ? (to > from ? to.magnitudeDistance(from) : nil) : (from > to ? from.magnitudeDistance(to) : nil)
        var count = 0
        if let distance {
            // Past the element budget (or even UInt's range), refused before anything is made.
            let (elements, overflow) = (distance / by.magnitude).addingReportingOverflow(!through && distance % by.magnitude == 0 ? 0 : 1)
            guard !overflow, elements <= UInt(Swift.max(0, maxElements)) else {
                throw Budget.exceeded("a stride of \(overflow ? "more than \(UInt.max)" : "\(elements)") elements exceeds the page's limit of \(maxElements) elements", .tensorElements, loc)
            }
            count = Int(elements)
        } else if through && from == to {
            count = 1
        }
        try checkArray(count, new: count, loc)
        return .array((0..<count).map { .int(from &+ $0 &* by) })
    }

    /// A floating-point stride, by Swift's own `stride` once its length is known to fit: first
    /// estimated (a sequence past the budget is refused before anything is made), then counted.
    private func doubleStride(_ from: Double, _ to: Double, _ by: Double, through: Bool, _ loc: Loc) throws(CellError) -> [Double] {
        guard by != 0 else { throw CellError("stride with a step of zero never ends", at: loc) }
        // Swift's stride never ends when a bound or the step is NaN (no comparison stops it).
        guard !from.isNaN, !to.isNaN, !by.isNaN else { throw CellError("stride with a NaN bound or step never ends", at: loc) }
        var estimate = (to - from) / by
        if estimate.isInfinite, from.isFinite, to.isFinite { estimate = to / by - from / by }
        if estimate > Double(maxElements) + 2 {
            throw Budget.exceeded("a stride of more than \(maxElements) elements exceeds the page's limit of \(maxElements) elements", .tensorElements, loc)
        }
        // Infinite bounds may still never end (-inf + inf is NaN): counted without storing.
        var count = 0
        let elements: AnySequence<Double> = through ? AnySequence(Swift.stride(from: from, through: to, by: by)) : AnySequence(Swift.stride(from: from, to: to, by: by))
        for _ in elements {
            count += 1
            if count > maxElements {
                throw Budget.exceeded("a stride of more than \(maxElements) elements exceeds the page's limit of \(maxElements) elements", .tensorElements, loc)
            }
        }
        try checkArray(count, new: count, loc)
        var result: [Double] = []
        result.reserveCapacity(count)
        result.append(contentsOf: elements)
        return result
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
