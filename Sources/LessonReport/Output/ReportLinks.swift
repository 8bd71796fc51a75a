/// What code outside the report writers needs to link to and show reports (`lectern preview`).
extension ReportRenderer {
    /// `my lesson` → `my%20lesson.html`: the file name the index and other reports link to.
    public static func htmlFileName(for name: String) -> String {
        MarkdownReportWriter.urlPath(name) + ".html"
    }

    /// Text escaped for HTML content and attribute values, as the reports escape it.
    public static func escapeHTML(_ text: String) -> String {
        Escape.html(text)
    }
}
