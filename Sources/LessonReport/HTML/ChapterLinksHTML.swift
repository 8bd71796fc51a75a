/// The HTML report's chapter links: the way back to the contents, the page's sections, and the
/// previous and next pages.
enum ChapterLinksHTML {
    /// `Contents title › 4.4` above the page's title.
    static func breadcrumb(_ navigation: ReportNavigation) -> String {
        var html = "<nav class=\"chapter-nav\" aria-label=\"Chapter\"><a href=\"index.html\">\(Escape.html(navigation.contentsTitle))</a>"
        if let number = navigation.number {
            html += "<span class=\"separator\" aria-hidden=\"true\"> › </span><span class=\"section-number\">\(Escape.html(number))</span>"
        }
        return html + "</nav>\n"
    }

    /// The page's `##` sections as links to their headings; nothing for a page without any.
    static func sections(_ sections: [PageOutline.Section]) -> String {
        guard !sections.isEmpty else { return "" }
        var html = "<nav class=\"page-sections\" aria-label=\"On this page\"><p class=\"nav-title\">On this page</p>\n<ul>\n"
        for section in sections {
            html += "<li><a href=\"#\(Escape.html(section.anchor))\">\(typeset(section.text))</a></li>\n"
        }
        return html + "</ul>\n</nav>\n"
    }

    /// A heading's text with its math typeset as in the heading itself (the heading's own
    /// rendering reports math that cannot be typeset; here it shows as its TeX source).
    private static func typeset(_ text: String) -> String {
        let math = ProseMath(text)
        return math.typeset(Escape.html(math.markdown)) { _ in nil }.html
    }

    /// Previous and next at the page's end; an absent side keeps its place empty.
    static func pager(_ navigation: ReportNavigation) -> String {
        guard navigation.previous != nil || navigation.next != nil else { return "" }
        var html = "<nav class=\"pager\" aria-label=\"Previous and next pages\">\n"
        html += link(navigation.previous, rel: "prev", label: "Previous")
        html += link(navigation.next, rel: "next", label: "Next")
        return html + "</nav>\n"
    }

    private static func link(_ neighbour: ReportNavigation.Neighbour?, rel: String, label: String) -> String {
        guard let neighbour else { return "<span class=\"\(rel)\"></span>\n" }
        return "<a class=\"\(rel)\" rel=\"\(rel)\" href=\"\(ReportRenderer.htmlFileName(for: neighbour.name))\">"
            + "<span class=\"pager-label\">\(label)</span><span class=\"pager-title\">\(Escape.html(neighbour.label))</span></a>\n"
    }
}
