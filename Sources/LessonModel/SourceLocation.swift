/// A place in a lesson page: the file as the user named it, and a 1-based line and column
/// (columns count UTF-8 bytes, as cmark-gfm and compilers do).
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `notebooks/x.md:12:5`, the form editors and CI annotations understand (the file name
    /// with any control character escaped, so the message stays one line).
    public var description: String { "\(PathText.display(file)):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
