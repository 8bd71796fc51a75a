/// GitHub's extended autolinks (`https://…`, `http://…`, `ftp://…`, `www.…`), which cmark-gfm's
/// autolink extension turns into links without angle brackets. Recognised as cmark-gfm does, so
/// that a `$` in `https://example.com/a$b$c` stays part of the link, as in a link's destination.
enum BareURL {
    private static let schemes: [[UInt8]] = ["https://", "http://", "ftp://"].map { Array($0.utf8) }
    private static let www = Array("www.".utf8)

    /// Just past the URL starting at `start`, if one does: it runs to the next space or `<`.
    /// A scheme (in any case) must not follow a letter; `www.` (lower case only) starts a line or
    /// follows a space or one of `*_~(`. Either way a valid domain must come next.
    static func end(_ b: [UInt8], at start: Int, segmentStart: Int, limit: Int) -> Int? {
        let before: UInt8? = start > segmentStart ? b[start - 1] : nil
        let prefixLength: Int
        if let scheme = schemes.first(where: { hasPrefix($0, b, at: start, limit: limit, ignoringCase: true) }) {
            guard before.map({ !MarkdownBytes.isLetter($0) }) ?? true else { return nil }
            prefixLength = scheme.count
        } else if hasPrefix(www, b, at: start, limit: limit, ignoringCase: false) {
            guard before.map({ MarkdownBytes.isSpace($0) || "*_~(>".utf8.contains($0) }) ?? true else { return nil }
            prefixLength = 0
        } else {
            return nil
        }
        guard isValidDomain(b, from: start + prefixLength, limit: limit) else { return nil }
        var j = start + prefixLength
        while j < limit, !MarkdownBytes.isSpace(b[j]), b[j] != UInt8(ascii: "<") { j += 1 }
        return j
    }

    /// Letters, digits, `-` and `_` in segments split by `.`, starting with a letter or digit,
    /// with no `_` in the last two segments (GFM's valid domain).
    private static func isValidDomain(_ b: [UInt8], from start: Int, limit: Int) -> Bool {
        var j = start
        while j < limit, MarkdownBytes.isLetter(b[j]) || MarkdownBytes.isDigit(b[j]) || "-_.".utf8.contains(b[j]) { j += 1 }
        guard j > start, MarkdownBytes.isLetter(b[start]) || MarkdownBytes.isDigit(b[start]) else { return false }
        let segments = b[start..<j].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return !segments.suffix(2).contains { $0.contains(UInt8(ascii: "_")) }
    }

    private static func hasPrefix(_ prefix: [UInt8], _ b: [UInt8], at start: Int, limit: Int, ignoringCase: Bool) -> Bool {
        guard start + prefix.count <= limit else { return false }
        let fold: UInt8 = ignoringCase ? 0x20 : 0
        for (offset, byte) in prefix.enumerated() where b[start + offset] | fold != byte | fold { return false }
        return true
    }
}
