import LessonModel

/// What `bless --dry-run` shows: a unified diff of the page with one line of context, covering
/// only the lines that change inside each rewritten or added block.
public enum BlessDiff {
    static let contextLines = 1

    /// Empty when nothing would change.
    public static func render(_ page: BlessedPage) -> String {
        guard !page.changes.isEmpty else { return "" }
        let path = PathText.display(page.path)
        var lines = ["--- \(path)", "+++ \(path) (blessed)"]
        var shift = 0
        for change in page.changes {
            let old = PageLines.split(page.original[change.byteRange])
            let new = PageLines.split(change.replacement[...])
            let firstLine = PageLines.lineNumber(ofByte: change.byteRange.lowerBound, in: page.original)
            let edits = LineAlignment.align(expectedCount: old.count, producedCount: new.count) { old[$0] == new[$1] }
            for hunk in hunks(edits) {
                lines += render(edits[hunk], old: old, new: new, oldBase: firstLine, newBase: firstLine + shift)
            }
            shift += new.count - old.count
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Index ranges of `edits` around each changed run, with context, merged where they touch.
    private static func hunks(_ edits: [LineEdit]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (index, edit) in edits.enumerated() where edit.isChange {
            let range = max(0, index - contextLines)..<min(edits.count, index + 1 + contextLines)
            if let last = ranges.last, last.upperBound >= range.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
        }
        return ranges
    }

    private static func render(_ edits: ArraySlice<LineEdit>, old: [String], new: [String], oldBase: Int, newBase: Int) -> [String] {
        var body: [String] = []
        var oldFirst: Int?, newFirst: Int?
        var oldCount = 0, newCount = 0
        // Where the hunk sits when one side is empty: after the line before it, as `diff -u` says.
        var oldBefore = 0, newBefore = 0
        for edit in edits {
            switch edit {
            case .same(let e, let p):
                oldFirst = oldFirst ?? e
                newFirst = newFirst ?? p
                oldCount += 1
                newCount += 1
                body.append(" " + old[e])
            case .missing(let e):
                oldFirst = oldFirst ?? e
                oldCount += 1
                body.append("-" + old[e])
            case .extra(let p):
                newFirst = newFirst ?? p
                newCount += 1
                body.append("+" + new[p])
            }
            if oldFirst == nil, case .extra(let p) = edit { newBefore = p }
            if newFirst == nil, case .missing(let e) = edit { oldBefore = e }
        }
        let oldStart = oldFirst.map { oldBase + $0 } ?? (oldBase + oldBefore - 1)
        let newStart = newFirst.map { newBase + $0 } ?? (newBase + newBefore - 1)
        return ["@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@"] + body
    }
}

extension LineEdit {
    var isChange: Bool {
        if case .same = self { return false }
        return true
    }
}

enum PageLines {
    /// Lines without their endings; a final line ending does not start another line.
    static func split(_ bytes: ArraySlice<UInt8>) -> [String] {
        String(decoding: bytes, as: UTF8.self).textLines.map(String.init)
    }

    /// The 1-based line holding byte `offset`.
    static func lineNumber(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<min(offset, bytes.count)].count { $0 == UInt8(ascii: "\n") }
    }
}
