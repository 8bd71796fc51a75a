import LessonDocument
import LessonExecution
import LessonModel

/// Checks the `output` blocks of one executed page.
public enum PageCheck {
    /// The tolerance for `document`: `rtol` and `atol` given on the command line win, then the
    /// page's front-matter `tolerance`, then 1e-5. A block's own `rtol=`/`atol=` win over all of
    /// these (see `tolerance(_:for:)`).
    public static func tolerance(for document: Document, relative: Double?, absolute: Double?, precisionAware: Bool) -> Tolerance {
        Tolerance(
            relative: relative ?? document.frontMatter.tolerance ?? Tolerance.defaultRelative,
            absolute: absolute ?? 0,
            precisionAware: precisionAware)
    }

    /// `page` with what the block's info string states (`output atol=1e-7`) in place of each part
    /// it gives: the block is the most specific statement, so it wins over front matter and CLI.
    static func tolerance(_ page: Tolerance, for expected: ExpectedOutput) -> Tolerance {
        var tolerance = page
        if let relative = expected.relativeTolerance { tolerance.relative = relative }
        if let absolute = expected.absoluteTolerance { tolerance.absolute = absolute }
        return tolerance
    }

    /// Compares every cell that has an `output` block and ran. A `norun` cell's block is not
    /// checked (nothing produced it); blocks after an unexpected error are listed as unchecked.
    public static func check(_ executed: ExecutedDocument, tolerance: Tolerance) -> PageResult {
        let document = executed.document
        // The parser's warnings, then the run's own (a cache entry ignored).
        var result = PageResult(path: document.path, error: executed.firstUnexpectedError, warnings: document.diagnostics + executed.warnings)
        for (cell, output) in zip(document.cells, executed.outputs) {
            guard let expected = cell.expectedOutput else { continue }
            guard let output else {
                if !cell.options.contains(.norun) { result.uncheckedBlocks.append(fenceLocation(expected)) }
                continue
            }
            if output.error != nil, !cell.options.contains(.error) {
                result.uncheckedBlocks.append(fenceLocation(expected))
                continue
            }
            result.blocks.append(check(cell: cell, expected: expected, output: output, tolerance: tolerance))
        }
        return result
    }

    /// `tolerance` is the page's; the block's own options are applied here.
    static func check(cell: Cell, expected: ExpectedOutput, output: CellOutput, tolerance pageTolerance: Tolerance) -> BlockResult {
        let tolerance = tolerance(pageTolerance, for: expected)
        let produced = producedText(of: output, options: cell.options)
        var mismatches: [Mismatch] = []
        if cell.options.contains(.error), output.error == nil {
            mismatches.append(Mismatch(.errorNotRaised, at: cell.codeLocation))
        }
        mismatches += OutputComparison.compare(
            expected: expected.text, produced: produced, tolerance: tolerance, textLocation: expected.textLocation)
        return BlockResult(cellIndex: cell.index, location: fenceLocation(expected), produced: produced, mismatches: mismatches)
    }

    /// What the cell's `output` block should hold: what it printed, and for an `error` cell then
    /// its error as `error: message` (without the location, so a page can move or be copied).
    public static func producedText(of output: CellOutput, options: CellOptions) -> String {
        var text = output.printedText
        if options.contains(.error), let error = output.error {
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            text += "error: \(error.message)\n"
        }
        return text
    }

    static func fenceLocation(_ expected: ExpectedOutput) -> SourceLocation {
        var location = expected.textLocation
        location.line -= 1
        return location
    }
}
