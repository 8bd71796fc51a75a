/// Gives the HTML report's headings their ids. The sanitizer keeps no author-written `id` (so a
/// page cannot clobber the report's own), so each Markdown heading is marked in the parse tree
/// with a private-use marker, `U+E002 k U+E003`, as its first text, and the marker that follows
/// `<hN>` in the sanitized HTML becomes `<hN id="anchor">`.
enum HeadingAnchors {
    static let open: Unicode.Scalar = "\u{E002}"
    static let close: Unicode.Scalar = "\u{E003}"

    static func marker(_ k: Int) -> String { "\(open)\(k)\(close)" }

    /// `html` with each marker removed, the heading it opens given `anchors[k]` as its id (no
    /// id when there is no `anchors[k]`).
    static func apply(_ anchors: [String], to html: String) -> String {
        guard html.unicodeScalars.contains(open) else { return html }
        var result = String.UnicodeScalarView()
        let scalars = html.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            i = scalars.index(after: i)
            guard c == open, let (k, next) = Placeholder.number(scalars, from: i, close: close) else {
                result.append(c)
                continue
            }
            i = next
            guard k < anchors.count else { continue }
            // `<h2>` just written: reopen it with the id.
            let tail = Array(result.suffix(4))
            if tail.count == 4, tail[0] == "<", tail[1] == "h", ("1"..."6").contains(tail[2]), tail[3] == ">" {
                result.removeLast()
                result.append(contentsOf: " id=\"\(Escape.html(anchors[k]))\">".unicodeScalars)
            }
        }
        return String(result)
    }

    /// `section` inserted after the first `</h1>` (the page's title), else in front.
    static func inserting(_ section: String, afterFirstTitleIn html: String) -> String {
        guard !section.isEmpty else { return html }
        let bytes = Array(html.utf8)
        let closing = Array("</h1>\n".utf8)
        var i = 0
        while i + closing.count <= bytes.count {
            if bytes[i..<(i + closing.count)].elementsEqual(closing) {
                let cut = i + closing.count
                return String(decoding: bytes[..<cut], as: UTF8.self) + section + String(decoding: bytes[cut...], as: UTF8.self)
            }
            i += 1
        }
        return section + html
    }
}
