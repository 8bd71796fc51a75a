import LessonExecution
import LessonModel

/// Executed pages to report files: `<name>.html`, `<name>.md` and `<name>/figure-N.svg`.
public enum ReportRenderer {
    public static func html(_ executed: ExecutedDocument, name: String) -> String {
        htmlReport(executed, name: name).html
    }

    /// The HTML report and the located warnings found while writing it (math it cannot typeset).
    public static func htmlReport(_ executed: ExecutedDocument, name: String) -> (html: String, warnings: [Diagnostic]) {
        var writer = HTMLReportWriter()
        ReportWalk.walk(executed, name: name, into: &writer)
        return (writer.html, writer.diagnostics)
    }

    /// The Markdown report and the chart files it links to.
    public static func markdown(_ executed: ExecutedDocument, name: String) -> (markdown: String, figures: [ReportFile]) {
        var writer = MarkdownReportWriter(name: name)
        ReportWalk.walk(executed, name: name, into: &writer)
        return (writer.markdown, writer.figures.map { ReportFile(relativePath: "\(name)/\($0.fileName)", contents: $0.svg) })
    }

    public static func files(_ executed: ExecutedDocument, name: String, formats: Set<ReportFormat>) -> [ReportFile] {
        report(executed, name: name, formats: formats).files
    }

    /// The report files and the located warnings writing them produced, in page order.
    public static func report(_ executed: ExecutedDocument, name: String, formats: Set<ReportFormat>) -> (files: [ReportFile], warnings: [Diagnostic]) {
        var files: [ReportFile] = []
        var warnings: [Diagnostic] = []
        if formats.contains(.html) {
            let (html, htmlWarnings) = htmlReport(executed, name: name)
            files.append(ReportFile(relativePath: "\(name).html", contents: html))
            warnings += htmlWarnings
        }
        if formats.contains(.md) {
            let (markdown, figures) = markdown(executed, name: name)
            files.append(ReportFile(relativePath: "\(name).md", contents: markdown))
            files += figures
        }
        return (files, warnings)
    }

    /// The page title a report and the index use.
    public static func title(of executed: ExecutedDocument, name: String) -> String {
        PageHeading(executed.document, name: name).title
    }

    /// `index.html`: the rendered lessons, by title, in the order given.
    public static func index(lessons: [(name: String, title: String)], formats: Set<ReportFormat>) -> String {
        var html = HTMLPage.head(title: "Lessons")
        html += "<main>\n<h1>Lessons</h1>\n<ul class=\"lessons\">\n"
        for lesson in lessons {
            let file = MarkdownReportWriter.urlPath(lesson.name)
            let link = formats.contains(.html) ? "\(file).html" : "\(file).md"
            html += "<li><a href=\"\(link)\">\(Escape.html(lesson.title))</a> <span class=\"name\">\(Escape.html(lesson.name))"
            if formats.contains(.html), formats.contains(.md) { html += " · <a href=\"\(file).md\">Markdown</a>" }
            html += "</span></li>\n"
        }
        html += "</ul>\n</main>\n</body>\n</html>\n"
        return html
    }
}
