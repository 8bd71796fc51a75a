import LessonDocument
import LessonExecution
import LessonModel

/// `bless`: writes what cells produce into their `output` blocks, touching only those bytes.
public enum Blessing {
    public struct Options: Sendable {
        /// Add an `output` block after a cell that prints but has none.
        public var add: Bool
        /// Rewrite blocks that already match within tolerance (their published digits are lost).
        public var force: Bool

        public init(add: Bool = false, force: Bool = false) {
            self.add = add
            self.force = force
        }
    }

    /// What blessing `executed` would change. A page with a cell that fails (an unexpected error,
    /// or an `error` cell that finished) gets an error and no changes: bless never writes it.
    public static func bless(_ executed: ExecutedDocument, tolerance: Tolerance, options: Options) -> BlessedPage {
        let document = executed.document
        var page = BlessedPage(path: document.path, original: document.source)
        if let error = executed.firstUnexpectedError {
            page.error = error
            return page
        }
        let lineEnding = PageText.lineEnding(of: document.source)
        for (cell, output) in zip(document.cells, executed.outputs) {
            guard let output else { continue }
            let produced = PageCheck.producedText(of: output, options: cell.options)
            if cell.options.contains(.error), output.error == nil {
                page.error = .error("this cell has the 'error' option but finished without an error", at: cell.codeLocation)
                page.changes = []
                return page
            }
            do {
                if let expected = cell.expectedOutput {
                    if let change = try replacement(for: expected, of: cell, output: output, produced: produced, in: document,
                                                    tolerance: tolerance, force: options.force, lineEnding: lineEnding) {
                        page.changes.append(change)
                    }
                } else if options.add, !produced.isEmpty {
                    page.changes.append(addition(after: cell, produced: produced, in: document, lineEnding: lineEnding))
                }
            } catch {
                page.error = error
                page.changes = []
                return page
            }
        }
        return page
    }

    private static func replacement(
        for expected: ExpectedOutput, of cell: Cell, output: CellOutput, produced: String, in document: Document,
        tolerance: Tolerance, force: Bool, lineEnding: String
    ) throws(Diagnostic) -> BlessChange? {
        let check = PageCheck.check(cell: cell, expected: expected, output: output, tolerance: tolerance)
        guard force || !check.passed else { return nil }
        let fence = PageText.Fence(expected.fence)
        if let line = fence.closingLine(in: produced) {
            throw .error(
                "cell \(cell.index + 1) prints '\(line)', which would close this output block's fence; lengthen the fence to bless it",
                at: PageCheck.fenceLocation(expected))
        }
        let replacement = Array(PageText.blockText(produced, indent: fence.indent, lineEnding: lineEnding).utf8)
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
