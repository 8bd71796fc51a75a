import LessonDocument

/// A page's headings with their anchors, found once for both report formats: the ids the HTML
/// report gives its headings and the `##` sections both reports list at the top.
struct PageOutline {
    struct Section: Equatable {
        /// The heading's text as a reader sees it (markup removed, math as written).
        var text: String
        var anchor: String
    }

    /// The page's top-level `##` headings, in order.
    private(set) var sections: [Section] = []
    /// The report's own `# Title` heading's anchor, when the page does not open with one.
    private(set) var titleAnchor: String?
    /// Each prose run's heading anchors in document order, by the run's place among the prose.
    private(set) var anchorsByProse: [[String]] = []

    init(_ document: Document, page: PageHeading) {
        var slugger = HeadingSlugger()
        if !page.pageOpensWithHeading { titleAnchor = slugger.slug(page.title) }
        for block in document.blocks {
            guard case .prose(let prose) = block else { continue }
            let math = ProseMath(prose.markdown)
            let tree = GFMTree(ArraySlice(math.markdown.utf8))
            var anchors: [String] = []
            for heading in tree.headings() {
                let text = math.restoringMath(heading.text)
                let anchor = slugger.slug(text)
                anchors.append(anchor)
                if heading.level == 2, heading.topLevel {
                    sections.append(Section(text: Self.oneLine(text), anchor: anchor))
                }
            }
            anchorsByProse.append(anchors)
        }
    }

    /// A setext heading may span lines; a list shows it on one.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).joined(separator: " ")
    }
}
