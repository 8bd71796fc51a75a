import LessonCells
import LessonDocument
import LessonModel

extension ExecutedDocument {
    /// Runs `document`'s cells in page order in one session. An unexpected error stops the page
    /// (later cells stay `nil`), as a notebook stops at the first failing cell. The page's
    /// front matter `limits:` replace `limits`' defaults; limits from the command line stay.
    /// `finished` hears each cell's output as soon as the cell is done (a child process streams
    /// them, so a crash later loses nothing already produced).
    public static func execute(
        _ document: Document, limits: ExecutionLimits = .default, finished: (Int, CellOutput?) -> Void = { _, _ in }
    ) -> ExecutedDocument {
        let session = CellSession(limits: limits.forPage(document.frontMatter.limits))
        var outputs: [CellOutput?] = []
        var stopped = false
        for (index, cell) in document.cells.enumerated() {
            if stopped || cell.options.contains(.norun) {
                outputs.append(nil)
                finished(index, nil)
                continue
            }
            let output = session.run(CellSource(code: cell.code, location: cell.codeLocation))
            outputs.append(output)
            finished(index, output)
            if output.error != nil && !cell.options.contains(.error) { stopped = true }
        }
        return ExecutedDocument(document: document, outputs: outputs)
    }

    /// Runs the cells in the process `isolation` names: here, or in a child process that cannot
    /// take this one down (see `ChildExecution`).
    public static func execute(_ document: Document, limits: ExecutionLimits, isolation: PageIsolation) -> ExecutedDocument {
        switch isolation {
        case .inProcess: execute(document, limits: limits)
        case .childProcess(let executable): ChildExecution.execute(document, limits: limits, executable: executable)
        }
    }
}

/// Where a page's cells run.
public enum PageIsolation: Sendable, Hashable {
    /// In this process: what tests and library callers use.
    case inProcess
    /// In a child process running `executable` (the `lectern` binary) with the hidden
    /// `ChildExecution.subcommand`: a page that crashes by a signal becomes a located error and
    /// the other pages still report. What `check`, `bless` and `render` use.
    case childProcess(executable: String)
}
