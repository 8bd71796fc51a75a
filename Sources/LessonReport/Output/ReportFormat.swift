/// The report spellings `lectern render --to` can write.
public enum ReportFormat: String, CaseIterable, Sendable, Hashable {
    case html
    case md
}

/// A file a render produces, by its path relative to the output folder.
public struct ReportFile: Sendable, Hashable {
    public var relativePath: String
    public var contents: String

    public init(relativePath: String, contents: String) {
        self.relativePath = relativePath
        self.contents = contents
    }
}
