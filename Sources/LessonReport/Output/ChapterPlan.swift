import LessonDocument
import LessonModel

/// The reading order of a render: the pages `_toc.yml` lists, in its order and with its
/// numbers, then every other page (rendered, or beside the listed ones) in path order, under
/// "Not in the contents". The index, and each report's previous and next links, follow it;
/// it is the same whichever of the chapter's pages one render writes.
public struct ChapterPlan: Sendable {
    public struct Page: Sendable, Equatable {
        public var path: String
        /// The report's name (`shortcut-connections`).
        public var name: String
        public var title: String
        public var number: String?
        /// 0 for a section, 1 for a page under it.
        public var depth: Int
        /// False for a page the contents do not list.
        public var listed: Bool
    }

    /// The index's heading: the contents' title, else "Chapter N", else "Lessons".
    public var title: String
    public var pages: [Page]

    /// The group the index puts pages the contents do not list in.
    public static let unlistedGroupTitle = "Not in the contents"

    public init(title: String, pages: [Page]) {
        self.title = title
        self.pages = pages
    }

    /// `listed` in the contents' order, then `others` (their order kept). `title(path)` reads a
    /// page's title.
    init(contents: ChapterContents?, others: [String], title pageTitle: (String) -> String) {
        var pages: [Page] = []
        for entry in contents?.entries ?? [] {
            pages.append(Page(path: entry.path, name: PageList.reportName(for: entry.path), title: pageTitle(entry.path),
                              number: entry.number, depth: entry.depth, listed: true))
        }
        for path in others {
            pages.append(Page(path: path, name: PageList.reportName(for: path), title: pageTitle(path), number: nil, depth: 0,
                              listed: contents == nil))
        }
        self.pages = pages
        if let contents {
            title = contents.title ?? contents.chapter.map { "Chapter \($0)" } ?? "Contents"
        } else {
            title = "Lessons"
        }
    }

    /// The page's number and neighbours in reading order.
    public func navigation(for name: String) -> ReportNavigation? {
        guard let i = pages.firstIndex(where: { $0.name == name }) else { return nil }
        func neighbour(_ j: Int) -> ReportNavigation.Neighbour? {
            pages.indices.contains(j) ? ReportNavigation.Neighbour(name: pages[j].name, title: pages[j].title, number: pages[j].number) : nil
        }
        return ReportNavigation(number: pages[i].number, previous: neighbour(i - 1), next: neighbour(i + 1), contentsTitle: title)
    }
}
