import LessonCells
import LessonModel
import Testing

/// `try?` and `try!` in cells: `try?` gives nil when the engine throws (an Optional otherwise);
/// `try!` stops the cell with the located error a plain `try` gives. Traps and budgets are not
/// thrown errors, so `try?` does not turn them into nil, as in Swift.
@Suite struct TryTests {
    @Test func tryQuestionMarkGivesNilWhenTheEngineThrows() {
        let code = """
            let x = Tensor([1.0, 2.0, 3.0])
            let bad = try? x.reshape(2, 2)
            let good = try? x.reshape(3, 1)
            print(bad == nil, good!.shape, (try? x.sum())!.item(), try? Int("4"))
            func flat(_ t: Tensor) -> Tensor { try t.reshape(4) }
            print(try? flat(x))
            """
        #expect(printed(code) == "true [3, 1] 6.0 Optional(4)\nnil\n")
    }

    @Test func tryQuestionMarkLeavesTrapsAndBudgetsAlone() {
        #expect(failure("let xs = [1]\nlet y = try? xs[3]").contains("error: index out of range: index 3 into an array of 1 element"))
        #expect(failure("let xs: [Int]? = nil\nlet n = try? xs!.count").contains("error: unexpectedly found nil while unwrapping an Optional value"))
    }

    @Test func tryBangStopsTheCellAsAPlainTryDoes() {
        let plain = failure("let x = Tensor([1.0, 2.0, 3.0])\nlet y = try x.reshape(2, 2)")
        let forced = failure("let x = Tensor([1.0, 2.0, 3.0])\nlet y = try! x.reshape(2, 2)")
        #expect(plain.hasPrefix("page.md:2:15: error: shape '[2, 2]' is invalid for input of size 3"))
        #expect(forced == plain.replacingOccurrences(of: "page.md:2:15:", with: "page.md:2:16:"))
        #expect(printed("let x = Tensor([1.0, 2.0])\nprint(try! x.sum().item())") == "3.0\n")
    }
}
