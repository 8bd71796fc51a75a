import LessonDocument
import LessonModel

/// A document after its cells ran: one entry per cell, in page order.
public struct ExecutedDocument: Sendable {
    public var document: Document
    /// `outputs[i]` belongs to `document.cells[i]`; `nil` for a cell that did not run
    /// (`norun`, or after an unexpected error stopped the page).
    public var outputs: [CellOutput?]

    public init(document: Document, outputs: [CellOutput?]) {
        self.document = document
        self.outputs = outputs
    }

    /// The first error that a cell was not expected to raise.
    public var firstUnexpectedError: Diagnostic? {
        for (cell, output) in zip(document.cells, outputs) {
            if let error = output?.error, !cell.options.contains(.error) { return error }
        }
        return nil
    }
}
