import LessonDocument
import LessonExecution
import LessonModel

/// How one report format spells each piece of an executed page. The walk decides what a reader
/// sees and in which order; a spelling only decides how it looks (HTML or Markdown).
protocol ReportSpelling {
    mutating func beginPage(_ page: PageHeading)
    mutating func prose(_ prose: Prose)
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
    static func walk<Spelling: ReportSpelling>(_ executed: ExecutedDocument, name: String, into spelling: inout Spelling) {
        let document = executed.document
        spelling.beginPage(PageHeading(document, name: name))
        var cellIndex = 0
        var chartNumber = 0
        for block in document.blocks {
            switch block {
            case .prose(let prose):
                spelling.prose(prose)
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

/// What a report calls its page, and whether the page already opens with its own heading.
struct PageHeading {
    /// The front matter's title, else the first top-level heading, else the file name.
    var title: String
    /// True when the first prose block starts with a level-1 heading, so the report adds none.
    var pageOpensWithHeading: Bool

    init(_ document: Document, name: String) {
        var firstProse: String?
        if case .prose(let prose)? = document.blocks.first { firstProse = prose.markdown }
        pageOpensWithHeading = firstProse.map { Self.atxHeadingText(String(Self.firstLine(of: $0))) != nil } ?? false
        if let title = document.frontMatter.title {
            self.title = title
            return
        }
        let firstHeading = document.blocks.lazy.compactMap { block -> String? in
            guard case .prose(let prose) = block else { return nil }
            return Self.levelOneHeading(in: prose.markdown)
        }.first
        title = firstHeading ?? name
    }

    /// Lines split on `\n` bytes: Swift treats `\r\n` as one Character, so a Character search
    /// for `\n` would miss Windows line endings.
    private static func firstLine(of text: String) -> Substring {
        let end = text.utf8.firstIndex(of: UInt8(ascii: "\n")) ?? text.utf8.endIndex
        return Substring(text.utf8[..<end])
    }

    static func levelOneHeading(in markdown: String) -> String? {
        for line in markdown.utf8.split(separator: UInt8(ascii: "\n")) where line.first == UInt8(ascii: "#") || line.first == UInt8(ascii: " ") {
            if let text = atxHeadingText(String(decoding: line, as: UTF8.self)) { return text }
        }
        return nil
    }

    /// `# Title #` as `Title` (a closing run of `#` counts only after a space, so `# C#` keeps its `#`).
    static func atxHeadingText(_ line: String) -> String? {
        var text = Substring(line)
        var indent = 0
        while text.first == " ", indent < 3 { text = text.dropFirst(); indent += 1 }
        guard text.hasPrefix("# ") || text.hasPrefix("#\t") else { return nil }
        text = text.dropFirst(2)
        text = trimmed(text)
        let withoutClosingRun = text.reversed().drop { $0 == "#" }
        if withoutClosingRun.isEmpty {
            text = ""
        } else if withoutClosingRun.first == " " || withoutClosingRun.first == "\t" {
            text = trimmed(text.dropLast(text.count - withoutClosingRun.count))
        }
        return text.isEmpty ? nil : String(text)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" || last == "\n" { text = text.dropLast() }
        return text
    }
}
