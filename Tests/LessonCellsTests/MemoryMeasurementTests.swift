@testable import LessonCells
import LessonModel
import Testing

/// What a measurement counts that no variable holds at that moment: a value still being built
/// while cell code runs, the arrays of a page already reserved when a tensor is made, and every
/// level of a path (structs, arrays, tuples) taken out of its variable while its leaf grows.
/// Each case holds more than its budget (1,000,000 bytes) at once and must stop with the
/// located memory error.
@Suite struct MemoryMeasurementTests {
    static let budget = 1_000_000
    static let stride = MemoryLayout<Value>.stride

    static func expectMemoryError(_ code: String, atLine line: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let output = runCell(code, limits: ExecutionLimits(maxMemoryBytes: budget))
        let text = output.error?.description ?? "no error; printed \(output.printedText)"
        #expect(text.hasPrefix("page.md:\(line):"), "\(text)", sourceLocation: sourceLocation)
        #expect(text.contains("more than its memory budget of \(budget) bytes; raise it with 'limits: { memory: … }'"), "\(text)", sourceLocation: sourceLocation)
    }

    /// `map` reserves its result (60% of the budget) before its closure runs; the closure then
    /// makes 50% more, a tensor or an array, whose check measures the page. The result is in no
    /// variable yet: it must stay counted across that measurement.
    @Test(arguments: [
        "held = Tensor.zeros(\(budget / 2 / 4))",
        "junk = Array(repeating: 0, count: \(budget / 2 / stride))",
    ])
    func aResultBeingBuiltStaysCountedAcrossAMeasurement(_ make: String) {
        let code = """
            var held = Tensor.zeros(1)
            var junk: [Int] = []
            let xs = (0..<\(Self.budget * 6 / 10 / Self.stride)).map { (i: Int) -> Int in
                if i == 0 { \(make) }
                return i
            }
            print(xs.count)
            """
        Self.expectMemoryError(code, atLine: 4)
    }

    /// The arrays a closure makes count while they are elements of a result being built: 20
    /// arrays of a tenth of the budget each, measured along the way, must not pass it.
    @Test(arguments: ["map", "compactMap", "flatMap"])
    func theArraysAResultHoldsCountWhileItIsBuilt(_ method: String) {
        let inner = "Array(repeating: 0, count: \(Self.budget / 10 / Self.stride))"
        let code = """
            let parts = (0..<20).\(method) { (i: Int) -> \(method == "flatMap" ? "[[Int]]" : "[Int]") in
                \(method == "flatMap" ? "[\(inner)]" : inner)
            }
            print(parts.count)
            """
        Self.expectMemoryError(code, atLine: 2)
    }

    /// The same with an array literal whose second element runs tensor code while its first is
    /// made, and a `filter` whose predicate does.
    @Test func literalsAndFiltersBeingBuiltStayCounted() {
        let literal = """
            var held = Tensor.zeros(1)
            func make(_ i: Int) -> Int {
                if i == 1 { held = Tensor.zeros(\(Self.budget / 2 / 4)) }
                return i
            }
            let pair = [Array(repeating: 0, count: \(Self.budget * 6 / 10 / Self.stride)), [make(1)]]
            """
        Self.expectMemoryError(literal, atLine: 3)
        let filter = """
            var held = Tensor.zeros(1)
            let xs = (0..<\(Self.budget * 6 / 10 / Self.stride)).filter { (i: Int) -> Bool in
                if i == 0 { held = Tensor.zeros(\(Self.budget / 2 / 4)) }
                return true
            }
            """
        Self.expectMemoryError(filter, atLine: 3)
    }

    /// A tensor made after an array counts the array, measured or only reserved so far.
    @Test func aTensorCountsTheArraysReservedBeforeIt() {
        let code = """
            let xs = Array(repeating: 0, count: \(Self.budget * 6 / 10 / Self.stride))
            let t = Tensor.zeros(\(Self.budget / 2 / 4))
            """
        Self.expectMemoryError(code, atLine: 2)
    }

    /// A path of two levels or more, each taken out of the level above while the leaf grows:
    /// `big` (70% of the budget) sits in a middle level, next to the array that grows to 40%.
    @Test(arguments: [
        "s.t.a.append(i)", "s.t.a.insert(i, at: s.t.a.count)", "ts[0].a.append(i)", "grid[0][1].append(i)",
        "s.p.0.append(i)", "s.ts[0].a.append(i)",
    ])
    func everyLevelOfAPathCountsWhileItsLeafGrows(_ growth: String) {
        let (big, grown) = (Self.budget * 7 / 10 / Self.stride, Self.budget * 4 / 10 / Self.stride)
        let code = """
            struct T { var a: [Int] = []; var big: [Int] = [] }
            struct S { var t = T(); var p = ([0], [0]); var ts = [T()] }
            var s = S()
            var ts = [T()]
            var grid: [[[Int]]] = [[[], []]]
            \(Self.bigLevel(growth)) = Array(repeating: 0, count: \(big))
            for i in 0..<\(grown) { \(growth) }
            """
        Self.expectMemoryError(code, atLine: 7)
    }

    /// Where `big` goes for each growth: beside the growing array, one level up.
    static func bigLevel(_ growth: String) -> String {
        if growth.hasPrefix("s.t.") { return "s.t.big" }
        if growth.hasPrefix("ts[") { return "ts[0].big" }
        if growth.hasPrefix("grid") { return "grid[0][0]" }
        if growth.hasPrefix("s.p") { return "s.p.1" }
        return "s.ts[0].big"
    }

    /// A tuple step: the tuple's other elements count while one of its arrays grows, on a page
    /// variable as one level of a path.
    @Test(arguments: ["pair.0.append(i)", "named.xs.append(i)", "pair.0.append(contentsOf: [i])"])
    func theRestOfATupleCountsWhileOneOfItsArraysGrows(_ growth: String) {
        let (big, grown) = (Self.budget * 7 / 10 / Self.stride, Self.budget * 4 / 10 / Self.stride)
        let code = """
            var pair = ([0], [0])
            var named = (xs: [0], big: [0])
            \(growth.hasPrefix("pair") ? "pair.1" : "named.big") = Array(repeating: 0, count: \(big))
            for i in 0..<\(grown) { \(growth) }
            """
        Self.expectMemoryError(code, atLine: 4)
    }

    #if DEBUG
    /// Every level goes back moved, not copied, so the next append finds its array unique and
    /// grows it in place (the counters see appends that copied a shared array, and levels of a
    /// path copied as a part was taken out or put back).
    @Test func deepAppendsCopyNoArray() {
        let session = CellSession(limits: .default)
        let output = session.run(CellSource(code: """
            struct T { var a: [Int] = []; var big = [7] }
            struct S { var t = T(); var p = ([0], [1]); var ts = [T()] }
            var s = S()
            var pair = ([0], [1])
            var grid: [[[Int]]] = [[[5], []]]
            for i in 0..<1_000 { s.t.a.append(i); s.p.0.append(i); s.ts[0].a.append(i); pair.0.append(i); grid[0][1].append(i) }
            """, location: SourceLocation(file: "page.md", line: 1, column: 1)))
        #expect(output.error == nil, "\(String(describing: output.error))")
        #expect(session.interpreter.copiedAppends == 0)
        #expect(session.interpreter.copiedContainers == 0)
    }
    #endif

    /// Counting the levels changes nothing they hold: the values are back where they were.
    @Test func deepAppendsKeepEveryLevel() {
        let code = """
            struct T { var a: [Int] = []; var big = [7] }
            struct S { var t = T(); var p = ([0], [1]); var ts = [T()] }
            var s = S()
            var pair = ([0], [1])
            var grid: [[[Int]]] = [[[5], []]]
            for i in 1...3 { s.t.a.append(i); s.p.0.append(i); s.ts[0].a.append(i); pair.0 += [i]; grid[0][1].append(i) }
            print(s.t.a, s.t.big, s.p, s.ts[0].a, pair, grid)
            """
        #expect(printed(code) == "[1, 2, 3] [7] ([0, 1, 2, 3], [1]) [1, 2, 3] ([0, 1, 2, 3], [1]) [[[5], [1, 2, 3]]]\n")
    }
}
