import LessonModel

/// One rewrite `bless` makes: a byte range of the page and the bytes that take its place.
public struct BlessChange: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// An `output` block's text replaced with what its cell produced.
        case replaced
        /// An `output` block added after a cell that printed but had none (`--add`).
        case added
    }

    public var kind: Kind
    public var cellIndex: Int
    /// Where in the original page; empty for an insertion.
    public var byteRange: Range<Int>
    public var replacement: [UInt8]
    /// The output block (or, for an added one, the cell) it belongs to.
    public var location: SourceLocation

    public init(kind: Kind, cellIndex: Int, byteRange: Range<Int>, replacement: [UInt8], location: SourceLocation) {
        self.kind = kind
        self.cellIndex = cellIndex
        self.byteRange = byteRange
        self.replacement = replacement
        self.location = location
    }
}

/// A page and what blessing it would write.
public struct BlessedPage: Hashable, Sendable {
    public var path: String
    public var original: [UInt8]
    /// In page order, not overlapping.
    public var changes: [BlessChange]
    /// Why the page must not be written (it cannot be read, parsed or run, or a cell fails),
    /// or why writing it failed.
    public var error: Diagnostic?
    /// The error is a failed write: `changes` were not written.
    public var writeFailed = false

    public init(path: String, original: [UInt8], changes: [BlessChange] = [], error: Diagnostic? = nil) {
        self.path = path
        self.original = original
        self.changes = changes
        self.error = error
    }

    /// The page with every change applied; every byte outside the changed ranges is the original's.
    public var blessed: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(original.count + changes.reduce(0) { $0 + $1.replacement.count })
        var position = 0
        for change in changes {
            bytes += original[position..<change.byteRange.lowerBound]
            bytes += change.replacement
            position = change.byteRange.upperBound
        }
        bytes += original[position...]
        return bytes
    }

    /// `path: 2 outputs rewritten, 1 added` (with `dryRun`, `2 outputs to rewrite, 1 to add`),
    /// `path: up to date`, or why the page is not written.
    public func summaryLine(dryRun: Bool = false) -> String {
        let path = PathText.display(self.path)
        if let error { return "\(error.location == nil ? "\(path): " : "")\(error) (page not written)" }
        let replaced = changes.count { $0.kind == .replaced }
        let added = changes.count { $0.kind == .added }
        if replaced + added == 0 { return "\(path): up to date" }
        var parts: [String] = []
        if replaced > 0 { parts.append("\(replaced) output\(replaced == 1 ? "" : "s") \(dryRun ? "to rewrite" : "rewritten")") }
        if added > 0 { parts.append(dryRun ? "\(added) to add" : "\(added) added") }
        return "\(path): " + parts.joined(separator: ", ")
    }
}
