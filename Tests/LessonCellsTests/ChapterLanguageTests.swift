import LessonCells
import LessonModel
import Testing

/// The Swift the chapter's pages are written in: `noGrad { }`, in-place tensor updates,
/// `formatted()`, `flatMap`, `String.enumerated()`, and a parameter update that cannot silently
/// do nothing. Error wording compared with swiftc 6.3 against the NetworkEngine library.
@Suite struct ChapterLanguageTests {
    @Test func noGradReturnsTheClosuresValueWithoutHistory() {
        let code = """
            let t = Tensor([1.0, 2.0]).requiresGrad_()
            let logits = noGrad { t * 2.0 }
            print(logits.requiresGrad, (t * 2.0).requiresGrad, noGrad { 3 }, logits)
            """
        #expect(printed(code) == "false true 3 tensor([2., 4.])\n")
    }

    @Test func inPlaceUpdatesChangeTheTensor() {
        let code = """
            let t = Tensor([1.0, 2.0, 3.0])
            try t.add_(Tensor([1.0, 1.0, 1.0]), alpha: 2)
            try t.sub_(1)
            try t.mul_(Tensor([1.0, 2.0, 0.5]))
            try t.div_(2)
            print(t)
            try t.maskedFill_(t.gt(1.5), -1)
            print(t, t.maskedFill(t.lt(0), 9))
            try t.fill_(7); print(t)
            try t.copy_(Tensor([1.0])); print(t)
            try t.zero_(); print(t)
            """
        #expect(printed(code) == """
            tensor([1., 3., 1.])
            tensor([ 1., -1.,  1.]) tensor([1., 9., 1.])
            tensor([7., 7., 7.])
            tensor([1., 1., 1.])
            tensor([0., 0., 0.])

            """)
    }

    @Test func aHandWrittenSGDStepIsSpelledWithSub_() {
        let code = """
            manualSeed(0)
            let model = Linear(2, 1)
            let lr = 0.5
            let before = model.weight.scalars
            let loss = model(Tensor([[1.0, 1.0]])).sum()
            loss.backward()
            for p in model.parameters() { noGrad { try p.sub_(p.grad!, alpha: lr) } }
            print(zip(before, model.weight.scalars).map { abs($0.0 - $0.1 - 0.5) < 1e-6 })
            """
        #expect(printed(code) == "[true, true]\n")
    }

    /// swiftc 6.3: "left side of mutating operator isn't mutable: 'x' is a 'let' constant" at the
    /// operator (for `let p` over tensors it reports the operand types instead; cells give the first).
    @Test func compoundAssignmentToALetIsSwiftsError() {
        #expect(failure("let x = 1\nx -= 1") == "page.md:2:3: error: left side of mutating operator isn't mutable: 'x' is a 'let' constant")
        #expect(failure("let model = Linear(2, 2)\nfor p in model.parameters() { p -= 0.1 * p.grad! }")
                == "page.md:2:33: error: left side of mutating operator isn't mutable: 'p' is a 'let' constant")
    }

    /// swiftc 6.3 on `for var p in model.parameters() { p -= lr * p.grad! }`:
    /// "binary operator '-=' cannot be applied to two 'Tensor' operands" (Tensor declares no `-=`).
    @Test func compoundAssignmentOnATensorVariableIsSwiftsError() {
        #expect(failure("let model = Linear(2, 2)\nfor var p in model.parameters() { p -= 0.1 * p }")
                == "page.md:2:37: error: binary operator '-=' cannot be applied to two 'Tensor' operands")
        #expect(failure("var t = Tensor([1.0])\nt += 1.0")
                == "page.md:2:3: error: binary operator '+=' cannot be applied to operands of type 'Tensor' and 'Double'")
        // A tensor subscript still writes in place.
        #expect(printed("let t = Tensor([1.0, 2.0])\nt[0] += 1\nprint(t)") == "tensor([2., 2.])\n")
    }

    @Test func formattedAsFoundationPrintsIt() {
        #expect(printed("print(163009536.formatted(), 8224.formatted(), (-5).formatted(), 3.25.formatted(), 1234567.891.formatted())")
                == "163,009,536 8,224 -5 3.25 1,234,567.891\n")
    }

    @Test func flatMapCompactMapAndStringSequences() {
        #expect(printed("print([[1, 2], [3]].flatMap { $0 }, [\"1\", \"x\", \"3\"].compactMap { Int($0) })") == "[1, 2, 3] [1, 3]\n")
        #expect(printed("for (i, c) in \"ab\".enumerated() { print(i, c) }\nprint(\"xy\".map { $0 + $0 })") == "0 a\n1 b\n[\"xx\", \"yy\"]\n")
    }

    @Test func stringFormatSpecifiers() {
        #expect(printed("print(String(format: \"%d %f %.4f %e %5.2f|%@\", 3, 1.5, 2.0, 12345.678, 3.14159, \"hi\"))")
                == "3 1.500000 2.0000 1.234568e+04  3.14|hi\n")
        // Foundation's %s takes a C string, not a Swift String (it prints nothing useful): %@ is the spelling.
        #expect(failure("print(String(format: \"%s\", \"hi\"))").contains("'%s' is not supported in String(format:); use %d, %f, %e, %g or %@"))
    }
}
