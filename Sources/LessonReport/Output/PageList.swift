#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LessonDocument

/// The pages `render` writes reports for: `PageCollection`'s pages, with a missing page or a
/// folder without pages stopping the render before anything is written.
public enum PageList {
    public static func pages(in arguments: [String]) throws(RenderFailure) -> [String] {
        var pages: [String] = []
        for entry in PageCollection.pages(named: arguments) {
            switch entry {
            case .page(let path):
                guard access(path, F_OK) == 0 else { throw RenderFailure("no such page or folder: \(path)") }
                pages.append(path)
            case .problem(_, let diagnostic):
                throw RenderFailure(diagnostic.message)
            }
        }
        // A page named twice (directly and through its folder) is rendered once.
        var seen: Set<String> = []
        return pages.filter { seen.insert($0).inserted }
    }

    /// `index` (in any letter case, for case-insensitive file systems) names the lesson index
    /// `index.html`, so no page may take it: render refuses such a page before writing anything.
    public static func isReservedReportName(_ name: String) -> Bool {
        name.lowercased() == "index"
    }

    /// `notebooks/shortcut-connections.md` → `shortcut-connections`.
    public static func reportName(for page: String) -> String {
        let file = page.split(separator: "/").last.map(String.init) ?? page
        return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
    }
}
