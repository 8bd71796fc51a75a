import LessonDocument
import LessonExecution
import LessonModel
import Testing
@testable import LessonCheck

@Test func pagePassesWithItsPublishedNumbers() throws {
    let document = try parsePage(lessonPage)
    let result = PageCheck.check(executed(document, printed: ["", gradientLines]), tolerance: Tolerance())
    #expect(result.blocks.count == 1)
    #expect(result.passedCount == 1 && result.failedCount == 0)
    #expect(result.blocks[0].location == at(17, 1))
    #expect(result.blocks[0].cellIndex == 1)
    #expect(CheckSummary(pages: [result]).exitCode == 0)
}

@Test func perturbedDigitFailsWithThePageLocation() throws {
    let document = try parsePage(lessonPage)
    let produced = gradientLines.replacingOccurrences(of: "0.005049645435065031", with: "0.005049645435065031".replacingOccurrences(of: "5049", with: "5949"))
    let result = PageCheck.check(executed(document, printed: ["", produced]), tolerance: Tolerance())
    let mismatch = try #require(result.blocks.first?.mismatches.first)
    // Fifth line of the block (page line 22), the number at column 40.
    #expect(mismatch.location == at(22, 40))
    let summary = CheckSummary(pages: [result])
    #expect(summary.outcomeLine == "0 passed, 1 failed")
    #expect(summary.exitCode == 1)
}

@Test func frontMatterToleranceAppliesUnlessTheCommandLineGivesOne() throws {
    let page = lessonPage.replacingOccurrences(of: "title: Shortcut connections\n", with: "title: Shortcut connections\ntolerance: 1e-2\n")
    let document = try parsePage(page)
    let produced = gradientLines.replacingOccurrences(of: "0.0013988736318424344", with: "0.00140")
    let run = executed(document, printed: ["", produced])
    let fromPage = PageCheck.tolerance(for: document, relative: nil, absolute: nil, precisionAware: false)
    #expect(fromPage.relative == 1e-2)
    #expect(PageCheck.check(run, tolerance: fromPage).failedCount == 0)
    let fromCommandLine = PageCheck.tolerance(for: document, relative: 1e-6, absolute: nil, precisionAware: false)
    #expect(PageCheck.check(run, tolerance: fromCommandLine).failedCount == 1)
    let plain = try parsePage(lessonPage)
    #expect(PageCheck.tolerance(for: plain, relative: nil, absolute: nil, precisionAware: true).relative == 1e-5)
}

@Test func cellsWithoutAnOutputBlockAreNotChecked() throws {
    let document = try parsePage(lessonPage)
    let result = PageCheck.check(executed(document, printed: ["anything at all\n", gradientLines]), tolerance: Tolerance())
    #expect(result.blocks.map(\.cellIndex) == [1])
    #expect(result.passedCount == 1)
}

private let errorPage = """
    ```swift error
    let x = Tensor([[1.0, 2.0]]) + Tensor([[1.0, 2.0, 3.0]])
    ```

    ```output
    error: shapes [1, 2] and [1, 3] cannot be broadcast
    ```

    """

@Test func anErrorCellsMessageIsItsOutput() throws {
    let document = try parsePage(errorPage)
    let failure = Diagnostic.error("shapes [1, 2] and [1, 3] cannot be broadcast", at: at(2, 30))
    let run = ExecutedDocument(document: document, outputs: [CellOutput(items: [.error(failure)])])
    let result = PageCheck.check(run, tolerance: Tolerance())
    #expect(result.error == nil)
    #expect(result.passedCount == 1)
    #expect(result.blocks[0].produced == "error: shapes [1, 2] and [1, 3] cannot be broadcast\n")
}

@Test func anErrorCellThatFinishesFails() throws {
    let document = try parsePage(errorPage)
    let result = PageCheck.check(executed(document, printed: [""]), tolerance: Tolerance())
    let kinds = result.blocks.first?.mismatches.map(\.kind) ?? []
    #expect(kinds.first == .errorNotRaised)
    #expect(result.blocks.first?.mismatches.first?.location == at(2, 1))
}

@Test func anUnexpectedErrorStopsThePageWithItsLocation() throws {
    let document = try parsePage(lessonPage)
    let failure = Diagnostic.error("cannot find 'printGradients' in scope", at: at(14, 1))
    let run = ExecutedDocument(document: document, outputs: [CellOutput(), CellOutput(items: [.error(failure)])])
    let result = PageCheck.check(run, tolerance: Tolerance())
    #expect(result.error == failure)
    #expect(result.blocks.isEmpty)
    #expect(result.uncheckedBlocks == [at(17, 1)])
    #expect(CheckSummary(pages: [result]).exitCode == 2)
}

@Test func norunCellsAreNotChecked() throws {
    let document = try parsePage("```swift norun\nwhile true {}\n```\n\n```output\nnever\n```\n")
    let result = PageCheck.check(ExecutedDocument(document: document, outputs: [nil]), tolerance: Tolerance())
    #expect(result.blocks.isEmpty && result.uncheckedBlocks.isEmpty && result.error == nil)
}

@Test func exitCodeTakesTheWorstPage() throws {
    let passing = PageResult(path: "a.md", blocks: [BlockResult(cellIndex: 0, location: at(1, 1), produced: "", mismatches: [])])
    let failing = PageResult(path: "b.md", blocks: [BlockResult(
        cellIndex: 0, location: at(1, 1), produced: "", mismatches: [Mismatch(.errorNotRaised, at: at(1, 1))])])
    let broken = PageResult(path: "c.md", error: .error("the page is not valid UTF-8 text", at: at(3, 1, "c.md")))
    #expect(CheckSummary(pages: [passing]).exitCode == 0)
    #expect(CheckSummary(pages: [passing, failing]).exitCode == 1)
    #expect(CheckSummary(pages: [passing, failing, broken]).exitCode == 2)
    #expect(CheckSummary(pages: [passing, failing, broken]).outcomeLine == "1 passed, 1 failed")
}

@Test func anOutputBlocksOwnToleranceWinsOverFrontMatterAndCommandLine() throws {
    // The chapter's rounding noise: a mean of -5.9605e-08 published, 9.9341e-09 produced.
    let page = """
        ---
        tolerance: 1e-2
        ---
        ```swift
        print(mean)
        ```

        ```output atol=1e-7
        mean -5.9605e-08
        ```

        ```swift
        print(loss)
        ```

        ```output rtol=1e-6
        loss 1.0001
        ```

        """
    let document = try parsePage(page)
    let run = executed(document, printed: ["mean 9.9341e-09\n", "loss 1.0003\n"])
    let fromPage = PageCheck.tolerance(for: document, relative: nil, absolute: nil, precisionAware: true)
    let commandLine = PageCheck.tolerance(for: document, relative: 0.5, absolute: 0, precisionAware: true)
    for tolerance in [fromPage, commandLine] {
        let result = PageCheck.check(run, tolerance: tolerance)
        // atol=1e-7 passes the first block (no relative tolerance reaches a mean near 0); the
        // second block's rtol=1e-6 fails 1.0003 although 1e-2 and 0.5 would pass it.
        #expect(result.blocks.map(\.passed) == [true, false])
        #expect(result.blocks[1].mismatches.first?.location == at(17, 6))
    }
    // Without the block's atol, the first block fails.
    let plain = try parsePage(page.replacingOccurrences(of: "output atol=1e-7", with: "output"))
    #expect(PageCheck.check(executed(plain, printed: ["mean 9.9341e-09\n", "loss 1.0001\n"]), tolerance: fromPage).blocks.map(\.passed) == [false, true])
}
