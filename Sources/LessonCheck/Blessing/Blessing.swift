import LessonDocument
import LessonExecution
import LessonModel

/// `bless`: writes what cells produce into their `output` blocks, touching only those bytes.
/// Only blocks that fail the check change, and within them published lines and numbers that still
/// match are kept (see `OutputMerge`), unless `force` asks for the produced text verbatim.
public enum Blessing {
    public struct Options: Sendable {
        /// Add an `output` block after a cell that prints but has none.
        public var add: Bool
        /// Rewrite every block with exactly what its cell produced, matching or not (the published
        /// digits are lost).
        public var force: Bool

        public init(add: Bool = false, force: Bool = false) {
            self.add = add
            self.force = force
        }
    }

    /// What blessing `executed` would change. A page with a cell that fails (an unexpected error,
    /// or an `error` cell that finished) gets an error and no changes: bless never writes it.
    public static func bless(_ executed: ExecutedDocument, tolerance: Tolerance, options: Options) -> BlessedPage {
        var page = BlessedPage(path: executed.document.path, original: executed.document.source)
        do {
            let (changes, written) = try changes(executed, tolerance: tolerance, options: options)
            page.changes = changes
            try verify(page, against: executed.document, written: written)
        } catch {
            page.error = error
            page.changes = []
        }
        return page
    }

    /// The changes in page order, and the output text each changed block now holds (by cell index).
    private static func changes(
        _ executed: ExecutedDocument, tolerance: Tolerance, options: Options
    ) throws(Diagnostic) -> ([BlessChange], [Int: String]) {
        if let error = executed.firstUnexpectedError { throw error }
        let document = executed.document
        let lineEnding = PageText.lineEnding(of: document.source)
        var changes: [BlessChange] = []
        var written: [Int: String] = [:]
        for (cell, output) in zip(document.cells, executed.outputs) {
            guard let output else { continue }
            if cell.options.contains(.error), output.error == nil {
                throw .error("this cell has the 'error' option but finished without an error", at: cell.codeLocation)
            }
            let produced = PageCheck.producedText(of: output, options: cell.options)
            if let expected = cell.expectedOutput {
                let check = PageCheck.check(cell: cell, expected: expected, output: output, tolerance: tolerance)
                guard options.force || !check.passed else { continue }
                let text = options.force ? produced : OutputMerge.merge(
                    expected: expected.text, produced: produced, tolerance: PageCheck.tolerance(tolerance, for: expected))
                if let change = try replacement(for: expected, of: cell, with: text, in: document, lineEnding: lineEnding) {
                    changes.append(change)
                    written[cell.index] = text
                }
            } else if options.add, !produced.isEmpty {
                changes.append(addition(after: cell, produced: produced, in: document, lineEnding: lineEnding))
                written[cell.index] = produced
            }
        }
        return (changes, written)
    }

    /// Reparses the blessed page: the same cells with the same code, and each rewritten block now
    /// reading back as what its cell produced. Text that would change the page's structure (a
    /// line read as a fence, say) is refused rather than written.
    private static func verify(_ page: BlessedPage, against document: Document, written: [Int: String]) throws(Diagnostic) {
        guard !page.changes.isEmpty else { return }
        let reparsed: Document
        do {
            reparsed = try Document.parse(path: page.path, contents: page.blessed)
        } catch {
            throw .error("blessing would leave a page that does not parse (\(error.message)); not written", at: page.changes[0].location)
        }
        let sameCells = reparsed.cells.count == document.cells.count
            && zip(reparsed.cells, document.cells).allSatisfy { $0.code == $1.code && $0.options == $1.options }
        for change in page.changes {
            let readBack = sameCells ? reparsed.cells[change.cellIndex].expectedOutput?.text : nil
            guard let readBack, PrintedLine.lines(of: readBack).map(\.text) == PrintedLine.lines(of: written[change.cellIndex] ?? "").map(\.text) else {
                throw .error("the produced output would not read back as this cell's output block; not written", at: change.location)
            }
        }
    }

    /// `text` in place of the block's text, or `nil` when the bytes would not change.
    private static func replacement(
        for expected: ExpectedOutput, of cell: Cell, with text: String, in document: Document, lineEnding: String
    ) throws(Diagnostic) -> BlessChange? {
        // An unclosed block runs to the end of the page: rewriting it would swallow what follows.
        if expected.textByteRange.upperBound == expected.byteRange.upperBound {
            throw .error("this output block's fence is never closed; close it before blessing", at: PageCheck.fenceLocation(expected))
        }
        let fence = PageText.Fence(expected.fence)
        if let line = fence.closingLine(in: text) {
            throw .error(
                "cell \(cell.index + 1) prints '\(line)', which would close this output block's fence; lengthen the fence to bless it",
                at: PageCheck.fenceLocation(expected))
        }
        let replacement = Array(PageText.blockText(text, indent: fence.indent, lineEnding: lineEnding).utf8)
        guard replacement != Array(document.source[expected.textByteRange]) else { return nil }
        return BlessChange(
            kind: .replaced, cellIndex: cell.index, byteRange: expected.textByteRange, replacement: replacement,
            location: PageCheck.fenceLocation(expected))
    }

    /// A new block right after the cell's closing fence, separated by a blank line, with a fence
    /// longer than any backtick run that starts a produced line.
    private static func addition(after cell: Cell, produced: String, in document: Document, lineEnding: String) -> BlessChange {
        let source = document.source
        let indent = source[cell.byteRange].prefix { $0 == UInt8(ascii: " ") }.count
        let fence = String(repeating: " ", count: indent) + PageText.Fence.backticks(longerThanRunsIn: produced)
        var text = ""
        if let last = source[cell.byteRange].last, last != UInt8(ascii: "\n"), last != UInt8(ascii: "\r") { text += lineEnding }
        text += lineEnding + fence + "output" + lineEnding
        text += PageText.blockText(produced, indent: indent, lineEnding: lineEnding)
        text += fence + lineEnding
        let location = SourceLocation(file: document.path, line: cell.codeLocation.line - 1, column: indent + 1)
        let end = cell.byteRange.upperBound
        return BlessChange(kind: .added, cellIndex: cell.index, byteRange: end..<end, replacement: Array(text.utf8), location: location)
    }
}
