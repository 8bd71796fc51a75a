import LessonDocument

/// A page's prose parsed once per render for both report formats: each run's headings with
/// their anchors (the ids the HTML report gives its headings, the `##` sections both reports
/// list at the top) and, for an HTML report, the run's HTML as cmark-gfm writes it.
struct PageOutline {
    struct Section: Equatable {
        /// The heading's text as a reader sees it (markup removed, math as written).
        var text: String
        var anchor: String
    }

    /// One prose run, as parsed.
    struct Run {
        /// The ids of the run's headings, in document order.
        var anchors: [String]
        /// The run with its math set aside, to typeset into `html`.
        var math: ProseMath
        /// cmark-gfm's HTML of the run, sibling links pointing at their reports and each heading
        /// marked (`HeadingAnchors`), not yet sanitized; nil when the outline was built without it.
        var html: String?
    }

    /// The page's top-level `##` headings, in order.
    private(set) var sections: [Section] = []
    /// The report's own `# Title` heading's anchor, when the page does not open with one.
    private(set) var titleAnchor: String?
    /// The page's prose runs in document order.
    private(set) var runs: [Run] = []

    /// Counts prose parses in a test (`$parseCounter.withValue`): a render parses each run once.
    @TaskLocal static var parseCounter: ParseCounter?

    final class ParseCounter: @unchecked Sendable {
        /// Only the task that set the counter adds to it, synchronously.
        var count = 0
    }

    /// `html`: also write each run's HTML (the HTML report needs it; the Markdown one does not).
    init(_ document: Document, page: PageHeading, html: Bool) {
        var slugger = HeadingSlugger()
        if !page.pageOpensWithHeading { titleAnchor = slugger.slug(page.title) }
        for block in document.blocks {
            guard case .prose(let prose) = block else { continue }
            let math = ProseMath(prose.markdown)
            Self.parseCounter?.count += 1
            let tree = GFMTree(ArraySlice(math.markdown.utf8))
            if html { tree.rewriteLinks(HTMLReportWriter.siblingReportLink) }
            // The texts are read before the markers go in.
            let headings = html ? tree.headings(marking: { HeadingAnchors.marker($0) }) : tree.headings()
            var anchors: [String] = []
            for heading in headings {
                let text = math.restoringMath(heading.text)
                let anchor = slugger.slug(text)
                anchors.append(anchor)
                if heading.level == 2, heading.topLevel {
                    sections.append(Section(text: Self.oneLine(text), anchor: anchor))
                }
            }
            runs.append(Run(anchors: anchors, math: math, html: html ? tree.html() : nil))
        }
    }

    /// A setext heading may span lines; a list shows it on one.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).joined(separator: " ")
    }
}
