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
        var found: [(identity: Identity, contents: ChapterContents?, path: String)] = []
        var failed = false
        for folder in inputs.map(folderOf) {
            let path = folder.hasSuffix("/") ? folder + ChapterContents.fileName : folder + "/" + ChapterContents.fileName
            guard let identity = Identity(path), !found.contains(where: { $0.identity == identity }) else { continue }
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
    /// (a rendered page from elsewhere after them). Each of the chapter's own is a warning: a
    /// new page is easily left out of `_toc.yml`.
    static func unlistedPages(contents: ChapterContents?, rendered: [String], report: (String) -> Void) -> [String] {
        guard let contents else { return rendered }
        var seen = Set(contents.entries.compactMap { Identity($0.path) })
        var unlisted: [String] = []
        for entry in PageCollection.pages(named: [contents.folder]) {
            guard case .page(let path) = entry, let identity = Identity(path), seen.insert(identity).inserted else { continue }
            report(Diagnostic.warning(
                "\(PathText.display(path)) is not listed in \(PathText.display(contents.path)); the index shows it under '\(ChapterPlan.unlistedGroupTitle)'",
                at: nil).description)
            unlisted.append(path)
        }
        for path in rendered where Identity(path).map({ seen.insert($0).inserted }) ?? true {
            unlisted.append(path)
        }
        return unlisted
    }

    /// A folder named, or the folder of a page named.
    private static func folderOf(_ input: String) -> String {
        var status = stat()
        if stat(input, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR { return input }
        guard let slash = input.lastIndex(of: "/") else { return "." }
        return slash == input.startIndex ? "/" : String(input[..<slash])
    }

    /// A file however it is named: device and inode.
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64

        init?(_ path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }
}

extension Result {
    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
