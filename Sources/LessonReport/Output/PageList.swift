#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pages named on the command line: files as given, folders as their `.md` files in
/// name order (byte order, the same on every machine).
public enum PageList {
    public static func pages(in arguments: [String]) throws(RenderFailure) -> [String] {
        var pages: [String] = []
        for argument in arguments {
            var status = stat()
            guard stat(argument, &status) == 0 else {
                throw RenderFailure("no such page or folder: \(argument)")
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                let found = try markdownFiles(in: argument)
                guard !found.isEmpty else { throw RenderFailure("no .md pages in folder \(argument)") }
                pages += found
            } else {
                pages.append(argument)
            }
        }
        // A page named twice (directly and through its folder) is rendered once.
        var seen: Set<String> = []
        return pages.filter { seen.insert($0).inserted }
    }

    private static func markdownFiles(in folder: String) throws(RenderFailure) -> [String] {
        guard let handle = opendir(folder) else {
            throw RenderFailure("cannot read folder \(folder): \(String(cString: strerror(errno)))")
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".md"), !name.hasPrefix(".") { names.append(name) }
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { prefix + $0 }
    }

    /// `notebooks/shortcut-connections.md` → `shortcut-connections`.
    public static func reportName(for page: String) -> String {
        let file = page.split(separator: "/").last.map(String.init) ?? page
        return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
    }
}
