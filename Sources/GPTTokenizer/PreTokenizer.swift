/// GPT-2's split of text into pieces before BPE, the pattern tiktoken calls r50k:
///
///     's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
///
/// (tiktoken spells it `'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s`,
/// which splits every text the same way). A hand scanner over Unicode scalars instead of Swift
/// `Regex`: it does the same leftmost-first alternation in one pass with one scalar of lookahead.
/// `\s` is White_Space, `\p{L}` and `\p{N}` the letter and number general categories, as in
/// Rust's regex crate that tiktoken uses; the classes work on scalars, not grapheme clusters.
enum PreTokenizer {
    enum CharacterClass: UInt8 { case letter, number, whitespace, other }

    /// Calls `body` with each piece of the UTF-8 `text`, as a range of byte offsets; the pieces
    /// tile the text.
    static func forEachPiece(in text: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        let end = text.count
        var start = 0
        while start < end {
            let (kind, next) = classify(text, at: start)
            // 's 't 're 've 'm 'll 'd, lower case only, whatever follows.
            if text[start] == UInt8(ascii: "'") && next < end {
                let first = text[next]
                if first == UInt8(ascii: "s") || first == UInt8(ascii: "t") || first == UInt8(ascii: "m") || first == UInt8(ascii: "d") {
                    body(start..<next + 1)
                    start = next + 1
                    continue
                }
                if next + 1 < end {
                    let pair = (first, text[next + 1])
                    if pair == (UInt8(ascii: "r"), UInt8(ascii: "e")) || pair == (UInt8(ascii: "v"), UInt8(ascii: "e"))
                        || pair == (UInt8(ascii: "l"), UInt8(ascii: "l")) {
                        body(start..<next + 2)
                        start = next + 2
                        continue
                    }
                }
            }
            // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`: one optional space (U+0020 only), then a run.
            if text[start] == UInt8(ascii: " ") && next < end {
                let (following, afterFollowing) = classify(text, at: next)
                if following != .whitespace {
                    let runEnd = endOfRun(of: following, in: text, from: afterFollowing)
                    body(start..<runEnd)
                    start = runEnd
                    continue
                }
            }
            if kind != .whitespace {
                let runEnd = endOfRun(of: kind, in: text, from: next)
                body(start..<runEnd)
                start = runEnd
                continue
            }
            // `\s+(?!\S)` then `\s+`: a whitespace run that ends the text is one piece; otherwise the
            // run less its last scalar (which goes with the word after it), or one scalar on its own.
            var lastStart = start
            var runEnd = next
            while runEnd < end {
                let (following, afterFollowing) = classify(text, at: runEnd)
                if following != .whitespace { break }
                lastStart = runEnd
                runEnd = afterFollowing
            }
            let pieceEnd = runEnd == end ? end : lastStart > start ? lastStart : next
            body(start..<pieceEnd)
            start = pieceEnd
        }
    }

    private static func endOfRun(of kind: CharacterClass, in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < text.count {
            let (following, next) = classify(text, at: index)
            if following != kind { break }
            index = next
        }
        return index
    }

    /// The class of the scalar starting at `offset` of valid UTF-8 `text`, and where the next starts.
    @inline(__always)
    static func classify(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> (CharacterClass, Int) {
        let lead = text[offset]
        if lead < 0x80 { return (asciiClasses[Int(lead)], offset + 1) }
        var value: UInt32
        let length: Int
        switch lead {
        case 0xC0..<0xE0: value = UInt32(lead & 0x1F); length = 2
        case 0xE0..<0xF0: value = UInt32(lead & 0x0F); length = 3
        default: value = UInt32(lead & 0x07); length = 4
        }
        for index in offset + 1..<offset + length { value = value << 6 | UInt32(text[index] & 0x3F) }
        return (unicodeClass(Unicode.Scalar(value) ?? "\u{FFFD}"), offset + length)
    }

    static func unicodeClass(_ scalar: Unicode.Scalar) -> CharacterClass {
        let properties = scalar.properties
        if properties.isWhitespace { return .whitespace }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return .letter
        case .decimalNumber, .letterNumber, .otherNumber: return .number
        default: return .other
        }
    }

    private static let asciiClasses: [CharacterClass] = (0..<128).map { unicodeClass(Unicode.Scalar(UInt8($0))) }
}
