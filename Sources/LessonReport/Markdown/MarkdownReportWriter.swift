import LessonDocument
import LessonModel

/// The GitHub-flavoured Markdown spelling: prose as the author wrote it, cells as `swift`
/// fences, printed output as `text` fences, tables as pipe tables, charts as image links to
/// SVG files beside the report.
struct MarkdownReportWriter: ReportSpelling {
    /// The report's name: charts are linked as `<name>/figure-N.svg`.
    let name: String
    private(set) var markdown = ""
    /// The SVG files the report links to, as (file name, contents), in page order.
    private(set) var figures: [(fileName: String, svg: String)] = []

    init(name: String) {
        self.name = name
        markdown.reserveCapacity(32 * 1024)
    }

    private mutating func block(_ text: String) {
        if !markdown.isEmpty { markdown += "\n" }
        markdown += text.endingWithNewline
    }

    /// The list of sections, waiting for the page's own `# Title` line to be written.
    private var pendingSections: String?
    private var navigation: ReportNavigation?

    mutating func beginPage(_ page: PageHeading, outline: PageOutline, navigation: ReportNavigation?) {
        self.navigation = navigation
        if let navigation { block(ChapterLinksMarkdown.breadcrumb(navigation)) }
        let sections = ChapterLinksMarkdown.sections(outline.sections)
        if page.pageOpensWithHeading {
            pendingSections = sections
        } else {
            block("# \(Escape.markdown(page.title))")
            if let sections { block(sections) }
        }
    }

    mutating func prose(_ prose: Prose, run: PageOutline.Run) {
        let text = ProseTagFilter.filter(prose.markdown.withUnixLineEndings)
        // The page opens with its `# Title` line: the list of sections goes right under it.
        if let sections = pendingSections {
            pendingSections = nil
            let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            block(String(lines[0]))
            block(sections)
            let rest = lines.count > 1 ? lines[1].drop { $0 == "\n" } : ""
            if rest.contains(where: { !$0.isWhitespace }) { block(String(rest)) }
            return
        }
        block(text)
    }

    mutating func beginCell(_ cell: Cell) {}

    mutating func code(_ cell: Cell) {
        block(Self.fenced(cell.code, info: "swift"))
    }

    mutating func printed(_ text: String) {
        block(Self.fenced(text.withUnixLineEndings, info: "text"))
    }

    mutating func warning(_ message: String, cell: Cell) {
        block(Self.alert("WARNING", Escape.markdown(message)))
    }

    mutating func gradientTable(_ table: GradientTable) {
        block(GradientTableMarkdown.markdown(GradientTableText(table)))
    }

    mutating func chart(_ chart: Chart, number: Int) {
        let fileName = "figure-\(number).svg"
        figures.append((fileName, ChartSVG.svg(chart, id: "figure-\(number)", standalone: true)))
        block("![\(Escape.markdown(ChartFrame.accessibleTitle(chart)))](\(Self.urlPath(name))/\(fileName))")
    }

    mutating func error(_ diagnostic: Diagnostic, expected: Bool) {
        let location = diagnostic.location.map { "`\($0)`: " } ?? ""
        let title = expected ? "**Error** (expected by this cell)" : "**Error**"
        block(Self.alert(expected ? "NOTE" : "CAUTION", "\(title)\n\(location)\(Escape.markdown(diagnostic.message))"))
    }

    mutating func notRun(_ cell: Cell, reason: NotRunReason) {
        block(reason == .norun ? "*Not run (this cell is marked `norun`).*" : "*Not run: an earlier cell failed.*")
    }

    mutating func endCell(_ cell: Cell) {}
    mutating func endPage() {
        if let navigation, let pager = ChapterLinksMarkdown.pager(navigation) {
            block("---")
            block(pager)
        }
    }

    /// A fence longer than any backtick run inside, so no content can close it early.
    static func fenced(_ text: String, info: String) -> String {
        let fence = Escape.fence(for: text)
        return "\(fence)\(info)\n\(text.endingWithNewline)\(fence)"
    }

    /// A GitHub alert (`> [!WARNING]`): a callout on GitHub, a plain quote elsewhere.
    static func alert(_ kind: String, _ body: String) -> String {
        let quoted = body.withUnixLineEndings.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> \($0)" }
        return (["> [!\(kind)]"] + quoted).joined(separator: "\n")
    }

    /// A file name as a relative URL path: spaces and other unsafe bytes percent-encoded.
    static func urlPath(_ name: String) -> String {
        var path = ""
        for byte in name.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-_.~".contains(c)) {
                path.append(c)
            } else {
                path += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return path
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
