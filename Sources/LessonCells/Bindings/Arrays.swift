/// The mutating methods of arrays: each changes the array where the variable (or a stored
/// property, an element) holds it, so an `append` grows it in place, amortised O(1). New elements
/// pass `InPlaceArray`'s one check: the element and memory budgets, the nesting limit, and the
/// element type the array was declared with (`xs: [Double]` appended `1` holds `1.0`). None of
/// these runs cell code: the array is out of its variable while it changes.
extension Registry {
    static let arrays: [Binding] = [
        .mutating("append(_:)", does: { (a: inout InPlaceArray, newElement: ArrayElement) in try a.append(newElement.value) }),
        .mutating("append(contentsOf:)", does: { (a: inout InPlaceArray, newElements: Elements) in
            try a.insert(contentsOf: newElements.items, at: a.items.count)
        }),
        .mutating("insert(_:at:)", does: { (a: inout InPlaceArray, newElement: ArrayElement, i: Int) in
            try a.insert(contentsOf: [newElement.value], at: try a.insertionIndex(i))
        }),
        .mutating("insert(contentsOf:at:)", does: { (a: inout InPlaceArray, newElements: Elements, i: Int) in
            try a.insert(contentsOf: newElements.items, at: try a.insertionIndex(i))
        }),
        .mutating("remove(at:)") { (a: inout InPlaceArray, i: Int) in ArrayElement(value: a.items.remove(at: try a.index(i))) },
        .mutating("removeFirst()") { (a: inout InPlaceArray) in ArrayElement(value: try a.removeFirst(1) ?? .void) },
        .mutating("removeFirst(_:)", does: { (a: inout InPlaceArray, k: Int) in try a.removeFirst(k) }),
        .mutating("removeLast()") { (a: inout InPlaceArray) in ArrayElement(value: try a.removeLast(1) ?? .void) },
        .mutating("removeLast(_:)", does: { (a: inout InPlaceArray, k: Int) in try a.removeLast(k) }),
        .mutating("popLast()") { (a: inout InPlaceArray) in a.items.popLast().map { ArrayElement(value: $0) } },
        .mutating("removeAll()", does: { (a: inout InPlaceArray) in a.items.removeAll() }),
        .mutating("reverse()", does: { (a: inout InPlaceArray) in a.items.reverse() }),
        .mutating("sort()", does: { (a: inout InPlaceArray) in a.items = try a.site.interpreter.sortedValues(a.items, a.site.loc) }),
    ]
}

extension Registry {
    /// Swift's overloads of these methods that cells do not bind (they would run cell code while
    /// the array is out of its variable), by name: the labels that mean them, a trailing
    /// closure's first.
    static let unboundArrayOverloads = ["sort": ["by"], "removeAll": ["where", "keepingCapacity"]]

    /// `'sort(by:)' is not supported in cells` for a call that means one of them, rather than
    /// the words of a call Swift would refuse.
    static func checkBoundOverload(_ name: String, _ arguments: [Argument], _ loc: Loc) throws(CellError) {
        guard arguments.count == 1, let labels = unboundArrayOverloads[name] else { return }
        guard let label = arguments[0].isTrailingClosure ? labels[0] : arguments[0].label, labels.contains(label) else { return }
        throw CellError("'\(name)(\(label):)' is not supported in cells", at: loc)
    }
}

/// An array a mutating method changes: taken out of where it lives (so it is the only reference
/// and grows in place), with the element type its variable declares. Out of its variable, it is
/// handed to the memory measurement its growth may start (`reserve(_:_:outside:)`).
struct InPlaceArray {
    var items: [Value] = []
    let element: TypeRef?
    let site: CallSite

    mutating func append(_ newElement: Value) throws(CellError) {
        try site.interpreter.checkArray(items.count &+ 1, new: 1, site.loc, outside: .array(items))
        #if DEBUG
        // Tests count appends that copied a shared array (each one O(n)): with room to spare, an
        // unshared array grows where it is.
        let element = try admitted(newElement)
        let (room, base) = (items.count < items.capacity, items.withUnsafeBufferPointer { $0.baseAddress })
        items.append(element)
        if room, base != items.withUnsafeBufferPointer({ $0.baseAddress }) { site.interpreter.copiedAppends += 1 }
        #else
        items.append(try admitted(newElement))
        #endif
    }

    mutating func insert(contentsOf newElements: [Value], at i: Int) throws(CellError) {
        try site.interpreter.checkArray(items.count &+ newElements.count, new: newElements.count, site.loc, outside: .array(items))
        var admitted: [Value] = []
        admitted.reserveCapacity(newElements.count)
        for value in newElements { admitted.append(try self.admitted(value)) }
        items.insert(contentsOf: admitted, at: i)
    }

    /// The one check of a new element: nested no deeper than the limit, of the declared type.
    private func admitted(_ value: Value) throws(CellError) -> Value {
        try site.interpreter.checkNesting(value, site.loc)
        return try site.interpreter.coerce(value, to: element, site.loc)
    }

    /// An index of an element (`remove(at:)`).
    func index(_ i: Int) throws(CellError) -> Int {
        try site.interpreter.arrayIndex([.int(i)], items.count, site.loc)
    }

    /// An index to insert at: an element's, or the end.
    func insertionIndex(_ i: Int) throws(CellError) -> Int {
        guard i >= 0, i <= items.count else { throw CellError("insert index out of range", at: site.loc) }
        return i
    }

    /// Removes `k` elements from the front, as Swift does where its preconditions trap with a
    /// located error in their words. The first of them, for `removeFirst()`.
    @discardableResult
    mutating func removeFirst(_ k: Int) throws(CellError) -> Value? {
        try checkRemoving(k, "first", "has")
        defer { items.removeFirst(k) }
        return items.first
    }

    @discardableResult
    mutating func removeLast(_ k: Int) throws(CellError) -> Value? {
        try checkRemoving(k, "last", "contains")
        defer { items.removeLast(k) }
        return items.last
    }

    private func checkRemoving(_ k: Int, _ end: String, _ verb: String) throws(CellError) {
        guard k >= 0 else { throw CellError("number of elements to remove should be non-negative", at: site.loc) }
        if k == 1 && items.isEmpty { throw CellError("can't remove \(end) element from an empty collection", at: site.loc) }
        guard k <= items.count else { throw CellError("can't remove more items from a collection than it \(verb)", at: site.loc) }
    }
}

/// An element of an array, any value (`Element` in the docs, as Swift's declarations say).
struct ArrayElement: CellArgument, CellResult {
    var value: Value
    static var cellType: String { "Element" }
    static func accepts(_ value: Value) -> Bool { true }
    static func cell(_ value: Value, _ site: CallSite) throws(CellError) -> ArrayElement { ArrayElement(value: value) }
    func cellValue(_ site: CallSite) throws(CellError) -> Value { value }
}

extension Binding {
    /// A mutating array method: the closure gets the array in place (`inout`), then the call's
    /// parameters converted as any binding's are.
    static func mutating<each A: CellArgument, R>(
        _ selector: String, result: String, convert: @escaping (R, CallSite) throws(CellError) -> Value,
        _ body: @escaping (inout InPlaceArray, repeat each A) throws -> R
    ) -> Binding {
        var types: [any CellArgument.Type] = []
        for type in repeat (each A).self { types.append(type) }
        let (_, name, labels) = parse(selector)
        let explicit = types.filter { !$0.isImplicit }
        let parameters = explicit.indices.map { i in
            let label = i < labels.count ? labels[i] : "#\(i)"
            return CallShape.Parameter(label: label, name: label ?? "_", hasDefault: false, isVariadic: explicit[i].isVariadic)
        }
        let mutate = { (array: inout Value, values: [Value], element: TypeRef?, site: CallSite) throws(CellError) -> Value in
            guard case .array = array else { throw mismatch(array, ArrayValue.self, site) }
            // Taken out of `array` before it changes: a second reference would copy it.
            var taken = Value.void
            swap(&taken, &array)
            guard case .array(var items) = consume taken else { return .void }
            var target = InPlaceArray(element: element, site: site)
            swap(&target.items, &items)
            defer { array = .array(target.items) }
            var arguments = ArgumentReader(values: values, site: site)
            let result: R = try site.interpreter.engine(site.loc) { () throws -> R in
                try body(&target, repeat try arguments.next((each A).self))
            }
            return try convert(result, site)
        }
        // Never reached: the registry files these under `mutating` only, which runs `mutate`.
        // As a plain method it could only change a copy, so it is that refusal.
        let invoke = { (_: [Value], site: CallSite) throws(CellError) -> Value in throw Interpreter.immutableReceiver(site.loc) }
        var binding = Binding(kind: .mutatingMethod, typeName: ArrayValue.cellType, name: name, shape: CallShape(name: name, parameters: parameters),
                              parameterTypes: explicit.map { $0.cellType }, defaults: parameters.map { _ in nil }, resultType: result,
                              accepts: [ArrayValue.accepts] + explicit.map { $0.accepts }, invoke: invoke)
        binding.mutate = mutate
        return binding
    }

    static func mutating<each A: CellArgument, R: CellResult>(_ selector: String, _ body: @escaping (inout InPlaceArray, repeat each A) throws -> R) -> Binding {
        mutating(selector, result: R.cellType, convert: { (r: R, site: CallSite) throws(CellError) -> Value in try r.cellValue(site) }, body)
    }

    static func mutating<each A: CellArgument, R>(_ selector: String, does body: @escaping (inout InPlaceArray, repeat each A) throws -> R) -> Binding {
        mutating(selector, result: "Void", convert: { (_: R, _: CallSite) throws(CellError) -> Value in .void }, body)
    }
}
