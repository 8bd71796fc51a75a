import LessonCells
import LessonModel
import Testing

/// Every bad input is a located error: message and page line:column.
@Suite struct ErrorTests {
    @Test func syntaxErrorIsMappedToThePage() {
        let outputs = runPage([(12, "let a = 1\nlet b = (a + \nprint(b)")])
        #expect(outputs[0].error?.description == "page.md:14:9: error: expected ')' to end tuple")
    }

    @Test func columnsShiftWithTheFenceIndentation() {
        let session = CellSession()
        let output = session.run(CellSource(code: "let x = 1\nprint(y)", location: SourceLocation(file: "notes/p.md", line: 40, column: 4)))
        #expect(output.error?.description == "notes/p.md:41:10: error: cannot find 'y' in scope")
    }

    /// Swift never makes an Int of a fractional number: wherever a value meets a declared `Int`
    /// (a variable, an array's elements, a parameter, a struct field, a return), a Double is an error.
    @Test func aDoubleWhereAnIntIsDeclared() {
        let message = "error: cannot convert value of type 'Double' to expected type 'Int'"
        #expect(failure("let n: Int = 0.5") == "page.md:1:5: \(message)")
        #expect(failure("let half = 0.5\nvar n: Int = 1\nn = half") == "page.md:3:5: \(message)")
        #expect(failure("var counts: [Int] = [1, 2]\ncounts.append(2.5)") == "page.md:2:8: \(message)")
        #expect(failure("let xs: [Int] = [1, 2.5]") == "page.md:1:17: \(message)")
        #expect(failure("let ys = [Int](repeating: 0.5, count: 2)") == "page.md:1:10: \(message)")
        #expect(failure("func twice(_ n: Int) -> Int { 2 * n }\nprint(twice(1.5))") == "page.md:2:13: \(message)")
        #expect(failure("struct Layer { var width: Int }\nlet l = Layer(width: 2.5)").hasSuffix(message))
        #expect(failure("func half(_ n: Int) -> Int { return Int(Double(n) / 2) }\nfunc f() -> Int { 0.5 }\nprint(f())").hasSuffix(message))
        // Numbers still widen as in Swift: an integer where a Double or Float is declared.
        #expect(printed("let d: Double = 1\nvar ds: [Double] = [1]\nds.append(2)\nlet f: Float = 3\nprint(d, ds, f)") == "1.0 [1.0, 2.0] 3.0\n")
    }

    @Test func unknownName() {
        #expect(failure("let a = 1\nprint(a + bogus)") == "page.md:2:11: error: cannot find 'bogus' in scope")
    }

    @Test func unknownFunction() {
        #expect(failure("let x = 2\nlet y = foo(x)") == "page.md:2:9: error: cannot find 'foo' in scope")
    }

    @Test func wrongArgumentLabel() {
        let code = """
        struct Net { let layerSizes: [Int] }
        let n = Net(layerSize: [3, 1])
        """
        #expect(failure(code) == "page.md:2:13: error: argument label 'layerSize:' does not match 'layerSizes:'")
    }

    /// Labels of page functions and initializers are checked when the cell is lowered: the
    /// cell stops at the call before printing anything, even when the call is never reached.
    @Test func labelMismatchesStopTheCellBeforeItRuns() {
        let cases: [(String, String)] = [
            ("print(\"start\")\nfunc f(a: Int, b: Int = 2) -> Int { a + b }\nprint(f(a: 1, c: 2))",
             "page.md:3:15: error: extra argument 'c:' in call to 'f(a:b:)'"),
            ("print(\"start\")\nif false { print(scale(3)) }\nfunc scale(by k: Int) -> Int { k }",
             "page.md:2:24: error: missing argument label 'by:' in call to 'scale(by:)'"),
            ("print(\"start\")\nstruct P { var x = 0; var y: Int }\nlet p = P(y: 1, x: 2)",
             "page.md:3:17: error: extra argument 'x:' in call to 'P(x:y:)'"),
            ("print(\"start\")\nstruct Q { let n: Int\n init(size: Int) { n = size }\n init(_ n: Int) { self.n = n } }\nlet q = Q(count: 3)",
             "page.md:5:11: error: argument label 'count:' does not match 'size:'"),
            ("print(\"start\")\nfunc outer() { func inner(_ v: Int...) {}; inner(1, 2, k: 3) }",
             "page.md:2:56: error: extra argument 'k:' in call to 'inner(_:)'"),
        ]
        for (code, message) in cases {
            let output = runCell(code)
            #expect(output.error?.description == message, "\(code)")
            #expect(output.printedText.isEmpty, "\(code)")
        }
        // Functions of an earlier cell are checked too; well-labelled calls still run.
        let outputs = runPage([(1, "func g(_ x: Int, times: Int = 2) -> Int { x * times }"),
                               (5, "print(g(3), g(3, times: 3))\nprint(g(x: 3))")])
        #expect(outputs[1].error?.description == "page.md:6:9: error: extraneous argument label 'x:' in call to 'g(_:times:)'")
        #expect(outputs[1].printedText.isEmpty)
        #expect(runPage([(1, "func g(_ x: Int, times: Int = 2) -> Int { x * times }"),
                         (5, "print(g(3), g(3, times: 3))")])[1].printedText == "6 9\n")
    }

    @Test func missingArgument() {
        #expect(failure("func f(a: Int, b: Int) -> Int { a + b }\nprint(f(a: 1))") == "page.md:2:7: error: missing argument for parameter 'b:' in call to 'f(a:b:)'")
    }

    @Test func extraArgument() {
        #expect(failure("func f(_ a: Int) -> Int { a }\nprint(f(1, 2))") == "page.md:2:12: error: extra argument #2 in call to 'f(_:)'")
    }

    @Test func unsupportedProtocol() {
        #expect(failure("let a = 1\n  protocol Shape {}") == "page.md:2:3: error: protocols are not supported in cells")
    }

    @Test func unsupportedClass() {
        #expect(failure("class Net {}") == "page.md:1:1: error: classes are not supported in cells")
    }

    @Test func unsupportedSwitch() {
        #expect(failure("let a = 1\nswitch a { default: break }") == "page.md:2:1: error: 'switch' statements are not supported in cells")
    }

    @Test func unsupportedImport() {
        #expect(failure("import Glibc") == "page.md:1:8: error: only 'import NetworkEngine' and 'import Foundation' are available in cells; no module 'Glibc'")
    }

    @Test func integerOverflow() {
        #expect(failure("var x = Int.max\nx = x + 1") == "page.md:2:7: error: arithmetic overflow: 9223372036854775807 + 1 does not fit in an Int")
    }

    @Test func divisionByZero() {
        #expect(failure("let zero = 0\nprint(10 / zero)") == "page.md:2:10: error: division by zero")
    }

    @Test func indexOutOfRange() {
        #expect(failure("let xs = [1, 2, 3]\nprint(xs[3])") == "page.md:2:9: error: index out of range: index 3 into an array of 3 elements")
    }

    @Test func nilUnwrapOfGradientBeforeBackward() {
        let code = """
        manualSeed(1)
        let layer = Linear(2, 1)
        print(layer.weight.grad!.abs().mean().item())
        """
        #expect(failure(code) == "page.md:3:24: error: unexpectedly found nil while unwrapping an Optional value ('grad' is nil until backward() reaches this tensor)")
    }

    @Test func shapeMismatchFromTheEngine() {
        let code = """
        let a = Tensor([[1.0, 2.0, 3.0]])
        let b = Tensor([[1.0, 2.0]])
        let c = a + b
        """
        let message = failure(code)
        #expect(message.hasPrefix("page.md:3:11: error: "))
        #expect(message.contains("[1, 3]") && message.contains("[1, 2]"))
    }

    @Test func linearInputMismatchFromTheEngine() {
        let message = failure("manualSeed(0)\nlet l = Linear(3, 2)\nlet y = l(Tensor([[1.0, 2.0]]))")
        #expect(message.hasPrefix("page.md:3:9: error: "))
    }

    @Test func callingANonFunction() {
        #expect(failure("let n = 3\nlet m = n(4)") == "page.md:2:9: error: cannot call value of non-function type 'Int'")
    }

    @Test func assigningToALetConstant() {
        #expect(failure("let n = 3\nn = 4") == "page.md:2:1: error: cannot assign to value: 'n' is a 'let' constant")
    }

    @Test func assigningToAPropertyInANonMutatingMethod() {
        let code = """
        struct C {
            var n = 0
            func bump() { n += 1 }
        }
        """
        #expect(failure(code) == "page.md:3:19: error: cannot assign to property: 'self' is immutable (mark the method 'mutating')")
    }

    @Test func missingMember() {
        #expect(failure("struct P { var x = 1 }\nprint(P().y)") == "page.md:2:11: error: value of type 'P' has no member 'y'")
    }

    @Test func moduleWithoutCallAsFunction() {
        #expect(failure("struct Net: Module {\n    var depth = 2\n}") == "page.md:1:8: error: type 'Net' does not conform to protocol 'Module': add 'func callAsFunction(_ input: Tensor) throws -> Tensor'")
    }

    @Test func typeMismatchInAnOperator() {
        #expect(failure("let s = \"a\"\nlet t = s * 2") == "page.md:2:11: error: binary operator '*' cannot be applied to operands of type 'String' and 'Int'")
    }

    @Test func nonBoolCondition() {
        #expect(failure("let n = 1\nif n { print(n) }") == "page.md:2:4: error: expected a Bool condition, found a value of type 'Int'")
    }

    @Test func guardMustExit() {
        #expect(failure("func f(_ x: Int?) {\n    guard let y = x else { print(1) }\n}") == "page.md:2:5: error: 'guard' body must not fall through, consider using a 'return' or 'break' to exit the scope")
    }

    @Test func infiniteLoopHitsTheStepBudget() {
        let output = runCell("var i = 0\nwhile true {\n    i += 1\n}", limits: ExecutionLimits(maxSteps: 100_000))
        #expect(output.error?.description.hasPrefix("page.md:") == true)
        #expect(output.error?.message.contains("step budget of 100000 steps") == true)
    }

    @Test func slowLoopHitsTheWallClockBudget() {
        let output = runCell("var i = 0\nwhile true {\n    i += 1\n}", limits: ExecutionLimits(maxSteps: .max, wallClock: .milliseconds(50)))
        #expect(output.error?.message.contains("time budget") == true)
        #expect(output.error?.location?.line == 2 || output.error?.location?.line == 3)
    }

    @Test func runawayRecursionIsStopped() {
        #expect(failure("func down(_ n: Int) -> Int { down(n + 1) }\nprint(down(0))").hasPrefix("page.md:1:30: error: too many nested calls"))
    }

    @Test func tensorElementCap() {
        let output = runCell("let big = Tensor.zeros(1000, 1000)", limits: ExecutionLimits(maxTensorElements: 10_000))
        #expect(output.error?.description == "page.md:1:18: error: a tensor of shape [1000, 1000] exceeds the page's limit of 10000 elements; raise it with 'limits: { tensor-elements: … }' in the page's front matter or '--limit tensor-elements=…'")
    }

    @Test func itemOfAManyElementTensor() {
        let message = failure("let t = Tensor([1.0, 2.0])\nprint(t.item())")
        #expect(message.hasPrefix("page.md:2:9: error: "))
    }

    @Test func backwardOnANonScalar() {
        let message = failure("manualSeed(0)\nlet l = Linear(2, 2)\nlet y = l(Tensor([[1.0, 2.0]]))\ny.backward()")
        #expect(message.hasPrefix("page.md:4:3: error: "))
    }

    @Test func printedTextBeforeAnErrorIsKept() {
        let output = runCell("print(\"before\")\nlet x = [1][5]")
        #expect(output.printedText == "before\n")
        #expect(output.error?.description == "page.md:2:12: error: index out of range: index 5 into an array of 1 element")
    }
}

@Suite struct ComputeBudgetTests {
    @Test func aHugeMatrixProductIsRefusedBeforeItRuns() {
        let output = runCell("let a = Tensor.zeros(3000, 3000)\nlet b = a.matmul(a)", limits: ExecutionLimits(maxTensorElements: 10_000_000))
        #expect(output.error?.description == "page.md:2:11: error: a matrix product of [3000, 3000] and [3000, 3000] is too large for the page's limit of 10000000 tensor elements; raise it with 'limits: { tensor-elements: … }' in the page's front matter or '--limit tensor-elements=…'")
    }
}
