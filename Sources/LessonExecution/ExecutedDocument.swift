import LessonDocument
import LessonModel

/// A document after its cells ran: one entry per cell, in page order.
public struct ExecutedDocument: Sendable {
    public var document: Document
    /// `outputs[i]` belongs to `document.cells[i]`; `nil` for a cell that did not run
    /// (`norun`, or after an unexpected error stopped the page).
    public var outputs: [CellOutput?]
    /// What the run said about itself rather than about a cell (a cache entry ignored or not
    /// written), kept with the page so pages run in parallel report in page order.
    public var warnings: [Diagnostic] = []

    public init(document: Document, outputs: [CellOutput?], warnings: [Diagnostic] = []) {
        self.document = document
        self.outputs = outputs
        self.warnings = warnings
    }

    /// The first error that a cell was not expected to raise.
    public var firstUnexpectedError: Diagnostic? {
        for (cell, output) in zip(document.cells, outputs) {
            if let error = output?.error, !cell.options.contains(.error) { return error }
        }
        return nil
    }
}
