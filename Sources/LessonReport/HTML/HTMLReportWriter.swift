import LessonDocument
import LessonModel

/// The HTML spelling: one self-contained page (inline CSS and SVG, no scripts, nothing fetched).
struct HTMLReportWriter: ReportSpelling {
    private(set) var html = ""
    /// True while the current cell's printed text is still open in one `<pre>` block.
    private var outputIsOpen = false
    /// Located warnings about the page found while writing it (math that cannot be typeset).
    private(set) var diagnostics: [Diagnostic] = []

    init() { html.reserveCapacity(64 * 1024) }

    /// The list of sections, waiting for the page's own `# Title` to be written.
    private var pendingSections: String?
    private var navigation: ReportNavigation?

    mutating func beginPage(_ page: PageHeading, outline: PageOutline, navigation: ReportNavigation?) {
        self.navigation = navigation
        // A browser tab or bookmark shows the number too: `4.4 Shortcut connections`.
        html += HTMLPage.head(title: navigation?.number.map { "\($0) \(page.title)" } ?? page.title)
        html += "<main class=\"lesson\">\n"
        if let navigation { html += ChapterLinksHTML.breadcrumb(navigation) }
        let sections = ChapterLinksHTML.sections(outline.sections)
        if page.pageOpensWithHeading {
            pendingSections = sections
        } else {
            html += "<h1 id=\"\(Escape.html(outline.titleAnchor ?? ""))\">\(Escape.html(page.title))</h1>\n" + sections
        }
    }

    mutating func prose(_ prose: Prose, run: PageOutline.Run) {
        // The author's raw HTML, and the links cmark-gfm writes, pass the sanitizer's allowlist.
        // An HTML report's outline is always built with the runs' HTML (`ReportRenderer`): an
        // outline without it would drop the page's prose without a word.
        guard let runHTML = run.html else { preconditionFailure("an HTML report needs an outline built with its runs' HTML") }
        let safe = HTMLSanitizer.sanitize(runHTML, mode: .balanced)
        let typeset = run.math.typeset(safe) { prose.location(ofOffset: $0) }
        diagnostics += typeset.warnings
        var body = HeadingAnchors.apply(run.anchors, to: typeset.html)
        // The list of sections goes right under the page's title, the first heading of its first run.
        if let sections = pendingSections {
            pendingSections = nil
            body = HeadingAnchors.inserting(sections, afterFirstTitleIn: body)
        }
        html += "<div class=\"prose\">\n\(body)</div>\n"
    }

    /// A link to a sibling page (`other.md`, `other.md#part`) points at that page's HTML report,
    /// which `render` writes beside this one; every other link is left alone.
    static func siblingReportLink(_ url: String) -> String? {
        let end = url.firstIndex { $0 == "#" || $0 == "?" } ?? url.endIndex
        let path = url[..<end]
        guard path.hasSuffix(".md"), path.count > 3, !path.contains("/"), !path.contains(":") else { return nil }
        return path.dropLast(3) + ".html" + url[end...]
    }

    mutating func beginCell(_ cell: Cell) {
        let hidden = cell.options.contains(.hidden) ? " hidden-code" : ""
        html += "<section class=\"cell\(hidden)\" id=\"cell-\(cell.index + 1)\" aria-label=\"Cell \(cell.index + 1)\">\n"
    }

    mutating func code(_ cell: Cell) {
        html += "<pre class=\"code\"><code class=\"language-swift\">\(SwiftHighlighter.html(cell.code))</code></pre>\n"
    }

    mutating func printed(_ text: String) {
        html += "<div class=\"output\" role=\"group\" aria-label=\"Printed output\"><span class=\"output-label\" aria-hidden=\"true\">Output</span><pre class=\"printed\"><samp>"
        html += Escape.html(text.withUnixLineEndings)
        html += "</samp></pre></div>\n"
    }

    mutating func warning(_ message: String, cell: Cell) {
        html += "<div class=\"callout warning\" role=\"note\"><p class=\"callout-title\">Warning</p><pre>\(Escape.html(message))</pre></div>\n"
    }

    mutating func gradientTable(_ table: GradientTable) {
        html += GradientTableHTML.html(GradientTableText(table))
    }

    mutating func chart(_ chart: Chart, number: Int) {
        html += "<figure class=\"chart\">\n\(ChartSVG.svg(chart, id: "figure-\(number)", standalone: false))</figure>\n"
    }

    mutating func error(_ diagnostic: Diagnostic, expected: Bool) {
        let kind = expected ? "expected" : "error"
        let title = expected ? "Error (expected by this cell)" : "Error"
        html += "<div class=\"callout \(kind)\" role=\"\(expected ? "note" : "alert")\"><p class=\"callout-title\">\(title)</p>"
        html += "<pre>"
        if let location = diagnostic.location {
            html += "<code class=\"location\">\(Escape.html(location.description))</code>: "
        }
        html += "\(Escape.html(diagnostic.message))</pre></div>\n"
    }

    mutating func notRun(_ cell: Cell, reason: NotRunReason) {
        let note = reason == .norun ? "Not run (this cell is marked norun)" : "Not run: an earlier cell failed"
        html += "<p class=\"cell-note\">\(note)</p>\n"
    }

    mutating func endCell(_ cell: Cell) {
        html += "</section>\n"
    }

    mutating func endPage() {
        if let navigation { html += ChapterLinksHTML.pager(navigation) }
        html += "</main>\n</body>\n</html>\n"
    }
}

/// The document head every HTML file shares.
enum HTMLPage {
    /// The content security policy forbids scripts and every fetch except images beside the
    /// report, whatever a page's raw HTML asks for: the report reads offline and is safe to open
    /// from an untrusted page.
    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'">
        <meta name="color-scheme" content="light dark">
        <meta name="generator" content="lectern">
        <title>\(Escape.html(title))</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>

        """
    }
}
