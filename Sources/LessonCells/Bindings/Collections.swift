/// The standard library's collections as cells use them: arrays, ranges and dictionaries as
/// sequences (`map`, `filter`, `sorted`, …), their properties, and a String's own methods and its
/// sequence of Characters (each a one-character String). The work is in `SequenceMethods.swift`.
/// Mutating array methods (`append`, `insert`, …) change a variable in place and are the
/// evaluator's (`Members.swift`).
extension Registry {
    static let collections: [Binding] = [
        .method("map(_:)") { (s: Elements, transform: Value, site: CallSite) in try site.map(s.items, transform) },
        .method("compactMap(_:)") { (s: Elements, transform: Value, site: CallSite) in try site.compactMap(s.items, transform) },
        .method("flatMap(_:)") { (s: Elements, transform: Value, site: CallSite) in try site.flatMap(s.items, transform) },
        .method("filter(_:)") { (s: Elements, isIncluded: Value, site: CallSite) in try site.filter(s.items, isIncluded) },
        .method("forEach(_:)", does: { (s: Elements, body: Value, site: CallSite) in try site.forEach(s.items, body) }),
        .method("reduce(_:_:)") { (s: Elements, initial: Value, combine: Value, site: CallSite) in try site.reduce(s.items, initial, combine) },
        .method("enumerated()") { (s: Elements, site: CallSite) in try site.enumerated(s.items) },
        .method("contains(_:)") { (s: Elements, element: Value, site: CallSite) in try site.contains(s.items, element) },
        .method("contains(where:)") { (s: Elements, predicate: Value, site: CallSite) in try site.satisfy(s.items, predicate, all: false) },
        .method("allSatisfy(_:)") { (s: Elements, predicate: Value, site: CallSite) in try site.satisfy(s.items, predicate, all: true) },
        .method("first(where:)") { (s: Elements, predicate: Value, site: CallSite) in try site.first(s.items, predicate) },
        .method("firstIndex(of:)") { (s: Elements, element: Value, site: CallSite) in try site.firstIndex(s.items, element) },
        .method("joined(separator:)", defaults: ["separator": .string("")]) { (s: Elements, separator: String, site: CallSite) in try site.joined(s.items, separator) },
        .method("sorted()") { (s: Elements, site: CallSite) in ValueArray(items: try site.interpreter.sortedValues(s.items, site.loc)) },
        .method("sorted(by:)") { (s: Elements, areInIncreasingOrder: Value, site: CallSite) in try site.sorted(s.items, areInIncreasingOrder) },
        .method("reversed()") { (s: Elements) in ValueArray(items: s.items.reversed()) },
        .method("min()") { (s: Elements, site: CallSite) in try site.extreme(s.items, smallest: true) },
        .method("max()") { (s: Elements, site: CallSite) in try site.extreme(s.items, smallest: false) },
        .method("prefix(_:)") { (s: Elements, maxLength: Int, site: CallSite) in ValueArray(items: Array(s.items.prefix(try site.count(maxLength, "prefix")))) },
        .method("suffix(_:)") { (s: Elements, maxLength: Int, site: CallSite) in ValueArray(items: Array(s.items.suffix(try site.count(maxLength, "suffix")))) },
        .method("dropFirst(_:)", defaults: ["#0": .int(1)]) { (s: Elements, k: Int, site: CallSite) in ValueArray(items: Array(s.items.dropFirst(try site.count(k, "dropFirst")))) },
        .method("dropLast(_:)", defaults: ["#0": .int(1)]) { (s: Elements, k: Int, site: CallSite) in ValueArray(items: Array(s.items.dropLast(try site.count(k, "dropLast")))) },

        .property("count") { (a: ArrayValue) in a.items.count },
        .property("isEmpty") { (a: ArrayValue) in a.items.isEmpty },
        .property("first") { (a: ArrayValue) in a.items.first },
        .property("last") { (a: ArrayValue) in a.items.last },
        .property("indices") { (a: ArrayValue) in RangeValue(lower: 0, upper: a.items.count) },
        .property("count") { (d: DictionaryValue) in d.keys.count },
        .property("isEmpty") { (d: DictionaryValue) in d.keys.isEmpty },
        .property("keys") { (d: DictionaryValue) in ValueArray(items: d.keys) },
        .property("values") { (d: DictionaryValue) in ValueArray(items: d.values) },
        .property("count") { (r: RangeValue, site: CallSite) throws -> Int in
            // Swift traps where it does not fit (`(-1..<Int.max).count`).
            let (count, overflow) = r.upper.subtractingReportingOverflow(r.lower)
            if overflow { throw CellError("arithmetic overflow: the count of \(r.lower)..<\(r.upper) does not fit in an Int", at: site.loc) }
            return count
        },
        .property("lowerBound") { (r: RangeValue) in r.lower },
        .property("upperBound") { (r: RangeValue) in r.upper },
        .property("isEmpty") { (r: RangeValue) in r.upper <= r.lower },
    ]

    static let strings: [Binding] = [
        .method("hasPrefix(_:)") { (s: String, prefix: String) in s.hasPrefix(prefix) },
        .method("hasSuffix(_:)") { (s: String, suffix: String) in s.hasSuffix(suffix) },
        .method("contains(_:)") { (s: String, other: String) in other.isEmpty || s.contains(other) },
        .method("uppercased()") { (s: String) in s.uppercased() },
        .method("lowercased()") { (s: String) in s.lowercased() },
        .method("split(separator:)") { (s: String, separator: String, site: CallSite) in try site.split(s, separator) },
        .method("padding(toLength:withPad:startingAt:)") { (s: String, length: Int, pad: String, start: Int, site: CallSite) in try site.padding(s, length, pad, startingAt: start) },
        .property("count") { (s: String) in s.count },
        .property("isEmpty") { (s: String) in s.isEmpty },

        .method("map(_:)") { (s: Characters, transform: Value, site: CallSite) in try site.map(s.items, transform) },
        .method("compactMap(_:)") { (s: Characters, transform: Value, site: CallSite) in try site.compactMap(s.items, transform) },
        .method("flatMap(_:)") { (s: Characters, transform: Value, site: CallSite) in try site.flatMap(s.items, transform) },
        .method("filter(_:)") { (s: Characters, isIncluded: Value, site: CallSite) in try site.filter(s.items, isIncluded) },
        .method("forEach(_:)", does: { (s: Characters, body: Value, site: CallSite) in try site.forEach(s.items, body) }),
        .method("reduce(_:_:)") { (s: Characters, initial: Value, combine: Value, site: CallSite) in try site.reduce(s.items, initial, combine) },
        .method("enumerated()") { (s: Characters, site: CallSite) in try site.enumerated(s.items) },
        .method("allSatisfy(_:)") { (s: Characters, predicate: Value, site: CallSite) in try site.satisfy(s.items, predicate, all: true) },
    ]
}

/// The elements of an array, a range or a dictionary (`(key:, value:)` pairs in insertion
/// order): the receiver of the sequence methods.
struct Elements: CellArgument {
    var items: [Value]
    static var cellType: String { "Sequence" }
    static func accepts(_ value: Value) -> Bool {
        switch value {
        case .array, .range, .dictionary: return true
        default: return false
        }
    }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Elements {
        Elements(items: try site.interpreter.elements(of: value, site.loc))
    }
}

/// A String as the sequence of its Characters, each a one-character String.
struct Characters: CellArgument {
    var items: [Value]
    static var cellType: String { "String" }
    static func accepts(_ value: Value) -> Bool { String.accepts(value) }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> Characters {
        let s = try String.cell(value, site)
        try site.interpreter.reserve(s.utf8.count &* MemoryLayout<Value>.stride, site.loc)
        return Characters(items: s.map { .string(String($0)) })
    }
}

/// An array, as it is (its properties).
struct ArrayValue: CellCase {
    var items: [Value]
    static var cellType: String { "Array" }
    static func extract(_ value: Value) -> ArrayValue? {
        if case .array(let items) = value { return ArrayValue(items: items) }
        return nil
    }
}

/// `lower..<upper` (a closed range is held with `upper + 1`).
struct RangeValue: CellCase, CellResult {
    var lower: Int
    var upper: Int
    static var cellType: String { "Range<Int>" }
    static func extract(_ value: Value) -> RangeValue? {
        if case .range(let lower, let upper) = value { return RangeValue(lower: lower, upper: upper) }
        return nil
    }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { .range(lower, upper) }
}

extension DictionaryValue: CellCase {
    static var cellType: String { "Dictionary" }
    static func extract(_ value: Value) -> DictionaryValue? {
        if case .dictionary(let d) = value { return d }
        return nil
    }
}
