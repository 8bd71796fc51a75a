import LessonModel

/// Where each line of a page starts, so cmark-gfm's line numbers become byte offsets and
/// byte offsets become `line:column` locations. Lines end at `\n`, `\r\n` or a lone `\r`,
/// as in CommonMark.
package struct LineTable {
    package let bytes: [UInt8]
    /// `starts[i]` is the byte offset of line `i + 1`.
    private(set) var starts: [Int] = [0]

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") {
                starts.append(i + 1)
            } else if bytes[i] == UInt8(ascii: "\r") {
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
    }

    var lineCount: Int { starts.count }

    /// Byte offset where `line` (1-based) starts; past the last line, the end of the page.
    package func start(ofLine line: Int) -> Int {
        line - 1 < starts.count ? starts[line - 1] : bytes.count
    }

    /// Byte offset just past `line`'s terminator (the next line's start).
    package func end(ofLine line: Int) -> Int {
        line < starts.count ? starts[line] : bytes.count
    }

    /// Byte offset where `line`'s terminator begins.
    func contentEnd(ofLine line: Int) -> Int {
        var end = self.end(ofLine: line)
        let start = self.start(ofLine: line)
        if end > start, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return end
    }

    /// The bytes of `line` without its terminator.
    func content(ofLine line: Int) -> ArraySlice<UInt8> {
        bytes[start(ofLine: line)..<contentEnd(ofLine: line)]
    }

    /// Whether `line` holds nothing but spaces and tabs.
    func isBlank(_ line: Int) -> Bool {
        content(ofLine: line).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// The line (1-based) holding byte `offset`.
    func line(containing offset: Int) -> Int {
        // The last start not after `offset`.
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    func location(ofByte offset: Int, in file: String) -> SourceLocation {
        let line = line(containing: offset)
        return SourceLocation(file: file, line: line, column: offset - start(ofLine: line) + 1)
    }
}
