/// Where a report sits in the chapter: its number, the pages before and after it in reading
/// order, and the contents (the index). Both report formats link the same neighbours, each to
/// its own kind of file.
public struct ReportNavigation: Sendable, Equatable {
    public struct Neighbour: Sendable, Equatable {
        /// The report's name (`shortcut-connections`), linked as `name.html` or `name.md`.
        public var name: String
        public var title: String
        public var number: String?

        public init(name: String, title: String, number: String? = nil) {
            self.name = name
            self.title = title
            self.number = number
        }

        /// `4.4 Shortcut connections`, or the title alone.
        var label: String { number.map { "\($0) \(title)" } ?? title }
    }

    /// The page's own number (`4.4`), if the contents number it.
    public var number: String?
    public var previous: Neighbour?
    public var next: Neighbour?
    /// The contents' title (the index page), shown in the link back to it.
    public var contentsTitle: String

    public init(number: String? = nil, previous: Neighbour? = nil, next: Neighbour? = nil, contentsTitle: String = "Contents") {
        self.number = number
        self.previous = previous
        self.next = next
        self.contentsTitle = contentsTitle
    }
}
