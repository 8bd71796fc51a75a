import Foundation
import LessonDocument
import LessonExecution
import LessonModel
import Testing
@testable import LessonCheck

private let drifted = gradientLines.replacingOccurrences(of: "0.0007152040489017963", with: "0.0007252040489017963")

/// A page with two checked cells, prose between, CRLF-free, odd spacing kept on purpose.
private let twoCellPage = """
    ---
    title: Two cells   
    tolerance: 1e-5
    ---
    Intro with *emphasis*.


    ```swift hidden
    print("width 3")
    ```
    ```output
    width 4
    ```

    ```swift
    printGradients(model, sampleInput)
    ```

    ~~~~output
    \(gradientLines)~~~~
    Closing words, no final newline.
    """

private func bless(_ page: String, printed: [String?], options: Blessing.Options = .init()) throws -> BlessedPage {
    let document = try parsePage(page)
    return Blessing.bless(executed(document, printed: printed), tolerance: Tolerance(), options: options)
}

/// `page` with every byte range of `ranges` cut out.
private func outside(_ bytes: [UInt8], _ ranges: [Range<Int>]) -> [UInt8] {
    var kept: [UInt8] = []
    var position = 0
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
        kept += bytes[position..<range.lowerBound]
        position = range.upperBound
    }
    return kept + bytes[position...]
}

@Test func blessThenCheckPassesAndOnlyOutputBytesChange() throws {
    let printed = ["width 3\n", drifted]
    let blessed = try bless(twoCellPage, printed: printed)
    #expect(blessed.error == nil)
    #expect(blessed.changes.map(\.kind) == [.replaced, .replaced])
    let before = try parsePage(twoCellPage)
    let after = try parsePage(String(decoding: blessed.blessed, as: UTF8.self))
    #expect(after.cells.map { $0.expectedOutput?.text } == ["width 3\n", drifted])
    // Every byte outside the two output blocks' text is the original's, in order.
    let oldRanges = before.cells.compactMap { $0.expectedOutput?.textByteRange }
    let newRanges = after.cells.compactMap { $0.expectedOutput?.textByteRange }
    #expect(outside(blessed.blessed, newRanges) == outside(before.source, oldRanges))
    // And the blessed page checks clean.
    let result = PageCheck.check(executed(after, printed: printed), tolerance: Tolerance(precisionAware: false))
    #expect(result.passedCount == 2 && result.failedCount == 0)
}

@Test func matchingOutputsKeepTheirPublishedDigits() throws {
    // 0.0002 is a rounding of what the cell prints; it matches, so bless leaves it.
    let page = "```swift\nprint(x)\n```\n\n```output\nmean 0.0002\n```\n"
    let blessed = try bless(page, printed: ["mean 0.00020173587836325169\n"])
    #expect(blessed.changes.isEmpty)
    #expect(blessed.blessed == Array(page.utf8))
    #expect(blessed.summaryLine() == "lesson.md: up to date")
    let forced = try bless(page, printed: ["mean 0.00020173587836325169\n"], options: .init(force: true))
    #expect(String(decoding: forced.blessed, as: UTF8.self) == "```swift\nprint(x)\n```\n\n```output\nmean 0.00020173587836325169\n```\n")
}

@Test func addWritesABlockAfterACellThatPrints() throws {
    let page = "# T\n\n```swift\nprint(1)\n```\nAfter.\n\n```swift\nlet quiet = 1\n```"
    let plain = try bless(page, printed: ["1\n", ""])
    #expect(plain.changes.isEmpty)
    let added = try bless(page, printed: ["1\n```\n", ""], options: .init(add: true))
    #expect(added.changes.map(\.kind) == [.added])
    let text = String(decoding: added.blessed, as: UTF8.self)
    #expect(text == "# T\n\n```swift\nprint(1)\n```\n\n````output\n1\n```\n````\nAfter.\n\n```swift\nlet quiet = 1\n```")
    let reparsed = try parsePage(text)
    #expect(reparsed.cells[0].expectedOutput?.text == "1\n```\n")
}

@Test func addAtTheEndOfAPageWithoutFinalNewline() throws {
    let added = try bless("```swift\nprint(2)\n```", printed: ["2\n"], options: .init(add: true))
    #expect(String(decoding: added.blessed, as: UTF8.self) == "```swift\nprint(2)\n```\n\n```output\n2\n```\n")
}

@Test func indentedAndCRLFBlocksKeepTheirSpelling() throws {
    let page = "Intro\r\n\r\n  ```swift\r\n  print(1)\r\n  ```\r\n\r\n  ```output\r\n  0\r\n\r\n  ```\r\n"
    let blessed = try bless(page, printed: ["1\n\nz\n"])
    #expect(String(decoding: blessed.blessed, as: UTF8.self)
        == "Intro\r\n\r\n  ```swift\r\n  print(1)\r\n  ```\r\n\r\n  ```output\r\n  1\r\n\r\n  z\r\n  ```\r\n")
    #expect(try parsePage(String(decoding: blessed.blessed, as: UTF8.self)).cells[0].expectedOutput?.text == "1\n\nz\n")
    #expect(BlessDiff.render(blessed) == "--- lesson.md\n+++ lesson.md (blessed)\n@@ -8,2 +8,3 @@\n-  0\n+  1\n \n+  z\n")
}

@Test func aPageWhoseCellsFailIsNotBlessed() throws {
    let document = try parsePage(twoCellPage)
    let failure = Diagnostic.error("cannot find 'model' in scope", at: at(16, 16))
    let run = ExecutedDocument(document: document, outputs: [CellOutput(items: [.text("width 3\n")]), CellOutput(items: [.error(failure)])])
    let blessed = Blessing.bless(run, tolerance: Tolerance(), options: .init(add: true, force: true))
    #expect(blessed.error == failure)
    #expect(blessed.changes.isEmpty)
    #expect(blessed.summaryLine() == "lesson.md:16:16: error: cannot find 'model' in scope (page not written)")
}

@Test func anErrorCellThatFinishesIsNotBlessed() throws {
    let blessed = try bless("```swift error\nlet x = 1\n```\n\n```output\nerror: boom\n```\n", printed: [""])
    #expect(blessed.error?.location == at(2, 1))
    #expect(blessed.changes.isEmpty)
}

@Test func outputThatWouldCloseTheFenceIsRefused() throws {
    let blessed = try bless("```swift\nprint(s)\n```\n\n```output\nold\n```\n", printed: ["a\n  ````  \nb\n"])
    #expect(blessed.error?.location == at(5, 1))
    #expect(blessed.error?.message.contains("lengthen the fence") == true)
    #expect(blessed.changes.isEmpty)
}

@Test func dryRunDiffShowsTheChangedLines() throws {
    let blessed = try bless(twoCellPage, printed: ["width 3\n", drifted])
    #expect(BlessDiff.render(blessed) == """
        --- lesson.md
        +++ lesson.md (blessed)
        @@ -12,1 +12,1 @@
        -width 4
        +width 3
        @@ -21,3 +21,3 @@
         layers.1.0.weight has gradient mean of 0.00012011159560643137
        -layers.2.0.weight has gradient mean of 0.0007152040489017963
        +layers.2.0.weight has gradient mean of 0.0007252040489017963
         layers.3.0.weight has gradient mean of 0.0013988736318424344

        """)
    #expect(BlessDiff.render(try bless(twoCellPage, printed: ["width 4\n", gradientLines])) == "")
}

@Test func atomicWriteReplacesAndCreateRefusesToOverwrite() throws {
    let scratch = try ScratchFolder()
    let path = try scratch.write("page.md", "old\n")
    try AtomicFile.write(Array("new\n".utf8), to: path)
    #expect(try scratch.read("page.md") == "new\n")
    #expect(throws: Diagnostic.self) { try AtomicFile.create(Array("other\n".utf8), at: path) }
    #expect(try scratch.read("page.md") == "new\n")
    try AtomicFile.create(Array("fresh\n".utf8), at: scratch.path + "/fresh.md")
    #expect(try scratch.read("fresh.md") == "fresh\n")
    // No temporary files left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["fresh.md", "page.md"])
}

@Test func writeSkipsPagesWithErrorsOrNoChanges() throws {
    let scratch = try ScratchFolder()
    let path = try scratch.write("page.md", twoCellPage)
    let document = try Document.load(path: path)
    var failing = Blessing.bless(executed(document, printed: ["width 3\n", drifted]), tolerance: Tolerance(), options: .init())
    #expect(!failing.changes.isEmpty)
    failing.error = .error("a cell failed", at: nil)
    #expect(BlessRun.write([failing]).isEmpty)
    #expect(try scratch.read("page.md") == twoCellPage)
    failing.error = nil
    #expect(BlessRun.write([failing]).isEmpty)
    #expect(try scratch.read("page.md") == String(decoding: failing.blessed, as: UTF8.self))
}

@Test func anUnclosedOutputBlockIsNotRewritten() throws {
    let page = "```swift\nprint(1)\n```\n\n```output\n0\n\nProse the author meant to keep.\n"
    let blessed = try bless(page, printed: ["1\n"])
    #expect(blessed.error?.message.contains("never closed") == true)
    #expect(blessed.changes.isEmpty)
}

@Test func addingAfterAnUnclosedCellIsRefused() throws {
    let blessed = try bless("```swift\nprint(1)\n", printed: ["1\n"], options: .init(add: true))
    #expect(blessed.error?.message.contains("would not read back") == true)
    #expect(blessed.changes.isEmpty)
}

@Test func blessKeepsPublishedNumbersThatStillMatch() throws {
    // PyTorch 2.15's digits differ from the published ones within tolerance; one line really moved,
    // and one line is new.
    let published = "a 0.00020173587836325169 b 0.5\nc 0.0001201116101583466\nd 3\n"
    let produced = "a 0.00020173586381133646 b 0.7\nc 0.00012011159560643137\nd 3\ne 4\n"
    let page = "```swift\nshow()\n```\n\n```output\n\(published)```\n"
    let blessed = try bless(page, printed: [produced])
    let text = try parsePage(String(decoding: blessed.blessed, as: UTF8.self)).cells[0].expectedOutput?.text
    #expect(text == "a 0.00020173587836325169 b 0.7\nc 0.0001201116101583466\nd 3\ne 4\n")
    let forced = try bless(page, printed: [produced], options: .init(force: true))
    #expect(try parsePage(String(decoding: forced.blessed, as: UTF8.self)).cells[0].expectedOutput?.text == produced)
    let document = try parsePage(String(decoding: blessed.blessed, as: UTF8.self))
    #expect(PageCheck.check(executed(document, printed: [produced]), tolerance: Tolerance()).failedCount == 0)
}

@Test func mergeKeepsMatchingLinesAroundMissingOnes() {
    let merged = OutputMerge.merge(expected: "x 1.0\ngone\ny 2.0\n", produced: "x 1.000001\ny 2.000001\nnew 1\nnew 2\n", tolerance: Tolerance())
    #expect(merged == "x 1.0\ny 2.0\nnew 1\nnew 2\n")
}

@Test func dryRunDiffIsLineLevelWithContext() throws {
    let page = "```swift\nshow()\n```\n\n```output\na 1\nb 2\nc 3\nd 4\ne 5\nf 6\ng 7\n```\n"
    let blessed = try bless(page, printed: ["a 1\nb 2\nc 9\nd 4\ne 5\nf 6\ng 7\nh 8\n"])
    #expect(BlessDiff.render(blessed) == """
        --- lesson.md
        +++ lesson.md (blessed)
        @@ -7,3 +7,3 @@
         b 2
        -c 3
        +c 9
         d 4
        @@ -12,1 +12,2 @@
         g 7
        +h 8

        """)
    // Changes whose context touches share one hunk, as in `diff -u`.
    let close = try bless(page, printed: ["a 1\nb 2\nc 9\nd 4\ne 0\nf 6\ng 7\n"])
    #expect(BlessDiff.render(close).split(separator: "\n").filter { $0.hasPrefix("@@") } == ["@@ -7,5 +7,5 @@"])
}

@Test func anEmptyOutputBlockIsFilled() throws {
    let blessed = try bless("```swift\nprint(1)\n```\n\n```output\n```\nAfter.\n", printed: ["1\n2\n"])
    #expect(String(decoding: blessed.blessed, as: UTF8.self) == "```swift\nprint(1)\n```\n\n```output\n1\n2\n```\nAfter.\n")
    #expect(BlessDiff.render(blessed) == "--- lesson.md\n+++ lesson.md (blessed)\n@@ -5,0 +6,2 @@\n+1\n+2\n")
}

@Test func blessKeepsAnOutputBlocksInfoString() throws {
    let page = "```swift\nprint(x)\n```\n\n```output  atol=1 rtol=0\nx 1000.0\ny 2\n```\n"
    let blessed = try bless(page, printed: ["x 1000.5\ny 3\n"])
    #expect(blessed.error == nil)
    // 1000.5 is within the block's atol=1 (not the default rtol), so it keeps its published
    // spelling; only y changes, and the info string stays as written.
    #expect(String(decoding: blessed.blessed, as: UTF8.self) == "```swift\nprint(x)\n```\n\n```output  atol=1 rtol=0\nx 1000.0\ny 3\n```\n")
    let forced = try bless(page, printed: ["x 1000.5\ny 3\n"], options: .init(force: true))
    #expect(String(decoding: forced.blessed, as: UTF8.self) == "```swift\nprint(x)\n```\n\n```output  atol=1 rtol=0\nx 1000.5\ny 3\n```\n")
}
