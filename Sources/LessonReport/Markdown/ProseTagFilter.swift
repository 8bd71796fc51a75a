import LessonDocument

/// GitHub's tagfilter for the Markdown report's prose: the raw HTML an author wrote stays, except
/// that the `<` of the tags GitHub refuses (`<script>`, `<style>`, `<iframe>`…) becomes `&lt;`, as
/// cmark-gfm does for the HTML report. Only raw HTML is touched; the same text inside a code span
/// or code block is the author's example and stays as written.
enum ProseTagFilter {
    /// The tags GitHub-flavoured Markdown's tagfilter extension disarms.
    static let filteredTags = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]

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
            for p in range {
                if bytes[p] == UInt8(ascii: "<"), opensFilteredTag(bytes, at: p) {
                    output += Array("&lt;".utf8)
                } else {
                    output.append(bytes[p])
                }
            }
            i = range.upperBound
        }
        output += bytes[i...]
        return String(decoding: output, as: UTF8.self)
    }

    /// `<script`, `</script` followed by a space, `>` or `/>` (cmark-gfm's test, case-insensitive).
    static func opensFilteredTag(_ bytes: [UInt8], at position: Int) -> Bool {
        var p = position + 1
        if p < bytes.count, bytes[p] == UInt8(ascii: "/") { p += 1 }
        for tag in filteredTags {
            let end = p + tag.utf8.count
            guard end <= bytes.count,
                  zip(bytes[p..<end], tag.utf8).allSatisfy({ ($0 | 0x20) == $1 }) else { continue }
            guard end < bytes.count else { return true }
            let next = bytes[end]
            if next == UInt8(ascii: ">") || next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") { return true }
            if next == UInt8(ascii: "/"), end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: ">") { return true }
        }
        return false
    }
}
