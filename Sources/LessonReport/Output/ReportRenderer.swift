import LessonExecution
import LessonModel

/// Executed pages to report files: `<name>.html`, `<name>.md` and `<name>/figure-N.svg`.
public enum ReportRenderer {
    public static func html(_ executed: ExecutedDocument, name: String, navigation: ReportNavigation? = nil) -> String {
        htmlReport(executed, name: name, navigation: navigation).html
    }

    /// The HTML report and the located warnings found while writing it (math it cannot typeset).
    public static func htmlReport(
        _ executed: ExecutedDocument, name: String, navigation: ReportNavigation? = nil
    ) -> (html: String, warnings: [Diagnostic]) {
        htmlReport(executed, name: name, navigation: navigation, parsed: Parsed(executed, name: name, html: true))
    }

    /// The Markdown report and the chart files it links to.
    public static func markdown(
        _ executed: ExecutedDocument, name: String, navigation: ReportNavigation? = nil
    ) -> (markdown: String, figures: [ReportFile]) {
        markdown(executed, name: name, navigation: navigation, parsed: Parsed(executed, name: name, html: false))
    }

    /// The page's title and prose, parsed once for every format a render writes.
    private struct Parsed {
        var page: PageHeading
        var outline: PageOutline

        init(_ executed: ExecutedDocument, name: String, html: Bool) {
            page = PageHeading(executed.document, name: name)
            outline = PageOutline(executed.document, page: page, html: html)
        }
    }

    private static func htmlReport(
        _ executed: ExecutedDocument, name: String, navigation: ReportNavigation?, parsed: Parsed
    ) -> (html: String, warnings: [Diagnostic]) {
        var writer = HTMLReportWriter()
        ReportWalk.walk(executed, navigation: navigation, page: parsed.page, outline: parsed.outline, into: &writer)
        return (writer.html, writer.diagnostics)
    }

    private static func markdown(
        _ executed: ExecutedDocument, name: String, navigation: ReportNavigation?, parsed: Parsed
    ) -> (markdown: String, figures: [ReportFile]) {
        var writer = MarkdownReportWriter(name: name)
        ReportWalk.walk(executed, navigation: navigation, page: parsed.page, outline: parsed.outline, into: &writer)
        return (writer.markdown, writer.figures.map { ReportFile(relativePath: "\(name)/\($0.fileName)", contents: $0.svg) })
    }

    public static func files(
        _ executed: ExecutedDocument, name: String, formats: Set<ReportFormat>, navigation: ReportNavigation? = nil
    ) -> [ReportFile] {
        report(executed, name: name, formats: formats, navigation: navigation).files
    }

    /// The report files and the located warnings writing them produced, in page order.
    public static func report(
        _ executed: ExecutedDocument, name: String, formats: Set<ReportFormat>, navigation: ReportNavigation? = nil
    ) -> (files: [ReportFile], warnings: [Diagnostic]) {
        var files: [ReportFile] = []
        var warnings: [Diagnostic] = []
        let parsed = Parsed(executed, name: name, html: formats.contains(.html))
        if formats.contains(.html) {
            let (html, htmlWarnings) = htmlReport(executed, name: name, navigation: navigation, parsed: parsed)
            files.append(ReportFile(relativePath: "\(name).html", contents: html))
            warnings += htmlWarnings
        }
        if formats.contains(.md) {
            let (markdown, figures) = markdown(executed, name: name, navigation: navigation, parsed: parsed)
            files.append(ReportFile(relativePath: "\(name).md", contents: markdown))
            files += figures
        }
        return (files, warnings)
    }

    /// The page title a report and the index use.
    public static func title(of executed: ExecutedDocument, name: String) -> String {
        PageHeading(executed.document, name: name).title
    }

    /// `index.html`: the rendered lessons, by title, in the order given (no chapter contents).
    public static func index(lessons: [(name: String, title: String)], formats: Set<ReportFormat>) -> String {
        let pages = lessons.map { ChapterPlan.Page(path: $0.name, name: $0.name, title: $0.title, number: nil, depth: 0, listed: true) }
        return ChapterIndex.html(ChapterPlan(title: "Lessons", pages: pages), formats: formats)
    }

    /// The chapter's contents as `index.html`, and as `index.md` when Markdown reports are written.
    public static func indexFiles(_ plan: ChapterPlan, formats: Set<ReportFormat>) -> [ReportFile] {
        var files = [ReportFile(relativePath: "index.html", contents: ChapterIndex.html(plan, formats: formats))]
        if formats.contains(.md) { files.append(ReportFile(relativePath: "index.md", contents: ChapterIndex.markdown(plan))) }
        return files
    }
}
