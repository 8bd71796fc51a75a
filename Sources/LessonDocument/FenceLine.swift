/// The opening line of a fenced code block, read from the page's own bytes so every word of the
/// info string keeps its column (cmark-gfm gives the info string unescaped and without positions).
struct FenceLine {
    /// Spaces before the fence (0 to 3).
    var indent: Int
    /// "`" or "~".
    var character: UInt8
    var length: Int
    /// The info string's words with their byte offsets in the page.
    var words: [(text: String, offset: Int)]

    /// Reads the fence that opens at `start..<end` (one line without its terminator).
    init?(_ bytes: [UInt8], start: Int, end: Int) {
        var i = start
        while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
        indent = i - start
        guard indent <= 3, i < end, bytes[i] == UInt8(ascii: "`") || bytes[i] == UInt8(ascii: "~") else { return nil }
        character = bytes[i]
        let fenceStart = i
        while i < end, bytes[i] == character { i += 1 }
        length = i - fenceStart
        guard length >= 3 else { return nil }
        words = []
        while i < end {
            while i < end, Self.isSpace(bytes[i]) { i += 1 }
            let wordStart = i
            while i < end, !Self.isSpace(bytes[i]) { i += 1 }
            if i > wordStart {
                words.append((String(decoding: bytes[wordStart..<i], as: UTF8.self), wordStart))
            }
        }
    }

    /// The fence as written, indentation included (what `bless` writes back).
    var fence: String {
        String(repeating: " ", count: indent) + String(repeating: Character(Unicode.Scalar(character)), count: length)
    }

    /// Whether `start..<end` closes this fence: up to three spaces, at least as many fence
    /// characters of the same kind, then only spaces or tabs (CommonMark's rule).
    func isClosed(by bytes: [UInt8], start: Int, end: Int) -> Bool {
        var i = start
        while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i - start <= 3 else { return false }
        let runStart = i
        while i < end, bytes[i] == character { i += 1 }
        guard i - runStart >= length else { return false }
        while i < end, Self.isSpace(bytes[i]) { i += 1 }
        return i == end
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
