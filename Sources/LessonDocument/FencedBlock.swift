import CCmarkGFM
import LessonModel

/// A top-level fenced code block with its extent in the page's bytes.
struct FencedBlock {
    var opening: FenceLine
    var startLine: Int
    /// The closing fence's line; `nil` when the block runs to the end of the page.
    var closingLine: Int?
    /// The content as cmark-gfm reads it (fence indentation removed), with `\n` line endings.
    var text: String
    var byteRange: Range<Int>
    /// The bytes between the fences.
    var contentByteRange: Range<Int>

    var isClosed: Bool { closingLine != nil }

    init?(_ node: OpaquePointer, startLine: Int, lines: LineTable) {
        // cmark-gfm writes through all three out-pointers, so each must be real.
        var fenceLength: Int32 = 0, fenceOffset: Int32 = 0
        var fenceCharacter: CChar = 0
        guard cmark_node_get_fenced(node, &fenceLength, &fenceOffset, &fenceCharacter) != 0,
              let opening = FenceLine(lines.bytes, start: lines.start(ofLine: startLine), end: lines.contentEnd(ofLine: startLine))
        else { return nil }
        self.opening = opening
        self.startLine = startLine
        var line = startLine + 1
        while line <= lines.lineCount,
              !opening.isClosed(by: lines.bytes, start: lines.start(ofLine: line), end: lines.contentEnd(ofLine: line)) {
            line += 1
        }
        closingLine = line <= lines.lineCount ? line : nil
        let contentStart = lines.start(ofLine: startLine + 1)
        let contentEnd = closingLine.map { lines.start(ofLine: $0) } ?? lines.bytes.count
        contentByteRange = contentStart..<max(contentStart, contentEnd)
        byteRange = lines.start(ofLine: startLine)..<(closingLine.map { lines.end(ofLine: $0) } ?? lines.bytes.count)
        text = Self.normalizingLineEndings(cmark_node_get_literal(node).map { String(cString: $0) } ?? "")
    }

    /// Where the first content character sits: the line after the fence, past the fence's indent
    /// (cmark-gfm removes that much indentation from every content line).
    func contentLocation(in path: String) -> SourceLocation {
        SourceLocation(file: path, line: startLine + 1, column: opening.indent + 1)
    }

    /// `\r\n` and lone `\r` become `\n`, and non-empty text ends with a newline.
    /// Works on UTF-8 bytes: both are ASCII, and a scalar-by-scalar copy was most of a page's parse.
    static func normalizingLineEndings(_ text: String) -> String {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 1)
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == cr {
                result.append(lf)
                previousWasCR = true
            } else {
                if !(byte == lf && previousWasCR) { result.append(byte) }
                previousWasCR = false
            }
        }
        if let last = result.last, last != lf { result.append(lf) }
        return String(decoding: result, as: UTF8.self)
    }
}
