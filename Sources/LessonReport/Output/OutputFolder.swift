#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LessonDocument

/// The folder reports are written into. Each file is written to a temporary name beside its
/// final one and renamed into place, so a reader never sees half a report and an interrupted
/// render never destroys the previous one.
public struct OutputFolder: Sendable {
    public let path: String

    /// Creates the folder (and its parents) if needed and checks it can be written.
    public init(path: String) throws(RenderFailure) {
        self.path = path
        try Self.makeDirectories(path)
        guard access(path, W_OK) == 0 else {
            throw RenderFailure("cannot write to output folder \(path): \(Self.reason())")
        }
    }

    public func write(_ file: ReportFile) throws(RenderFailure) {
        let destination = path + "/" + file.relativePath
        if let slash = destination.lastIndex(of: "/") {
            try Self.makeDirectories(String(destination[..<slash]))
        }
        do {
            try AtomicFile.write(Array(file.contents.utf8), to: destination, durable: false)
        } catch {
            throw RenderFailure(error.message)
        }
    }

    /// Removes `figure-N.svg` files in `folder` that this render did not write (a page that
    /// now has fewer charts), and the folder itself once empty: `output/` holds exactly what the
    /// last render produced.
    public func removeStaleFigures(in folder: String, keeping kept: Set<String>) {
        let directory = path + "/" + folder
        guard let handle = opendir(directory) else { return }
        var stale: [String] = []
        var remaining = 0
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            if name.hasPrefix("figure-"), name.hasSuffix(".svg"), !kept.contains(name) {
                stale.append(name)
            } else {
                remaining += 1
            }
        }
        closedir(handle)
        for name in stale.sorted() { unlink(directory + "/" + name) }
        if remaining == 0 { rmdir(directory) }
    }

    static func makeDirectories(_ path: String) throws(RenderFailure) {
        var status = stat()
        if stat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw RenderFailure("cannot write to output folder \(path): it is a file, not a folder")
            }
            return
        }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectories(String(path[..<slash]))
        }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw RenderFailure("cannot create output folder \(path): \(reason())")
        }
    }

    static func reason() -> String { String(cString: strerror(errno)) }
}

/// A render problem that is not about a page's content: one clear line for the terminal.
public struct RenderFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "error: \(message)" }
}
