/// CommonMark's inline raw HTML and autolinks, recognised just well enough that a `$` inside
/// `<span title="$x$">` or `<https://x.org/$a$>` is not taken for math: cmark-gfm passes these
/// through untouched, so math placed there would break the tag.
enum RawHTMLTag {
    /// Just past the `>` of the tag, comment or autolink starting at `start`, if one does.
    static func end(_ b: [UInt8], at start: Int, limit: Int) -> Int? {
        var j = start + 1
        guard j < limit else { return nil }
        if b[j] == UInt8(ascii: "!") {
            guard j + 2 < limit, b[j + 1] == UInt8(ascii: "-"), b[j + 2] == UInt8(ascii: "-") else { return nil }
            j += 3
            while j + 2 < limit {
                if b[j] == UInt8(ascii: "-"), b[j + 1] == UInt8(ascii: "-"), b[j + 2] == UInt8(ascii: ">") { return j + 3 }
                j += 1
            }
            return nil
        }
        let closing = b[j] == UInt8(ascii: "/")
        if closing { j += 1 }
        guard j < limit, MarkdownBytes.isLetter(b[j]) else { return nil }
        let nameStart = j
        while j < limit, MarkdownBytes.isLetter(b[j]) || MarkdownBytes.isDigit(b[j]) || b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: ".") { j += 1 }
        if !closing, j < limit, b[j] == UInt8(ascii: ":"), j - nameStart >= 2 { return autolinkEnd(b, from: j + 1, limit: limit) }
        if closing {
            while j < limit, MarkdownBytes.isSpace(b[j]) { j += 1 }
            return j < limit && b[j] == UInt8(ascii: ">") ? j + 1 : nil
        }
        while j < limit {
            let hadSpace = j < limit && MarkdownBytes.isSpace(b[j])
            while j < limit, MarkdownBytes.isSpace(b[j]) { j += 1 }
            guard j < limit else { return nil }
            if b[j] == UInt8(ascii: ">") { return j + 1 }
            if b[j] == UInt8(ascii: "/") { return j + 1 < limit && b[j + 1] == UInt8(ascii: ">") ? j + 2 : nil }
            guard hadSpace, MarkdownBytes.isLetter(b[j]) || b[j] == UInt8(ascii: "_") || b[j] == UInt8(ascii: ":") else { return nil }
            while j < limit, MarkdownBytes.isLetter(b[j]) || MarkdownBytes.isDigit(b[j]) || "_.:-".utf8.contains(b[j]) { j += 1 }
            var k = j
            while k < limit, MarkdownBytes.isSpace(b[k]) { k += 1 }
            guard k < limit, b[k] == UInt8(ascii: "=") else { continue }
            k += 1
            while k < limit, MarkdownBytes.isSpace(b[k]) { k += 1 }
            guard k < limit else { return nil }
            if b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'") {
                let quote = b[k]
                k += 1
                while k < limit, b[k] != quote { k += 1 }
                guard k < limit else { return nil }
                j = k + 1
            } else {
                let valueStart = k
                while k < limit, !MarkdownBytes.isSpace(b[k]), !"\"'=<>`".utf8.contains(b[k]) { k += 1 }
                guard k > valueStart else { return nil }
                j = k
            }
        }
        return nil
    }

    /// `<scheme:…>` runs to `>` with no space or `<` inside.
    private static func autolinkEnd(_ b: [UInt8], from start: Int, limit: Int) -> Int? {
        var j = start
        while j < limit {
            if b[j] == UInt8(ascii: ">") { return j + 1 }
            if MarkdownBytes.isSpace(b[j]) || b[j] == UInt8(ascii: "<") { return nil }
            j += 1
        }
        return nil
    }
}
