@testable import LessonCells
import LessonModel
import Testing

/// What `reserve` counts when it measures: the bytes being reserved, for a value not yet made,
/// and an array taken out of its variable while it grows.
@Suite struct MemoryReservationTests {
    static let budget = "more than its memory budget of"

    /// 100,000 elements are more than 200 KB before they are made, with nothing else on the page.
    @Test(arguments: ["let xs = Array(repeating: 0.0, count: 100_000)", "let xs = Array(0..<100_000)", "let xs = (0..<100_000).map { $0 }"])
    func aValueAboutToBeMadeIsCounted(_ code: String) {
        let output = runCell(code, limits: ExecutionLimits(maxMemoryBytes: 200_000))
        #expect(output.error?.description.hasPrefix("page.md:1:") == true, "\(String(describing: output.error))")
        #expect(output.error?.message.contains(MemoryReservationTests.budget) == true)
        #expect(runCell("let xs = Array(repeating: 0.0, count: 1_000)\nprint(xs.count)", limits: ExecutionLimits(maxMemoryBytes: 200_000)).printedText == "1000\n")
    }

    /// Each way of growing an array out of its variable hands it to the measurement.
    @Test(arguments: [
        "xs.insert(i, at: xs.count)", "xs.append(contentsOf: [i])", "xs.insert(contentsOf: [i], at: xs.count)", "xs.append(i)", "xs += [i]",
        "s.items += [i]", "s.items.append(i)", "s.items.insert(i, at: s.items.count)", "grid[0] += [i]", "grid[0].append(contentsOf: [i])",
    ])
    func growingAnArrayOutOfItsVariableIsCounted(_ growth: String) {
        let code = """
            struct S { var items: [Int] = [] }
            var xs: [Int] = []
            var s = S()
            var grid: [[Int]] = [[]]
            for i in 0..<2_000_000 { \(growth) }
            """
        let output = runCell(code, limits: ExecutionLimits(maxMemoryBytes: 1_000_000))
        #expect(output.error?.description.hasPrefix("page.md:5:") == true, "\(String(describing: output.error))")
        #expect(output.error?.message.contains(MemoryReservationTests.budget) == true, "\(String(describing: output.error))")
    }

    /// A stored property grows out of its instance (`s.a.append(i)`, an append to `self`'s in a
    /// mutating method), an element out of its array: the instance's other properties, the
    /// array's other elements still count. Here `b` holds 70% of the
    /// budget and `a` grows to 40% (its storage to at most 80%, within the budget alone).
    @Test(arguments: ["s.a.append(i)", "s.add(i)", "s.a += [i]", "grid[1].append(i)", "grid[1] += [i]"])
    func theRestOfAnInstanceCountsWhileOneOfItsArraysGrows(_ growth: String) {
        let budget = 1_000_000
        let (b, a) = (budget * 7 / 10 / MemoryLayout<Value>.stride, budget * 4 / 10 / MemoryLayout<Value>.stride)
        let code = """
            struct S { var a: [Int] = []; var b: [Int] = []; mutating func add(_ i: Int) { a.append(i) } }
            var s = S()
            var grid: [[Int]] = [[], []]
            \(growth.hasPrefix("grid") ? "grid[0]" : "s.b") = Array(repeating: 0, count: \(b))
            for i in 0..<\(a) { \(growth) }
            """
        let output = runCell(code, limits: ExecutionLimits(maxMemoryBytes: budget))
        #expect(output.error?.message.contains(MemoryReservationTests.budget) == true, "\(String(describing: output.error))")
    }
}
