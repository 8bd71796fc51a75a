#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LessonDocument
import LessonModel

/// Finds the chapter a render belongs to: the `_toc.yml` in a folder named on the command line,
/// or in the folder of a page named on it, so `lectern render notebooks/x.md` writes the same
/// links as `lectern render notebooks`.
enum ChapterDiscovery {
    /// The one chapter's contents, or nil when no folder has a `_toc.yml`. Problems in the file
    /// go to `report`; an error stops the render before anything is written.
    static func contents(for inputs: [String], report: (String) -> Void) throws(RenderFailure) -> ChapterContents? {
        var found: [(identity: FileIdentity, contents: ChapterContents?, path: String)] = []
        var failed = false
        for folder in inputs.map(folderOf) {
            let path = folder.hasSuffix("/") ? folder + ChapterContents.fileName : folder + "/" + ChapterContents.fileName
            guard let identity = FileIdentity(path: path), !found.contains(where: { $0.identity == identity }) else { continue }
            let (contents, diagnostics) = ChapterContents.load(folder: folder)
            diagnostics.forEach { report($0.description) }
            if diagnostics.contains(where: { $0.severity == .error }) { failed = true }
            found.append((identity, contents, path))
        }
        if failed { throw RenderFailure("the chapter's contents have errors (above); no report was written") }
        if found.count > 1 {
            throw RenderFailure(
                "pages of two chapters in one render (\(PathText.display(found[0].path)) and \(PathText.display(found[1].path))); render each folder on its own")
        }
        return found.first?.contents
    }

    /// Pages beside the listed ones and rendered pages the contents do not list, in path order
    /// (a rendered page from elsewhere after them). When the chapter's folder is rendered, each of
    /// its own is a warning located at the contents' last entry, where it would be listed: a new
    /// page is easily left out of `_toc.yml`. Rendering single pages warns of none.
    static func unlistedPages(contents: ChapterContents?, rendered: [String], inputs: [String], report: (String) -> Void) -> [String] {
        guard let contents else { return rendered }
        let folder = FileIdentity(path: contents.folder)
        let folderIsRendered = inputs.contains { isFolder($0) && FileIdentity(path: $0) == folder }
        var seen = Set(contents.entries.compactMap { FileIdentity(path: $0.path) })
        var unlisted: [String] = []
        for entry in PageCollection.pages(named: [contents.folder]) {
            guard case .page(let path) = entry, let identity = FileIdentity(path: path), seen.insert(identity).inserted else { continue }
            if folderIsRendered { report(unlistedWarning(path, contents: contents).description) }
            unlisted.append(path)
        }
        for path in rendered where FileIdentity(path: path).map({ seen.insert($0).inserted }) ?? true {
            unlisted.append(path)
        }
        return unlisted
    }

    /// `notebooks/_toc.yml:14:5: warning: notebooks/draft.md is not listed …`: the location is
    /// the last listed entry, after which the page's line would go.
    private static func unlistedWarning(_ path: String, contents: ChapterContents) -> Diagnostic {
        let prefix = contents.folder.hasSuffix("/") ? contents.folder : contents.folder + "/"
        let listedName = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        return .warning(
            "\(PathText.display(path)) is not in the contents; list it with '- file: \(listedName)' (until then the index shows it under '\(ChapterPlan.unlistedGroupTitle)')",
            at: contents.entries.last?.location ?? SourceLocation(file: contents.path, line: 1, column: 1))
    }

    /// A folder named, or the folder of a page named.
    private static func folderOf(_ input: String) -> String {
        if isFolder(input) { return input }
        guard let slash = input.lastIndex(of: "/") else { return "." }
        return slash == input.startIndex ? "/" : String(input[..<slash])
    }

    private static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}

extension Result {
    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
