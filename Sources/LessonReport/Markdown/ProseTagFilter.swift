import LessonDocument

/// The Markdown report's prose: as the author wrote it, except that each piece of raw HTML (an
/// inline tag, an HTML block) passes `HTMLSanitizer` with the allowlist the HTML report uses,
/// so a Markdown viewer that shows raw HTML as it is gets no script, handler or frame either.
/// Only raw HTML is touched; the same text inside a code span or code block is the author's
/// example and stays as written.
enum ProseTagFilter {
    static func filter(_ markdown: String) -> String {
        // Most prose has no raw HTML at all: skip the parse.
        guard markdown.utf8.contains(UInt8(ascii: "<")) else { return markdown }
        let bytes = Array(markdown.utf8)
        let lines = LineTable(bytes)
        let tree = GFMTree(bytes[...], sourcePositions: true)
        var ranges: [Range<Int>] = []
        for html in tree.rawHTML() {
            let start = lines.start(ofLine: html.line) + html.column - 1
            let newlines = html.literal.utf8.filter { $0 == UInt8(ascii: "\n") }.count
            // A one-line tag is exactly its literal; HTML over several lines (a block, possibly
            // inside a quote whose markers the literal omits) is taken as whole lines.
            let end = newlines == 0 || (newlines == 1 && html.literal.hasSuffix("\n"))
                ? start + html.literal.utf8.count
                : lines.end(ofLine: html.line + newlines - (html.literal.hasSuffix("\n") ? 1 : 0))
            ranges.append(start..<min(end, bytes.count))
        }
        guard !ranges.isEmpty else { return markdown }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var i = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= i {
            output += bytes[i..<range.lowerBound]
            output += Array(HTMLSanitizer.sanitize(String(decoding: bytes[range], as: UTF8.self), mode: .piece).utf8)
            i = range.upperBound
        }
        output += bytes[i...]
        return String(decoding: output, as: UTF8.self)
    }
}
