import LessonCells
import LessonModel
import Testing

/// The compiled statements (`FastPaths.swift`) keep the budgets where the evaluator keeps them:
/// a step counted per statement at its own line, and every array or string they grow charged
/// to the memory budget, on page variables and on a function's locals alike.
@Suite struct CompiledStatementBudgetTests {
    /// Seven compiled statements in a row run in order, each counting its step at its line.
    /// The budget is charged every 1,024 steps: 1 declaration, then 8 steps per iteration (the
    /// loop's and seven statements'), so step 1,024 is the sixth statement (line 8) of an iteration.
    @Test func aLongRowOfStatementsRunsInOrderAndCountsEachStep() {
        #expect(printed("var s = \"\"\ns += \"a\"\ns += \"b\"\ns += \"c\"\ns += \"d\"\ns += \"e\"\ns += \"f\"\ns += \"g\"\nprint(s)") == "abcdefg\n")
        var limits = ExecutionLimits.default
        limits.maxSteps = 10
        let body = (1...7).map { "    a += \($0)" }.joined(separator: "\n")
        let output = runCell("var a = 0\nfor i in 0..<100_000 {\n\(body)\n}", limits: limits)
        #expect(output.error?.description.hasPrefix("page.md:8:") == true, "\(output.error?.description ?? "no error")")
    }

    @Test func stringAppendsAreChargedToTheMemoryBudget() {
        let limits = ExecutionLimits(maxMemoryBytes: 1 << 16)
        let page = runCell("var chunk = \"x\"\nfor _ in 0..<7 { chunk = chunk + chunk }\nvar s = \"\"\nwhile true { s += chunk }", limits: limits)
        #expect(page.error?.description.hasPrefix("page.md:4:") == true, "\(page.error?.description ?? "no error")")
        #expect(page.error?.message.contains("more than its memory budget of 65536 bytes") == true)
        let local = runCell("func grow(_ chunk: String) {\n    var s = \"\"\n    while true { s += chunk }\n}\ngrow(\"0123456789\")", limits: limits)
        #expect(local.error?.description.hasPrefix("page.md:3:") == true, "\(local.error?.description ?? "no error")")
        #expect(local.error?.message.contains("more than its memory budget of 65536 bytes") == true)
    }

    /// `s += "literal"` has its own node (`LiteralAppendNode`): on a page variable and on a local
    /// it is charged as any string append, and a variable that holds no String gets the error
    /// the same statement gets with the string in a variable.
    @Test func literalStringAppendsKeepTheRulesOfEveryStringAppend() {
        let limits = ExecutionLimits(maxMemoryBytes: 1 << 16)
        let page = runCell("var s = \"\"\nwhile true { s += \"0123456789\" }", limits: limits)
        #expect(page.error?.description.hasPrefix("page.md:2:") == true, "\(page.error?.description ?? "no error")")
        #expect(page.error?.message.contains("more than its memory budget of 65536 bytes") == true)
        let local = runCell("func grow() {\n    var s = \"\"\n    while true { s += \"0123456789\" }\n}\ngrow()", limits: limits)
        #expect(local.error?.description.hasPrefix("page.md:3:") == true, "\(local.error?.description ?? "no error")")
        #expect(printed("var s = \"a\"\nfunc f() -> String {\n    var t = \"b\"\n    t += \"c\"\n    return t\n}\ns += \"é\"\ns += f()\nprint(s, s.count)") == "aébc 4\n")
        for (declaration, type) in [("var n = 1", "Int"), ("var d = 0.5", "Double"), ("var xs = [\"a\"]", "[String]")] {
            let name = declaration.split(separator: " ")[1]
            let literal = runCell("\(declaration)\n\(name) += \"x\"")
            let variable = runCell("\(declaration)\nlet x = \"x\"\n\(name) += x")
            #expect(literal.error != nil, "\(type)")
            #expect(literal.error?.message == variable.error?.message, "\(type): \(literal.error?.message ?? "none") / \(variable.error?.message ?? "none")")
            #expect(literal.error?.description.hasPrefix("page.md:2:") == true, "\(type): \(literal.error?.description ?? "no error")")
        }
    }

    @Test func arrayAppendsAreChargedToTheMemoryBudget() {
        let limits = ExecutionLimits(maxMemoryBytes: 1 << 16)
        let forms = ["xs.append(0.5)", "xs += [0.5]", "log.losses.append(0.5)"]
        for form in forms {
            let code = "struct Log { var losses: [Double] = [] }\nvar log = Log()\nvar xs: [Double] = []\nwhile true { \(form) }"
            let output = runCell(code, limits: limits)
            #expect(output.error?.description.hasPrefix("page.md:4:") == true, "\(form): \(output.error?.description ?? "no error")")
            #expect(output.error?.message.contains("more than its memory budget of 65536 bytes") == true, "\(form)")
        }
        let local = runCell("func grow() {\n    var xs: [Double] = []\n    while true { xs.append(0.5) }\n}\ngrow()", limits: limits)
        #expect(local.error?.description.hasPrefix("page.md:3:") == true, "\(local.error?.description ?? "no error")")
    }

    /// `x op= y` on a function's local and on a page variable: one node, two frames.
    @Test func compoundAssignmentsUpdateLocalsAndPageVariables() {
        let code = """
            var total = 0.0
            var name = "a"
            func run() -> String {
                var local = 1.0
                var text = "x"
                for i in 0..<4 { local *= 2; text += "y"; total += Double(i) }
                name += text
                return "\\(local) \\(text)"
            }
            print(run(), total, name)
            """
        #expect(printed(code) == "16.0 xyyyy 6.0 axyyyy\n")
    }
}
