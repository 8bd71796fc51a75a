import LessonDocument
import LessonModel

func parsePage(_ text: String, path: String = "page.md") throws -> Document {
    try Document.parse(path: path, contents: Array(text.utf8))
}

/// The diagnostic a page that should not parse throws.
func parseFailure(_ text: String, path: String = "page.md") -> Diagnostic? {
    do {
        _ = try Document.parse(path: path, contents: Array(text.utf8))
        return nil
    } catch {
        return error
    }
}

extension Document {
    /// The page text a byte range covers.
    func text(_ range: Range<Int>) -> String {
        String(decoding: source[range], as: UTF8.self)
    }

    var proseBlocks: [Prose] {
        blocks.compactMap { if case .prose(let p) = $0 { return p } else { return nil } }
    }
}

func at(_ line: Int, _ column: Int, _ file: String = "page.md") -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
}
