@testable import LessonCells
import LessonModel
import Testing

/// A page struct's `mutating` method runs on its value taken out of the variable
/// (`Interpreter.callHeld`), as Swift's `inout self`: the only reference, so appends inside it
/// grow the array in place; the variable gets it back on every way out.
@Suite struct MutatingMethodTests {
    static let types = """
        var hook: () -> Void = {}
        struct Inner { var xs: [Int] = []; mutating func push(_ x: Int) { xs.append(x); hook() } }
        struct Log {
            var items: [Double] = []
            var inner = Inner()
            var count = 0
            mutating func add(_ x: Double) { items.append(x); bump(); inner.push(Int(x)) }
            mutating func bump() { count += 1 }
            mutating func record(_ t: Tensor) throws { items.append(1); items.append(try t.item()) }
        }
        struct Trainer { var log = Log(); var name = "run" }
        """

    #if DEBUG
    /// Counts the appends inside mutating methods (the registry's `InPlaceArray.append`, where
    /// the counter is) that copied a shared array: none when the method is called on a variable,
    /// a stored property path, an array element or from a nested mutating call; one per call
    /// where the method keeps a copy of `self` (the counter works). The compiled appends of page
    /// variables (`AppendNode`) are not counted here.
    @Test func appendsInsideAMutatingMethodCopyNoArray() {
        let session = CellSession(limits: .default)
        let cells = [
            MutatingMethodTests.types,
            """
            var log = Log()
            var trainer = Trainer()
            var logs = [Log(), Log()]
            for i in 0..<2_000 {
                log.add(Double(i))
                trainer.log.add(Double(i))
                logs[1].add(Double(i))
            }
            print(log.items.count, log.count, log.inner.xs.count, trainer.log.items.count, trainer.log.inner.xs.count, logs[1].items.count, logs[0].items.count)
            """,
        ]
        let outputs = cells.enumerated().map { session.run(CellSource(code: $0.element, location: SourceLocation(file: "page.md", line: 1 + 20 * $0.offset, column: 1))) }
        #expect(outputs.allSatisfy { $0.error == nil }, "\(outputs.compactMap(\.error))")
        #expect(outputs[1].printedText == "2000 2000 2000 2000 2000 2000 0\n")
        #expect(session.interpreter.copiedAppends == 0)
        let copying = session.run(CellSource(code: """
            struct Keeper { var items: [Double] = []; mutating func add(_ x: Double) { let before = self; items.append(x); _ = before } }
            var keeper = Keeper()
            for i in 0..<1_000 { keeper.add(Double(i)) }
            """, location: SourceLocation(file: "page.md", line: 60, column: 1)))
        #expect(copying.error == nil)
        #expect(session.interpreter.copiedAppends > 900)
    }
    #endif

    @Test func nestedMutatingCallsChangeTheirPath() {
        let code = MutatingMethodTests.types + """

            var trainer = Trainer()
            trainer.log.add(2)
            trainer.log.add(3)
            var logs = [Log(), Log()]
            logs[1].add(5)
            var log = Log()
            log.add(Double(log.items.count))
            log.add(Double(log.items.count))
            print(trainer.log.items, trainer.log.count, trainer.log.inner.xs, trainer.name, logs[1].items, logs[0].items, log.items)
            """
        #expect(printed(code) == "[2.0, 3.0] 2 [2, 3] run [5.0] [] [0.0, 1.0]\n")
    }

    /// Swift writes `inout self` back when the method throws: what it appended before stays.
    @Test func aThrowingMethodKeepsWhatItAppended() {
        let code = MutatingMethodTests.types + """

            var trainer = Trainer()
            trainer.log.add(2)
            let r: Void? = try? trainer.log.record(Tensor([1.0, 2.0]))
            print(r == nil, trainer.log.items)
            """
        #expect(printed(code) == "true [2.0, 1.0]\n")
    }

    /// An error Swift traps on (an index out of range) or a budget stop inside the method stops
    /// the cell; the variable keeps what the method did before it.
    @Test func aStoppedMethodLeavesTheVariableInPlace() {
        var limits = ExecutionLimits.default
        limits.maxTensorElements = 3
        let outputs = runPage([
            (1, MutatingMethodTests.types),
            (20, "var log = Log()\nlog.add(1)"),
            (30, "hook = { _ = [1][2] }\nlog.add(2)"),
            (40, "hook = {}\nwhile true { log.add(3) }"),
            (50, "print(log.items, log.count, log.inner.xs)"),
        ], limits: limits)
        #expect(outputs[2].error?.description == "page.md:30:17: error: index out of range: index 2 into an array of 1 element")
        #expect(outputs[3].error?.description.contains("a collection of 4 elements exceeds the page's limit of 3 elements") == true)
        #expect(outputs[4].error == nil)
        #expect(outputs[4].printedText == "[1.0, 2.0, 3.0] 3 [1, 2, 3]\n")
    }

    /// Reading the variable while its mutating method runs is Swift's exclusivity violation
    /// (a runtime trap there): a located error at the read, from the evaluator and from a
    /// compiled read alike, for a page variable and for a function's local a closure reads.
    @Test func readingTheVariableWhileItsMethodRunsIsAnError() {
        let outputs = runPage([
            (1, MutatingMethodTests.types),
            (20, "var log = Log()\nhook = { print(log.items) }\nlog.add(1)"),
            (30, "hook = { let copy = log; print(copy.count) }\nlog.add(2)"),
            (40, "hook = { log.bump() }\nlog.add(3)"),
            (50, "func f() -> Int {\n    var local = Log()\n    hook = { print(local.count) }\n    local.add(4)\n    return local.count\n}\nprint(f())"),
            (60, "hook = {}\nprint(log.items, log.count)"),
        ])
        let message = "overlapping accesses to 'log', but modification requires exclusive access: its mutating method 'add' (line "
        #expect(outputs[1].error?.description == "page.md:21:16: error: \(message)22) is running")
        #expect(outputs[2].error?.description == "page.md:30:21: error: \(message)31) is running")
        #expect(outputs[3].error?.description == "page.md:40:10: error: \(message)41) is running")
        #expect(outputs[4].error?.description == "page.md:52:20: error: overlapping accesses to 'local', but modification requires exclusive access: its mutating method 'add' (line 53) is running")
        // Each call's own changes stay: `items` and `count` were changed before the hook ran.
        #expect(outputs[5].printedText == "[1.0, 2.0, 3.0] 3\n")
    }

    /// `Double(x)` of a variable reads its slot without a node for the variable: the same check.
    @Test func convertingTheVariableWhileItsMethodRunsIsAnError() {
        let outputs = runPage([(1, MutatingMethodTests.types), (20, "var log = Log()\nhook = { _ = Double(log) }\nlog.add(1)")])
        #expect(outputs[1].error?.description == "page.md:21:21: error: overlapping accesses to 'log', but modification requires exclusive access: its mutating method 'add' (line 22) is running")
    }

    /// Changing it in place is the same error, at the change, and changes nothing.
    @Test func changingTheVariableWhileItsMethodRunsIsAnError() {
        let changes = ["log.count += 1", "log.items[0] = 5", "log.items = []", "log.items.append(9)", "logs += [Log()]", "logs[0].count = 2"]
        let outputs = runPage([(1, MutatingMethodTests.types), (20, "var log = Log()\nvar logs = [Log()]")]
            + changes.enumerated().map { (30 + 10 * $0.offset, "hook = { \($0.element) }\n\($0.element.hasPrefix("logs") ? "logs[0]" : "log").add(1)") }
            + [(100, "hook = {}\nprint(log.items, log.count, logs.count, logs[0].items, logs[0].count)")])
        for (k, change) in changes.enumerated() {
            let name = change.hasPrefix("logs") ? "logs" : "log"
            #expect(outputs[2 + k].error?.description == "page.md:\(30 + 10 * k):10: error: overlapping accesses to '\(name)', but modification requires exclusive access: its mutating method 'add' (line \(31 + 10 * k)) is running")
        }
        #expect(outputs[8].printedText == "[1.0, 1.0, 1.0, 1.0] 4 1 [1.0, 1.0] 2\n")
    }

    @Test func assigningTheVariableWhileItsMethodRunsIsAnError() {
        let outputs = runPage([
            (1, MutatingMethodTests.types),
            (20, "var log = Log()\nhook = { log = Log() }\nlog.add(1)"),
            (30, "hook = {}\nprint(log.items)"),
        ])
        #expect(outputs[1].error?.description == "page.md:22:5: error: overlapping accesses to 'log', but modification requires exclusive access: it was assigned while its mutating method 'add' ran")
        #expect(outputs[2].printedText == "[1.0]\n")
    }

    /// The assignment is the error even where the method then fails: Swift traps at the
    /// assignment, and `try?` does not hide it.
    @Test func assigningTheVariableIsAnErrorEvenWhenTheMethodThrows() {
        let outputs = runPage([
            (1, MutatingMethodTests.types),
            (20, "struct Box {\n    var n = 0\n    mutating func run() throws { n += 1; hook(); _ = try Tensor([1.0, 2.0]).item() }\n}"),
            (30, "var box = Box()\nhook = { box = Box() }\ntry? box.run()"),
            (40, "var box2 = Box()\nhook = { box2 = Box() }\ntry box2.run()"),
        ])
        let message = "overlapping accesses to 'box', but modification requires exclusive access: it was assigned while its mutating method 'run' ran"
        #expect(outputs[2].error?.description == "page.md:32:10: error: " + message)
        #expect(outputs[3].error?.description == "page.md:42:10: error: " + message.replacingOccurrences(of: "'box'", with: "'box2'"))
    }

    /// swiftc rejects a closure that captures a mutating method's `self` and outlives the call;
    /// here it is that error where the closure uses `self` after the method returned.
    @Test func aClosureEscapingAMutatingMethodCannotUseSelf() {
        let outputs = runPage([
            (1, MutatingMethodTests.types),
            (20, "var later: () -> Int = { 0 }\nstruct Bag {\n    var items = [1, 2]\n    mutating func keep() { later = { self.items.count } }\n    mutating func keepImplicit() { later = { items.count + 1 } }\n    mutating func now() -> Int { let f = { items.count }; return f() }\n}"),
            (30, "var bag = Bag()\nprint(bag.now())\nbag.keep()\nprint(later())"),
            (40, "bag.keepImplicit()\nprint(later())"),
        ])
        #expect(outputs[2].printedText == "2\n")
        #expect(outputs[2].error?.description == "page.md:23:38: error: escaping closure captures mutating 'self' parameter")
        #expect(outputs[3].error?.description == "page.md:24:46: error: escaping closure captures mutating 'self' parameter")
    }
}
