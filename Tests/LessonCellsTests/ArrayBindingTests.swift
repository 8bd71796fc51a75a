import Foundation
@testable import LessonCells
import LessonModel
import Testing

/// The mutating array methods are registry bindings (`Bindings/Arrays.swift`): their labels are
/// checked before a cell runs, in swiftc's words, and their new elements pass one check.
@Suite struct ArrayBindingTests {
    /// swiftc 6.3 on the same lines: "no exact matches in call to instance method 'insert'" at
    /// the method's name, "argument passed to call that takes no arguments".
    @Test func wrongLabelsStopTheCellBeforeItRuns() {
        let output = runCell("print(\"before\")\nvar xs = [1]\nxs.insert(1, 0)")
        #expect(output.printedText == "")
        #expect(output.error?.description == "page.md:3:4: error: no exact matches in call to instance method 'insert'; candidates: insert(_:at:), insert(contentsOf:at:)")
        #expect(failure("var xs = [1]\nxs.append(x: 1)") == "page.md:2:4: error: no exact matches in call to instance method 'append'; candidates: append(_:), append(contentsOf:)")
        #expect(failure("var xs = [1]\nxs.removeLast(k: 1)") == "page.md:2:15: error: extraneous argument label 'k:' in call; candidates: removeLast(), removeLast(_:)")
        #expect(failure("var xs = [1]\nxs.popLast(1)") == "page.md:2:12: error: argument passed to call that takes no arguments")
    }

    /// Swift's overloads the registry does not bind are named as such, not refused in words
    /// that say Swift would not take them.
    @Test func swiftsUnboundOverloadsAreNamed() {
        let cases = [
            ("xs.sort { $0 > $1 }", "sort(by:)"), ("xs.sort(by: >)", "sort(by:)"), ("xs.removeAll(where: { $0 > 1 })", "removeAll(where:)"),
            ("xs.removeAll { $0 > 1 }", "removeAll(where:)"), ("xs.removeAll(keepingCapacity: true)", "removeAll(keepingCapacity:)"),
        ]
        for (call, selector) in cases {
            #expect(failure("var xs = [1]\n" + call) == "page.md:2:4: error: '\(selector)' is not supported in cells")
        }
        // The same when a page struct's method of that name leaves the check to the run.
        let page = "struct S { mutating func sort(by: Int) {} }\nvar xs = [2, 1]\nxs.sort { $0 > $1 }"
        #expect(failure(page) == "page.md:3:4: error: 'sort(by:)' is not supported in cells")
    }

    /// A page struct's own `append` takes its own labels, so an array's are checked when it runs.
    @Test func aPageMethodOfTheSameNameLeavesTheCheckToTheRun() {
        let code = """
            struct Log {
                var items: [Int] = []
                mutating func append(_ x: Int, twice: Bool) { items.append(x); if twice { items.append(x) } }
            }
            var log = Log()
            log.append(3, twice: true)
            print(log.items)
            var xs = [1]
            xs.append(x: 2)
            """
        let output = runCell(code)
        #expect(output.printedText == "[3, 3]\n")
        #expect(output.error?.description == "page.md:9:4: error: no exact matches in call to instance method 'append'; candidates: append(_:), append(contentsOf:)")
    }

    /// A mutating method on a value that is no variable changed a copy and was silently lost.
    /// swiftc 6.3: "cannot use mutating member on immutable value: 'f' returns immutable value".
    @Test func aMutatingMethodNeedsAVariable() {
        #expect(failure("func f() -> [Int] { [1] }\nf().append(3)") == "page.md:2:5: error: cannot use mutating member on immutable value: 'f' returns immutable value")
        #expect(failure("[1, 2].append(3)") == "page.md:1:8: error: cannot use mutating member on immutable value")
        // A receiver that names nothing is Swift's "cannot find", at the name.
        #expect(failure("zz.append(1)") == "page.md:1:1: error: cannot find 'zz' in scope")
        #expect(failure("nosuch().append(1)") == "page.md:1:1: error: cannot find 'nosuch' in scope")
        #expect(failure("var o: [[Int]]? = nil\nzz?.append(1)") == "page.md:2:1: error: cannot find 'zz' in scope")
        let unsupported = "error: a mutating method on an optional ('?.' or '!.') is not supported in cells; unwrap it into a 'var', change that and assign it back"
        #expect(failure("var o: [Int]? = [1]\no?.append(2)") == "page.md:2:4: " + unsupported)
        #expect(failure("var o: [Int]? = [1]\no!.append(2)") == "page.md:2:4: " + unsupported)
        #expect(failure("struct S { var xs = [1] }\nvar s: S? = S()\ns?.xs.append(2)") == "page.md:3:7: " + unsupported)
    }

    /// Where lowering leaves the check to the run (a page struct has a method of the same name),
    /// the run refuses it once the receiver turns out to be an array.
    @Test func aMutatingMethodNeedsAVariableAtRunTimeToo() {
        let page = "struct Log { var n = 0; mutating func append(_ x: Int) { n += x } }\n"
        let output = runCell(page + "func f() -> [Int] { [1] }\nf().append(3)\nprint(\"after\")")
        #expect(output.error?.description == "page.md:3:5: error: cannot use mutating member on immutable value")
        #expect(output.printedText == "")
        #expect(failure(page + "var o: [Int]? = [1]\no?.append(2)") == "page.md:3:4: error: cannot use mutating member on immutable value")
        #expect(printed(page + "var log = Log()\nlog.append(2)\nvar xs = [1]\nxs.append(2)\nprint(log.n, xs)") == "2 [1, 2]\n")
    }

    /// A range longer than Int.max elements is refused by its length, not by an overflow trap.
    @Test(arguments: ["xs.append(contentsOf: -1..<Int.max)", "xs.insert(contentsOf: -1..<Int.max, at: 0)", "let ys = Array(-1..<Int.max)"])
    func aRangeWiderThanIntMaxIsRefusedByItsLength(_ code: String) {
        let error = failure("var xs = [1]\n" + code)
        #expect(error.hasPrefix("page.md:2:"), "\(error)")
        #expect(error.contains("elements exceeds the page's limit of"), "\(error)")
    }

    /// Swift traps on it; here a located error.
    @Test func theCountOfARangeWiderThanIntMaxIsAnOverflow() {
        #expect(failure("print((-1..<Int.max).count)") == "page.md:1:22: error: arithmetic overflow: the count of -1..<9223372036854775807 does not fit in an Int")
    }

    @Test func theMethodsChangeTheArrayInPlace() {
        let code = """
            var xs = [1, 2, 3, 4, 5, 6]
            xs.insert(contentsOf: [7, 8], at: 1)
            xs.removeFirst(2)
            xs.removeLast(2)
            print(xs)
            var grid = [[1], [2]]
            grid[1].append(contentsOf: 3..<5)
            grid[0].insert(0, at: 0)
            print(grid, grid[1].remove(at: 2), grid)
            """
        #expect(printed(code) == "[8, 2, 3, 4]\n[[0, 1], [2, 3, 4]] 4 [[0, 1], [2, 3]]\n")
    }

    /// New elements take the declared element type, whichever method adds them.
    @Test func newElementsTakeTheDeclaredType() {
        let code = """
            var xs: [Double] = []
            xs.append(1)
            xs.insert(2, at: 0)
            xs.append(contentsOf: [3, 4])
            xs.insert(contentsOf: [5], at: 1)
            print(xs)
            """
        #expect(printed(code) == "[2.0, 5.0, 1.0, 3.0, 4.0]\n")
        #expect(failure("var ns: [Int] = []\nns.insert(0.5, at: 0)") == "page.md:2:4: error: cannot convert value of type 'Double' to expected type 'Int'")
    }

    /// Where Swift's preconditions trap, a located error in their words.
    @Test func outOfRangeIsALocatedError() {
        #expect(failure("var xs = [1, 2, 3]\nxs.removeLast(4)") == "page.md:2:4: error: can't remove more items from a collection than it contains")
        #expect(failure("var xs = [1, 2, 3]\nxs.removeFirst(4)") == "page.md:2:4: error: can't remove more items from a collection than it has")
        #expect(failure("var xs = [1, 2, 3]\nxs.removeFirst(-1)") == "page.md:2:4: error: number of elements to remove should be non-negative")
        #expect(failure("var xs: [Int] = []\nxs.removeLast()") == "page.md:2:4: error: can't remove last element from an empty collection")
        #expect(failure("var xs = [1]\nxs.insert(2, at: 2)") == "page.md:2:4: error: insert index out of range")
        #expect(failure("var xs = [1]\nxs.insert(2, at: 0.5)") == "page.md:2:4: error: cannot convert value of type 'Double' to expected argument type 'Int'")
    }

    /// `insert` counted against the element limit as `append` always was.
    @Test func insertingPastTheElementLimitIsRefused() {
        let output = runCell("var xs = Array(repeating: 0, count: 10)\nxs.insert(1, at: 0)", limits: ExecutionLimits(maxTensorElements: 10))
        #expect(output.error?.description == "page.md:2:4: error: a collection of 11 elements exceeds the page's limit of 10 elements; raise it with 'limits: { tensor-elements: … }' in the page's front matter or '--limit tensor-elements=…'")
    }

    /// Each result of `filter` and `compactMap` is counted against the memory budget, as `map`'s is.
    @Test(arguments: ["xs.filter { _ in true }", "xs.compactMap { $0 }"])
    func filterAndCompactMapResultsAreBudgeted(_ call: String) {
        let code = "let xs = Array(repeating: 1, count: 50_000)\nvar keep: [[Int]] = []\nfor _ in 0..<40 { keep.append(\(call)) }"
        let output = runCell(code, limits: ExecutionLimits(maxMemoryBytes: 4 << 20))
        #expect(output.error?.description.hasPrefix("page.md:3:") == true, "\(String(describing: output.error))")
        #expect(output.error?.message.contains("more than its memory budget of 4194304 bytes") == true)
    }
}

/// `stride` as Swift's: no overflow trap, and a length past the budget refused before anything
/// is made.
@Suite struct StrideTests {
    @Test func intStridesNearTheEndsOfIntDoNotOverflow() {
        let code = "print(Array(stride(from: Int.max - 3, through: Int.max, by: 2)), Array(stride(from: Int.max - 3, to: Int.max, by: 2)), Array(stride(from: Int.min + 3, through: Int.min, by: -2)))"
        #expect(printed(code) == "[9223372036854775804, 9223372036854775806] [9223372036854775804, 9223372036854775806] [-9223372036854775805, -9223372036854775807]\n")
        #expect(printed("print(Array(stride(from: 5, to: 0, by: 1)), Array(stride(from: 5, through: 5, by: -1)), Array(stride(from: 0, to: 7, by: 3)), Array(stride(from: 0, through: 6, by: 3)))") == "[] [5] [0, 3, 6] [0, 3, 6]\n")
    }

    @Test func aStrideAcrossAllOfIntIsRefusedByItsCount() {
        let how = "; raise it with 'limits: { tensor-elements: … }' in the page's front matter or '--limit tensor-elements=…'"
        let limit = ExecutionLimits.default.maxTensorElements
        #expect(failure("let s = stride(from: Int.min, to: Int.max, by: 1)") == "page.md:1:9: error: a stride of 18446744073709551615 elements exceeds the page's limit of \(limit) elements" + how)
        #expect(failure("let s = stride(from: Int.min, through: Int.max, by: 1)") == "page.md:1:9: error: a stride of more than 18446744073709551615 elements exceeds the page's limit of \(limit) elements" + how)
    }

    @Test func doubleStrides() {
        #expect(printed("print(Array(stride(from: 0.0, through: 1.0, by: 0.25)), Array(stride(from: 1.0, to: 0.0, by: -0.5)), Array(stride(from: 0.0, to: 1.0, by: 0.1)).count)") == "[0.0, 0.25, 0.5, 0.75, 1.0] [1.0, 0.5] 10\n")
        #expect(failure("let s = stride(from: 0.0, to: 1.0, by: 0.0)") == "page.md:1:9: error: stride with a step of zero never ends")
        #expect(failure("let s = stride(from: 0.0, to: Double.nan, by: 1.0)") == "page.md:1:9: error: stride with a NaN bound or step never ends")
        #expect(failure("let s = stride(from: 0.0, to: Double.infinity, by: 1.0)").contains("a stride of more than"))
    }

    /// Refused from its estimated length, before a million elements are made.
    @Test func aLongDoubleStrideIsRefusedBeforeItIsMade() {
        let output = runCell("let s = stride(from: 0.0, to: 1e6, by: 1.0)", limits: ExecutionLimits(maxTensorElements: 1_000))
        #expect(output.error?.description == "page.md:1:9: error: a stride of more than 1000 elements exceeds the page's limit of 1000 elements; raise it with 'limits: { tensor-elements: … }' in the page's front matter or '--limit tensor-elements=…'")
        #expect(runCell("let s = stride(from: 0.0, to: 1000.0, by: 1.0)\nprint(s.count)", limits: ExecutionLimits(maxTensorElements: 1_000)).printedText == "1000\n")
    }
}
