import LessonCells
import LessonModel
import Testing

/// Runs cells as a page would: each cell starts on the line given (column 1 of `page.md`).
func runPage(_ cells: [(line: Int, code: String)], limits: ExecutionLimits = .default) -> [CellOutput] {
    let session = CellSession(limits: limits)
    return cells.map { session.run(CellSource(code: $0.code, location: SourceLocation(file: "page.md", line: $0.line, column: 1))) }
}

/// One cell starting at line 1 of `page.md`.
func runCell(_ code: String, limits: ExecutionLimits = .default) -> CellOutput {
    runPage([(1, code)], limits: limits)[0]
}

/// What one cell printed; records an issue if it failed.
func printed(_ code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    let output = runCell(code)
    if let error = output.error { Issue.record("cell failed: \(error)", sourceLocation: sourceLocation) }
    return output.printedText
}

/// The error a cell stopped with, as `page.md:LINE:COL: error: message`.
func failure(_ code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    let output = runCell(code)
    guard let error = output.error else {
        Issue.record("cell did not fail; printed \(output.printedText)", sourceLocation: sourceLocation)
        return ""
    }
    return error.description
}
