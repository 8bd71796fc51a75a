import LessonCells
import LessonDocument
import LessonModel

extension ExecutedDocument {
    /// Runs `document`'s cells in page order in one session. An unexpected error stops the page
    /// (later cells stay `nil`), as a notebook stops at the first failing cell. The page's
    /// front matter `limits:` replace `limits`' defaults; limits from the command line stay.
    public static func execute(_ document: Document, limits: ExecutionLimits = .default) -> ExecutedDocument {
        let session = CellSession(limits: limits.forPage(document.frontMatter.limits))
        var outputs: [CellOutput?] = []
        var stopped = false
        for cell in document.cells {
            if stopped || cell.options.contains(.norun) {
                outputs.append(nil)
                continue
            }
            let output = session.run(CellSource(code: cell.code, location: cell.codeLocation))
            outputs.append(output)
            if output.error != nil && !cell.options.contains(.error) { stopped = true }
        }
        return ExecutedDocument(document: document, outputs: outputs)
    }
}
