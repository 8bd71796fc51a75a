import LessonCells
import LessonModel
import Testing

/// `xs.append(x)` on a plain variable runs through a compiled node (`AppendNode`); it must
/// behave exactly as the evaluator's mutating call does.
@Suite struct AppendPathTests {
    @Test func appendsToPageAndLocalArraysKeepTheDeclaredElementType() {
        let code = """
            var xs: [Double] = []
            for i in 0..<3 { xs.append(i) }
            func grow() -> [Int] {
                var ys: [Int] = []
                for i in 0..<4 { ys.append(i * i) }
                return ys
            }
            var copy = xs
            copy.append(9.5)
            print(xs, copy, grow())
            """
        #expect(printed(code) == "[0.0, 1.0, 2.0] [0.0, 1.0, 2.0, 9.5] [0, 1, 4, 9]\n")
    }

    @Test func appendsToAStructsStoredArrayKeepItsElementType() {
        let code = """
            struct Log { var losses: [Double] = []; var name = "run" }
            var log = Log()
            for i in 0..<3 { log.losses.append(i) }
            let before = log
            log.losses.append(0.5)
            print(log.losses, before.losses, log.name)
            """
        #expect(printed(code) == "[0.0, 1.0, 2.0, 0.5] [0.0, 1.0, 2.0] run\n")
    }

    @Test func aStructsOwnAppendIsStillItsMethod() {
        let code = """
            struct Bag {
                var items: [Int] = []
                mutating func append(_ x: Int) { items.append(x * 10) }
            }
            var bag = Bag()
            bag.append(2)
            print(bag.items)
            """
        #expect(printed(code) == "[20]\n")
    }

    @Test func appendingToALetIsSwiftsError() {
        #expect(failure("let xs = [1]\nxs.append(2)").contains("cannot use mutating member 'append' on immutable value: 'xs' is a 'let' constant"))
    }

    @Test func theElementBudgetStopsARunawayAppend() {
        var limits = ExecutionLimits.default
        limits.maxTensorElements = 1000
        let output = runCell("var xs: [Int] = []\nwhile true { xs.append(1) }", limits: limits)
        #expect(output.error?.description.contains("a collection of 1001 elements exceeds the page's limit of 1000 elements") == true)
    }
}
