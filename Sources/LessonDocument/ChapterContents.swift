import LessonModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder's `_toc.yml`: the chapter's pages in reading order, as a Jupyter Book table of
/// contents lists them (Quarto's `chapters:` list is the same idea). One file says the order,
/// so moving a page is one edit, and numbers follow from the order:
///
/// ```yaml
/// chapter: 4
/// title: Implementing a GPT model from scratch
/// sections:
///   - file: shortcut-connections.md
///     number: 4.4          # optional: the first section would otherwise be 4.1
///     sections:            # pages under it, numbered 4.4.1, 4.4.2, …
///       - relu-residual.md
/// ```
public struct ChapterContents: Sendable, Equatable {
    public static let fileName = "_toc.yml"

    public struct Entry: Sendable, Equatable {
        /// The page's path: the folder, a slash, the listed file (`.md` added when left out).
        public var path: String
        /// `4.4`, `4.4.1`; nil when the contents give no `chapter:`.
        public var number: String?
        /// 0 for a section, 1 for a page listed under one, and so on.
        public var depth: Int
        /// Where the entry is listed in `_toc.yml`.
        public var location: SourceLocation
    }

    /// The `_toc.yml` file's path.
    public var path: String
    /// The folder the listed files are relative to.
    public var folder: String
    public var chapter: Int?
    public var title: String?
    /// Every listed page in reading order (a section, then the pages under it).
    public var entries: [Entry]

    /// The contents in `folder`, or nil when the folder has no `_toc.yml`. Problems come back as
    /// located diagnostics; the contents are nil when any is an error.
    public static func load(folder: String) -> (contents: ChapterContents?, diagnostics: [Diagnostic]) {
        let path = folder.hasSuffix("/") ? folder + fileName : folder + "/" + fileName
        var status = stat()
        guard stat(path, &status) == 0 else { return (nil, []) }
        let bytes: [UInt8]
        do {
            bytes = try Document.readPage(path)
        } catch {
            return (nil, [error])
        }
        return parse(bytes, path: path, folder: folder)
    }

    /// Parses `_toc.yml`'s bytes; listed pages are looked up under `folder`.
    public static func parse(_ bytes: [UInt8], path: String, folder: String) -> (contents: ChapterContents?, diagnostics: [Diagnostic]) {
        var reader = ChapterContentsReader(lines: LineTable(bytes), path: path, folder: folder)
        let contents = reader.read(String(decoding: bytes, as: UTF8.self))
        let failed = reader.diagnostics.contains { $0.severity == .error }
        return (failed ? nil : contents, reader.diagnostics)
    }
}
