import LessonDocument
import LessonExecution
import LessonModel

/// How one report format spells each piece of an executed page. The walk decides what a reader
/// sees and in which order; a spelling only decides how it looks (HTML or Markdown).
protocol ReportSpelling {
    /// `navigation` is nil for a report outside a render (a preview, a test): no chapter links.
    mutating func beginPage(_ page: PageHeading, outline: PageOutline, navigation: ReportNavigation?)
    /// `run`: the prose as parsed once for every format of the render (`PageOutline`).
    mutating func prose(_ prose: Prose, run: PageOutline.Run)
    mutating func beginCell(_ cell: Cell)
    /// The cell's source; never called for `hidden` cells.
    mutating func code(_ cell: Cell)
    mutating func printed(_ text: String)
    mutating func warning(_ message: String, cell: Cell)
    mutating func gradientTable(_ table: GradientTable)
    /// `number` counts the page's charts from 1, in page order (the Markdown report's file names).
    mutating func chart(_ chart: Chart, number: Int)
    /// `expected` when the cell is marked `error`: the error is what the cell is meant to show.
    mutating func error(_ diagnostic: Diagnostic, expected: Bool)
    mutating func notRun(_ cell: Cell, reason: NotRunReason)
    mutating func endCell(_ cell: Cell)
    mutating func endPage()
}

enum NotRunReason: Equatable {
    /// The page marks the cell `norun`.
    case norun
    /// An earlier cell failed unexpectedly, which stops the page.
    case stoppedByEarlierError
}

/// The one walk of an executed page that both report formats share.
enum ReportWalk {
    static func walk<Spelling: ReportSpelling>(
        _ executed: ExecutedDocument, navigation: ReportNavigation?, page: PageHeading, outline: PageOutline,
        into spelling: inout Spelling
    ) {
        let document = executed.document
        spelling.beginPage(page, outline: outline, navigation: navigation)
        var proseIndex = 0
        var cellIndex = 0
        var chartNumber = 0
        for block in document.blocks {
            switch block {
            case .prose(let prose):
                // The outline was built from this document: one run per prose block.
                spelling.prose(prose, run: outline.runs[proseIndex])
                proseIndex += 1
            case .cell(let cell):
                let output = cellIndex < executed.outputs.count ? executed.outputs[cellIndex] : nil
                cellIndex += 1
                spelling.beginCell(cell)
                if !cell.options.contains(.hidden) { spelling.code(cell) }
                guard let output else {
                    spelling.notRun(cell, reason: cell.options.contains(.norun) ? .norun : .stoppedByEarlierError)
                    spelling.endCell(cell)
                    continue
                }
                for item in output.items {
                    switch item {
                    case .text(let text): spelling.printed(text)
                    case .warning(let message): spelling.warning(message, cell: cell)
                    case .figure(.gradientTable(let table)): spelling.gradientTable(table)
                    case .figure(.chart(let chart)):
                        chartNumber += 1
                        spelling.chart(chart, number: chartNumber)
                    case .error(let diagnostic): spelling.error(diagnostic, expected: cell.options.contains(.error))
                    }
                }
                spelling.endCell(cell)
            }
        }
        spelling.endPage()
    }
}
