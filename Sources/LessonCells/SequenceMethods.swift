/// The sequence and String methods the registry binds (`Bindings/Collections.swift`): each
/// calls the cell's closures through the interpreter, counts new arrays and strings against the
/// page's budgets, and checks the nesting of what it puts into an array.
extension CallSite {
    private func call(_ f: Value, _ arguments: [Value]) throws(CellError) -> Value {
        try interpreter.callClosure(f, arguments, loc)
    }

    private func isTrue(_ f: Value, _ element: Value) throws(CellError) -> Bool {
        try interpreter.truth(try call(f, [element]), loc)
    }

    /// The result is counted while the closure runs (`building`): it is in no variable yet.
    func map(_ elements: [Value], _ transform: Value) throws(CellError) -> ValueArray {
        let bytes = elements.count &* MemoryLayout<Value>.stride
        try interpreter.reserve(bytes, loc)
        var result: [Value] = []
        result.reserveCapacity(elements.count)
        try interpreter.building(&result, reserved: bytes) { (result) throws(CellError) in
            for e in elements {
                let value = try call(transform, [e])
                try interpreter.checkNesting(value, loc)
                result.append(value)
            }
        }
        return ValueArray(items: result)
    }

    /// `compactMap` and `filter` reserve room for every element, as `map` does: what they keep
    /// is counted against the memory budget before it is made.
    func compactMap(_ elements: [Value], _ transform: Value) throws(CellError) -> ValueArray {
        let bytes = elements.count &* MemoryLayout<Value>.stride
        try interpreter.reserve(bytes, loc)
        var result: [Value] = []
        try interpreter.building(&result, reserved: bytes) { (result) throws(CellError) in
            for e in elements {
                let v = try call(transform, [e])
                try interpreter.checkNesting(v, loc)
                if !v.isNone { result.append(v.unwrapped) }
            }
        }
        return ValueArray(items: result)
    }

    /// Each part is reserved as it is added: the result counts what it holds.
    func flatMap(_ elements: [Value], _ transform: Value) throws(CellError) -> ValueArray {
        var result: [Value] = []
        try interpreter.building(&result, reserved: 0) { (result) throws(CellError) in
            for e in elements {
                let inner = try interpreter.elements(of: try call(transform, [e]), loc)
                try interpreter.checkArray(result.count &+ inner.count, new: inner.count, loc)
                result += inner
            }
        }
        return ValueArray(items: result)
    }

    func filter(_ elements: [Value], _ isIncluded: Value) throws(CellError) -> ValueArray {
        let bytes = elements.count &* MemoryLayout<Value>.stride
        try interpreter.reserve(bytes, loc)
        var result: [Value] = []
        try interpreter.building(&result, reserved: bytes) { (result) throws(CellError) in
            for e in elements where try isTrue(isIncluded, e) { result.append(e) }
        }
        return ValueArray(items: result)
    }

    func forEach(_ elements: [Value], _ body: Value) throws(CellError) {
        for e in elements { _ = try call(body, [e]) }
    }

    func reduce(_ elements: [Value], _ initial: Value, _ combine: Value) throws(CellError) -> Value {
        var accumulator = initial
        for e in elements { accumulator = try call(combine, [accumulator, e]) }
        return accumulator
    }

    func enumerated(_ elements: [Value]) throws(CellError) -> ValueArray {
        try interpreter.reserve(elements.count &* 3 &* MemoryLayout<Value>.stride, loc)
        for e in elements { try interpreter.checkNesting(e, levels: 2, loc) }
        return ValueArray(items: elements.enumerated().map { .tuple(TupleValue(elements: [.int($0.offset), $0.element], labels: ["offset", "element"])) })
    }

    /// `contains(_:)` of an element, or (as cells have always taken it) of a predicate.
    func contains(_ elements: [Value], _ element: Value) throws(CellError) -> Bool {
        if case .function = element { return try satisfy(elements, element, all: false) }
        for e in elements where try interpreter.equal(e, element, loc) { return true }
        return false
    }

    /// `allSatisfy` (`all`) or `contains(where:)`.
    func satisfy(_ elements: [Value], _ predicate: Value, all: Bool) throws(CellError) -> Bool {
        for e in elements {
            let t = try isTrue(predicate, e)
            if all && !t { return false }
            if !all && t { return true }
        }
        return all
    }

    func first(_ elements: [Value], _ predicate: Value) throws(CellError) -> Value? {
        for e in elements where try isTrue(predicate, e) { return e }
        return nil
    }

    func firstIndex(_ elements: [Value], _ element: Value) throws(CellError) -> Int? {
        for (i, e) in elements.enumerated() where try interpreter.equal(e, element, loc) { return i }
        return nil
    }

    func joined(_ elements: [Value], _ separator: String) throws(CellError) -> String {
        var parts: [String] = []
        var length = 0
        for e in elements {
            guard case .string(let s) = e else { throw CellError("joined() needs an array of strings, found '\(e.typeName)'", at: loc) }
            parts.append(s)
            length += s.utf8.count + separator.utf8.count
        }
        try interpreter.checkString(length, new: length, loc)
        return parts.joined(separator: separator)
    }

    func sorted(_ elements: [Value], _ areInIncreasingOrder: Value) throws(CellError) -> ValueArray {
        ValueArray(items: try Interpreter.mergeSorted(elements) { (x, y) throws(CellError) in
            try interpreter.truth(try call(areInIncreasingOrder, [x, y]), loc)
        })
    }

    func extreme(_ elements: [Value], smallest: Bool) throws(CellError) -> Value? {
        guard var best = elements.first else { return nil }
        for e in elements.dropFirst() {
            if smallest ? try interpreter.less(e, best, loc) : try interpreter.less(best, e, loc) { best = e }
        }
        return best
    }

    /// The length `prefix`, `suffix`, `dropFirst` and `dropLast` take.
    func count(_ n: Int, _ name: String) throws(CellError) -> Int {
        guard n >= 0 else { throw CellError("'\(name)' takes a non-negative Int", at: loc) }
        return n
    }

    func split(_ s: String, _ separator: String) throws(CellError) -> ValueArray {
        guard let c = separator.first, separator.count == 1 else { throw CellError("split(separator:) takes one character", at: loc) }
        return ValueArray(items: s.split(separator: c).map { .string(String($0)) })
    }

    /// Foundation's `padding(toLength:withPad:startingAt:)`: the pad is repeated from its
    /// character at `start` (an index Foundation requires to lie inside the pad).
    func padding(_ s: String, _ n: Int, _ pad: String, startingAt start: Int) throws(CellError) -> String {
        guard n >= 0 else { throw CellError("toLength must be a non-negative Int", at: loc) }
        try interpreter.checkString(n, new: n, loc)
        if s.count >= n { return String(s.prefix(n)) }
        guard !pad.isEmpty else { throw CellError("withPad must not be empty", at: loc) }
        guard start >= 0 && start < pad.count else {
            throw CellError("startingAt \(start) is outside the pad string of \(pad.count) characters", at: loc)
        }
        let missing = n - s.count
        let padding = String(repeating: pad, count: (missing + start) / pad.count + 1)
        return s + String(padding.dropFirst(start).prefix(missing))
    }
}
