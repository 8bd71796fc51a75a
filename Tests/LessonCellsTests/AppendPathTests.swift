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

    /// An append takes the collection out of its variable before it checks the budget; a
    /// refused one must put it back, so later cells still see what was appended before.
    @Test func aRefusedAppendLeavesTheCollectionInItsVariable() {
        var limits = ExecutionLimits.default
        limits.maxTensorElements = 3
        let outputs = runPage([
            (1, "struct Log { var losses: [Double] = [] }\nvar log = Log()\nvar xs: [Double] = []\nvar ys: [Int] = []\nvar text = \"\""),
            (6, "while true { xs.append(1) }"),
            (7, "while true { ys += [2] }"),
            (8, "while true { log.losses.append(0.5) }"),
            (9, "while true { text += \"ab\" }"),
            (10, "print(xs, ys, log.losses, text)"),
        ], limits: limits)
        for output in outputs[1...4] { #expect(output.error?.description.contains("exceeds the page's limit of 3 elements") == true) }
        #expect(outputs[5].error == nil)
        #expect(outputs[5].printedText == "[1.0, 1.0, 1.0] [2, 2, 2] [0.5, 0.5, 0.5] ab\n")
    }

    @Test func theElementBudgetStopsARunawayAppend() {
        var limits = ExecutionLimits.default
        limits.maxTensorElements = 1000
        let output = runCell("var xs: [Int] = []\nwhile true { xs.append(1) }", limits: limits)
        #expect(output.error?.description.contains("a collection of 1001 elements exceeds the page's limit of 1000 elements") == true)
    }
}

/// `xs += [x]` on a plain variable is an append (`AppendNode`), with the evaluator's checks.
@Suite struct AddArrayPathTests {
    @Test func addingOneElementKeepsTheDeclaredElementType() {
        let code = """
            var xs: [Double] = []
            for i in 0..<3 { xs += [i] }
            func grow() -> [Int] {
                var ys: [Int] = []
                for i in 0..<3 { ys += [i * i] }
                ys += [7, 8]
                return ys
            }
            var copy = xs
            copy += [9.5]
            print(xs, copy, grow())
            """
        #expect(printed(code) == "[0.0, 1.0, 2.0] [0.0, 1.0, 2.0, 9.5] [0, 1, 4, 7, 8]\n")
    }

    @Test func aTargetThatIsNoArrayGetsTheEvaluatorsError() {
        #expect(failure("var s = \"a\"\ns += [1]") == "page.md:2:3: error: binary operator '+' cannot be applied to operands of type 'String' and 'Array'")
        #expect(failure("var t = Tensor([1.0])\nt += [1]") == "page.md:2:3: error: binary operator '+=' cannot be applied to operands of type 'Tensor' and 'Array'")
        #expect(failure("var xs: [Int] = []\nxs += [0.5]") == "page.md:2:4: error: cannot convert value of type 'Double' to expected type 'Int'")
    }

    @Test func theElementBudgetStopsARunawayAdd() {
        var limits = ExecutionLimits.default
        limits.maxTensorElements = 1000
        let output = runCell("var xs: [Int] = []\nwhile true { xs += [1] }", limits: limits)
        #expect(output.error?.description.contains("a collection of 1001 elements exceeds the page's limit of 1000 elements") == true)
    }

    /// Statements in a row run as one node; each still counts its step, at its own line: the
    /// budget is charged every 1,024 steps, and step 1,024 is the second statement of the
    /// 341st iteration (1 declaration, then 3 steps per iteration: the loop's and two statements').
    @Test func statementsInARowCountTheirSteps() {
        var limits = ExecutionLimits.default
        limits.maxSteps = 10
        let output = runCell("var a = 0\nfor i in 0..<100_000 {\n    a += 1\n    a += i\n}", limits: limits)
        #expect(output.error?.description.hasPrefix("page.md:4:") == true, "\(output.error?.description ?? "no error")")
    }
}
