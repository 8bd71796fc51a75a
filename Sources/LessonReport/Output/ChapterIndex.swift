/// `index.html` and `index.md`: the chapter's contents, pages in reading order with their
/// numbers, pages under a section nested under it, unlisted pages in their own group last.
enum ChapterIndex {
    static func html(_ plan: ChapterPlan, formats: Set<ReportFormat>) -> String {
        var html = HTMLPage.head(title: plan.title)
        html += "<main class=\"contents\">\n<h1>\(Escape.html(plan.title))</h1>\n"
        let listed = plan.pages.filter(\.listed)
        let unlisted = plan.pages.filter { !$0.listed }
        html += nestedList(listed) { htmlItem($0, formats: formats) }
        if !unlisted.isEmpty {
            html += "<h2>\(Escape.html(ChapterPlan.unlistedGroupTitle))</h2>\n"
            html += "<p class=\"unlisted-note\">These pages are rendered but not listed in the chapter's <code>_toc.yml</code>.</p>\n"
            html += nestedList(unlisted) { htmlItem($0, formats: formats) }
        }
        return html + "</main>\n</body>\n</html>\n"
    }

    static func markdown(_ plan: ChapterPlan) -> String {
        var lines = ["# \(Escape.markdown(plan.title))", ""]
        let item = { (page: ChapterPlan.Page) -> String in
            let indent = String(repeating: "  ", count: page.depth)
            let number = page.number.map { "\($0) " } ?? ""
            return "\(indent)- \(number)[\(Escape.markdown(page.title))](\(MarkdownReportWriter.urlPath(page.name)).md)"
        }
        lines += plan.pages.filter(\.listed).map(item)
        let unlisted = plan.pages.filter { !$0.listed }
        if !unlisted.isEmpty {
            lines += ["", "## \(ChapterPlan.unlistedGroupTitle)", "", "These pages are rendered but not listed in the chapter's `_toc.yml`.", ""]
            lines += unlisted.map(item)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func htmlItem(_ page: ChapterPlan.Page, formats: Set<ReportFormat>) -> String {
        let file = MarkdownReportWriter.urlPath(page.name)
        let link = formats.contains(.html) ? "\(file).html" : "\(file).md"
        var html = ""
        // The space sits inside the number's column (dropped at its end), so the title starts
        // exactly where its wrapped lines do; unstyled, the number still reads "4.1 Title".
        if let number = page.number { html += "<span class=\"section-number\">\(Escape.html(number)) </span>" }
        html += "<a href=\"\(link)\">\(Escape.html(page.title))</a> <span class=\"name\">\(Escape.html(page.name))"
        if formats.contains(.html), formats.contains(.md) { html += " · <a href=\"\(file).md\">Markdown</a>" }
        return html + "</span>"
    }

    /// Pages as `<ol>` items, a page one level deeper than the one before it nested in that one's item.
    private static func nestedList(_ pages: [ChapterPlan.Page], item: (ChapterPlan.Page) -> String) -> String {
        guard !pages.isEmpty else { return "" }
        // Numbers get a column of their own: a long title wraps beside its number, not under it.
        let numbered = pages.contains { $0.number != nil }
        var html = ""
        var depth = -1
        for page in pages {
            let target = min(page.depth, depth + 1)
            if target > depth {
                html += depth < 0 ? "<ol class=\"lessons\(numbered ? " numbered" : "")\">\n" : "\n<ol>\n"
            } else {
                html += "</li>\n"
                for _ in target..<depth { html += "</ol></li>\n" }
            }
            depth = target
            html += "<li>" + item(page)
        }
        html += "</li>\n"
        for _ in 0..<depth { html += "</ol></li>\n" }
        return html + "</ol>\n"
    }
}
