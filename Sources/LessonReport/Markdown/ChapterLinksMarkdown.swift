/// The Markdown report's chapter links, as plain paragraphs and a list (no headings, which would
/// shift GitHub's numbering of the page's own heading anchors).
enum ChapterLinksMarkdown {
    static func breadcrumb(_ navigation: ReportNavigation) -> String {
        let contents = "[\(Escape.markdown(navigation.contentsTitle))](index.md)"
        return navigation.number.map { "\(contents) › \(Escape.markdown($0))" } ?? contents
    }

    /// The page's `##` sections, linked by GitHub's anchors; nil for a page without any.
    static func sections(_ sections: [PageOutline.Section]) -> String? {
        guard !sections.isEmpty else { return nil }
        return (["**On this page**", ""] + sections.map { "- [\(Escape.markdown($0.text))](#\($0.anchor))" }).joined(separator: "\n")
    }

    static func pager(_ navigation: ReportNavigation) -> String? {
        var parts: [String] = []
        if let previous = navigation.previous { parts.append("← Previous: \(link(previous))") }
        if let next = navigation.next { parts.append("Next: \(link(next)) →") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    private static func link(_ neighbour: ReportNavigation.Neighbour) -> String {
        "[\(Escape.markdown(neighbour.label))](\(MarkdownReportWriter.urlPath(neighbour.name)).md)"
    }
}
