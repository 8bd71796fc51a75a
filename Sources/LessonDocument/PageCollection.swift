import LessonModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pages named on a command line: files as given, folders searched (recursively, hidden
/// entries skipped) for `.md` files in byte-sorted path order, so `render`, `check` and `bless`
/// see the same pages in the same order on every machine.
///
/// Symbolic links are followed, but each real folder is searched once and each real file is a
/// page once (both known by device and inode), so a link to `.` or to a parent cannot make the
/// walk endless and a page reached by two names runs once, under the first name met. An `.md`
/// entry that is not a regular file (a FIFO, a device) is a problem, never opened.
public enum PageCollection {
    /// One entry per page, or a located reason a folder holds none.
    public enum Entry: Hashable, Sendable {
        case page(String)
        case problem(path: String, Diagnostic)
    }

    public static func pages(named arguments: [String]) -> [Entry] {
        var walk = Walk()
        var entries: [Entry] = []
        for argument in arguments {
            guard let status = Walk.status(argument), (status.st_mode & S_IFMT) == S_IFDIR else {
                // A missing file or a FIFO is reported when the page is read, with the reason;
                // a file named twice is one page.
                if let status = Walk.status(argument), !walk.pages.insert(FileIdentity(status)).inserted { continue }
                entries.append(.page(argument))
                continue
            }
            let before = entries.count
            walk.folders.insert(FileIdentity(status))
            walk.search(argument, into: &entries)
            if entries.count == before {
                entries.append(.problem(path: argument, .error("no .md pages in folder \(PathText.display(argument))", at: nil)))
            }
        }
        return entries
    }

    private struct Walk {
        var folders: Set<FileIdentity> = []
        var pages: Set<FileIdentity> = []

        mutating func search(_ folder: String, into entries: inout [Entry]) {
            for name in Self.names(in: folder) where !name.hasPrefix(".") {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                // A dangling link or an entry gone meanwhile is skipped, as before.
                guard let status = Self.status(path) else { continue }
                if (status.st_mode & S_IFMT) == S_IFDIR {
                    if folders.insert(FileIdentity(status)).inserted { search(path, into: &entries) }
                } else if name.hasSuffix(".md"), pages.insert(FileIdentity(status)).inserted {
                    if let kind = FileKind.nonRegular(status.st_mode) {
                        entries.append(.problem(path: path, .error("cannot read page \(PathText.display(path)): \(kind)", at: nil)))
                    } else {
                        entries.append(.page(path))
                    }
                }
            }
        }

        /// `stat` through links; `nil` when the name leads nowhere.
        static func status(_ path: String) -> stat? {
            var status = stat()
            return stat(path, &status) == 0 ? status : nil
        }

        /// The folder's entries, byte-sorted.
        static func names(in folder: String) -> [String] {
            guard let handle = opendir(folder) else { return [] }
            defer { closedir(handle) }
            var names: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != ".", name != ".." { names.append(name) }
            }
            return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        }
    }
}
