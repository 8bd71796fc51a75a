import CCmarkGFM
import LessonDocument

/// One `$…$` or `$$…$$` in prose: its bytes with the dollars, and the TeX between them.
struct MathSpan: Equatable {
    var range: Range<Int>
    var texRange: Range<Int>
    var display: Bool
}

/// Finds the math in prose Markdown before cmark-gfm reads it, by pandoc's `tex_math_dollars`
/// rules: `$` opens inline math when a non-space follows it; the first `$` after that closes it,
/// and only if no space precedes it and no digit follows it (so "costs $5 and $6" stays text);
/// `$$` opens display math up to the next `$$`. `\$` is a literal dollar, and nothing inside code
/// (spans, fenced or indented blocks) or raw HTML is math. Math never crosses a blank line.
enum MathSpans {
    static func find(in bytes: [UInt8]) -> [MathSpan] {
        guard bytes.contains(UInt8(ascii: "$")) else { return [] }
        let lineStarts = Self.lineStarts(bytes)
        let excluded = codeAndHTMLBlockLines(bytes)
        var spans: [MathSpan] = []
        var segmentStart: Int?
        for line in 1...lineStarts.count {
            let start = lineStarts[line - 1]
            let end = line < lineStarts.count ? lineStarts[line] : bytes.count
            let isBreak = excluded.contains { $0.contains(line) } || isBlank(bytes[start..<end])
            if isBreak {
                if let s = segmentStart { scan(bytes, s..<start, into: &spans) }
                segmentStart = nil
            } else if segmentStart == nil {
                segmentStart = start
            }
        }
        if let s = segmentStart { scan(bytes, s..<bytes.count, into: &spans) }
        return spans
    }

    /// The bytes of `range` as text, with the blockquote markers (`>`) that start its later lines
    /// turned into spaces: math spanning several lines of a quote is the TeX between the markers.
    /// Spaces keep every byte where it was, so a TeX problem's offset still points at the page.
    static func text(of range: Range<Int>, in bytes: [UInt8]) -> String {
        let depth = quoteDepth(ofLineContaining: range.lowerBound, in: bytes)
        guard depth > 0 else { return String(decoding: bytes[range], as: UTF8.self) }
        var text = Array(bytes[range])
        var i = 0
        while i < text.count {
            defer { i += 1 }
            guard text[i] == UInt8(ascii: "\n") || text[i] == UInt8(ascii: "\r") else { continue }
            var j = i + 1
            var markers = 0
            while j < text.count, markers < depth, text[j] == UInt8(ascii: " ") || text[j] == UInt8(ascii: "\t") || text[j] == UInt8(ascii: ">") {
                if text[j] == UInt8(ascii: ">") { markers += 1 }
                text[j] = UInt8(ascii: " ")
                j += 1
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// How many `>` open the line holding byte `offset` (before any other text).
    private static func quoteDepth(ofLineContaining offset: Int, in bytes: [UInt8]) -> Int {
        var start = offset
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n"), bytes[start - 1] != UInt8(ascii: "\r") { start -= 1 }
        var depth = 0
        for byte in bytes[start..<offset] {
            if byte == UInt8(ascii: ">") { depth += 1 } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { break }
        }
        return depth
    }

    /// Byte offset of each line's start (lines end at `\n`, `\r\n` or a lone `\r`).
    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\r"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
            if bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") { starts.append(i + 1) }
            i += 1
        }
        if starts.last == bytes.count, starts.count > 1 { starts.removeLast() }
        return starts
    }

    /// The lines (1-based) of code blocks and HTML blocks, wherever they nest, as cmark-gfm sees them.
    private static func codeAndHTMLBlockLines(_ bytes: [UInt8]) -> [ClosedRange<Int>] {
        let tree = GFMTree(bytes[...], sourcePositions: true)
        guard let iterator = cmark_iter_new(tree.root) else { return [] }
        defer { cmark_iter_free(iterator) }
        var lines: [ClosedRange<Int>] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK else { continue }
            let first = Int(cmark_node_get_start_line(node))
            lines.append(first...max(first, Int(cmark_node_get_end_line(node))))
        }
        return lines
    }

    /// Only spaces, tabs, quote markers and the line ending: a paragraph break.
    private static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    }

    /// Math in one run of text lines, skipping escapes, code spans and raw HTML tags as cmark-gfm
    /// would read them; whichever construct starts first wins, as in pandoc.
    private static func scan(_ b: [UInt8], _ segment: Range<Int>, into spans: inout [MathSpan]) {
        var i = segment.lowerBound
        let end = segment.upperBound
        var openBrackets = 0
        while i < end {
            switch b[i] {
            case UInt8(ascii: "["):
                openBrackets += 1
                i += 1
            case UInt8(ascii: "]"):
                // A link's destination and title are attribute text: a URL may hold `$`.
                if openBrackets > 0, i + 1 < end, b[i + 1] == UInt8(ascii: "("), let close = closingParenthesis(b, from: i + 2, end: end) {
                    i = close
                } else {
                    i += 1
                }
                openBrackets = max(0, openBrackets - 1)
            case UInt8(ascii: "\\"):
                i += i + 1 < end && isASCIIPunctuation(b[i + 1]) ? 2 : 1
            case UInt8(ascii: "`"):
                var run = i
                while run < end, b[run] == UInt8(ascii: "`") { run += 1 }
                i = closingBackticks(b, from: run, count: run - i, end: end) ?? run
            case UInt8(ascii: "<"):
                i = RawHTMLTag.end(b, at: i, limit: end) ?? i + 1
            case UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "w"):
                // A bare URL (cmark-gfm's autolink extension) is a link too: its `$` stay text.
                i = BareURL.end(b, at: i, segmentStart: segment.lowerBound, limit: end) ?? i + 1
            case UInt8(ascii: "$"):
                if let span = mathSpan(b, at: i, end: end) {
                    spans.append(span)
                    i = span.range.upperBound
                } else {
                    i += i + 1 < end && b[i + 1] == UInt8(ascii: "$") ? 2 : 1
                }
            default:
                i += 1
            }
        }
    }

    /// Just past the `)` that closes a link destination opened just before `start`.
    private static func closingParenthesis(_ b: [UInt8], from start: Int, end: Int) -> Int? {
        var depth = 1
        var j = start
        while j < end {
            switch b[j] {
            case UInt8(ascii: "\\"): j += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return j + 1 }
            default: break
            }
            j += 1
        }
        return nil
    }

    /// Just past the backtick run of exactly `count` that closes a code span, if there is one.
    private static func closingBackticks(_ b: [UInt8], from start: Int, count: Int, end: Int) -> Int? {
        var j = start
        while j < end {
            guard b[j] == UInt8(ascii: "`") else { j += 1; continue }
            var run = j
            while run < end, b[run] == UInt8(ascii: "`") { run += 1 }
            if run - j == count { return run }
            j = run
        }
        return nil
    }

    private static func mathSpan(_ b: [UInt8], at i: Int, end: Int) -> MathSpan? {
        let dollar = UInt8(ascii: "$")
        if i + 1 < end, b[i + 1] == dollar {
            var j = i + 2
            while j + 1 < end {
                if b[j] == UInt8(ascii: "\\") { j += 2; continue }
                if b[j] == dollar, b[j + 1] == dollar {
                    guard b[(i + 2)..<j].contains(where: { !MarkdownBytes.isSpace($0) }) else { return nil }
                    return MathSpan(range: i..<(j + 2), texRange: (i + 2)..<j, display: true)
                }
                j += 1
            }
            return nil
        }
        guard i + 1 < end, !MarkdownBytes.isSpace(b[i + 1]) else { return nil }
        var j = i + 1
        while j < end {
            if b[j] == UInt8(ascii: "\\") { j += 2; continue }
            if b[j] == dollar {
                // pandoc: the first unescaped `$` decides; it closes only when glued to the math
                // and not followed by a digit ("$5 and $6"), otherwise there is no math here.
                guard !MarkdownBytes.isSpace(b[j - 1]), !(j + 1 < end && MarkdownBytes.isDigit(b[j + 1])) else { return nil }
                return MathSpan(range: i..<(j + 1), texRange: (i + 1)..<j, display: false)
            }
            j += 1
        }
        return nil
    }

    /// CommonMark's backslash-escapable characters.
    private static func isASCIIPunctuation(_ c: UInt8) -> Bool {
        (0x21...0x2F).contains(c) || (0x3A...0x40).contains(c) || (0x5B...0x60).contains(c) || (0x7B...0x7E).contains(c)
    }
}
