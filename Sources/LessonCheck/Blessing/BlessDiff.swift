/// What `bless --dry-run` shows: a unified diff of the page, one hunk per changed block.
public enum BlessDiff {
    /// Empty when nothing would change.
    public static func render(_ page: BlessedPage) -> String {
        guard !page.changes.isEmpty else { return "" }
        var lines = ["--- \(page.path)", "+++ \(page.path) (blessed)"]
        var shift = 0
        for change in page.changes {
            let removed = PageLines.split(page.original[change.byteRange])
            let added = PageLines.split(change.replacement[...])
            let firstLine = PageLines.lineNumber(ofByte: change.byteRange.lowerBound, in: page.original)
            // A hunk that removes nothing starts after the line before it, as in `diff -u`.
            let oldStart = removed.isEmpty ? firstLine - 1 : firstLine
            let newStart = (added.isEmpty ? firstLine - 1 : firstLine) + shift
            lines.append("@@ -\(oldStart),\(removed.count) +\(newStart),\(added.count) @@")
            lines += removed.map { "-" + $0 } + added.map { "+" + $0 }
            shift += added.count - removed.count
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

enum PageLines {
    /// Lines without their endings; a final line ending does not start another line.
    static func split(_ bytes: ArraySlice<UInt8>) -> [String] {
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
    }

    /// The 1-based line holding byte `offset`.
    static func lineNumber(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<min(offset, bytes.count)].count { $0 == UInt8(ascii: "\n") }
    }
}
