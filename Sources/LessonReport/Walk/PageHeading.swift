import LessonDocument
import LessonModel

/// What a report calls its page, and whether the page already opens with its own heading.
struct PageHeading {
    /// The front matter's title, else the first top-level heading, else the file name.
    var title: String
    /// True when the first prose block starts with a level-1 heading, so the report adds none.
    var pageOpensWithHeading: Bool

    init(_ document: Document, name: String) {
        var firstProse: String?
        if case .prose(let prose)? = document.blocks.first { firstProse = prose.markdown }
        pageOpensWithHeading = firstProse.map { Self.atxHeadingText(String(Self.firstLine(of: $0))) != nil } ?? false
        if let title = document.frontMatter.title {
            self.title = title
            return
        }
        let firstHeading = document.blocks.lazy.compactMap { block -> String? in
            guard case .prose(let prose) = block else { return nil }
            return Self.levelOneHeading(in: prose.markdown)
        }.first
        title = firstHeading ?? name
    }

    /// The title of the page at `path`, for links to a page this render does not write: its
    /// front matter's title when it has one (the rest of the page is not parsed), else the
    /// page's first heading; the file name when the page cannot be read. The page is read once
    /// (`read`, a seam for tests).
    static func title(
        ofPageAt path: String, name: String, read: (String) throws(Diagnostic) -> [UInt8] = Document.readPage
    ) -> String {
        guard let contents = try? read(path), let frontMatter = try? FrontMatter.parse(path: path, contents: contents) else { return name }
        if let title = frontMatter.title { return title }
        guard let document = try? Document.parse(path: path, contents: contents) else { return name }
        return PageHeading(document, name: name).title
    }

    /// Lines split on `\n` bytes: Swift treats `\r\n` as one Character, so a Character search
    /// for `\n` would miss Windows line endings.
    private static func firstLine(of text: String) -> Substring {
        let end = text.utf8.firstIndex(of: UInt8(ascii: "\n")) ?? text.utf8.endIndex
        return Substring(text.utf8[..<end])
    }

    static func levelOneHeading(in markdown: String) -> String? {
        for line in markdown.utf8.split(separator: UInt8(ascii: "\n")) where line.first == UInt8(ascii: "#") || line.first == UInt8(ascii: " ") {
            if let text = atxHeadingText(String(decoding: line, as: UTF8.self)) { return text }
        }
        return nil
    }

    /// `# Title #` as `Title` (a closing run of `#` counts only after a space, so `# C#` keeps its `#`).
    static func atxHeadingText(_ line: String) -> String? {
        var text = Substring(line)
        var indent = 0
        while text.first == " ", indent < 3 { text = text.dropFirst(); indent += 1 }
        guard text.hasPrefix("# ") || text.hasPrefix("#\t") else { return nil }
        text = text.dropFirst(2)
        text = trimmed(text)
        let withoutClosingRun = text.reversed().drop { $0 == "#" }
        if withoutClosingRun.isEmpty {
            text = ""
        } else if withoutClosingRun.first == " " || withoutClosingRun.first == "\t" {
            text = trimmed(text.dropLast(text.count - withoutClosingRun.count))
        }
        return text.isEmpty ? nil : String(text)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" || last == "\n" { text = text.dropLast() }
        return text
    }
}
