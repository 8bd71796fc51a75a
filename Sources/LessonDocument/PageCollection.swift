import Foundation
import LessonModel

/// The pages named on a command line: files as given, folders searched (recursively, hidden
/// entries skipped) for `.md` files in byte-sorted path order, so `render`, `check` and `bless`
/// see the same pages in the same order on every machine.
public enum PageCollection {
    /// One entry per page, or a located reason a folder holds none.
    public enum Entry: Hashable, Sendable {
        case page(String)
        case problem(path: String, Diagnostic)
    }

    public static func pages(named arguments: [String]) -> [Entry] {
        arguments.flatMap { argument -> [Entry] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue else {
                // A missing file is reported when the page is read, with the system's reason.
                return [.page(argument)]
            }
            let pages = markdownFiles(under: argument)
            if pages.isEmpty {
                return [.problem(path: argument, .error("no .md pages in folder \(argument)", at: nil))]
            }
            return pages.map(Entry.page)
        }
    }

    private static func markdownFiles(under folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var pages: [String] = []
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                pages += markdownFiles(under: path)
            } else if name.hasSuffix(".md") {
                pages.append(path)
            }
        }
        return pages
    }
}
