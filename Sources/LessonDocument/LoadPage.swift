import LessonModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Document {
    /// The largest page lectern reads: a lesson page is a few dozen KiB, so anything near this
    /// is a mistake (a log, a device, a data file) and is refused before it is read whole.
    public static let maximumPageBytes = 16 * 1024 * 1024

    /// Reads and parses the page at `path`. A file that cannot be read is one clear error.
    public static func load(path: String) throws(Diagnostic) -> Document {
        try parse(path: path, contents: readPage(path))
    }

    /// The bytes of the file at `path`, read with POSIX calls so the message says why it failed.
    /// Only regular files are read: a FIFO or a device is refused, and opening does not wait
    /// for a FIFO's writer (`O_NONBLOCK`).
    package static func readPage(_ path: String) throws(Diagnostic) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw unreadable(path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw unreadable(path) }
        if let kind = FileKind.nonRegular(status.st_mode) {
            throw .error("cannot read page \(PathText.display(path)): \(kind)", at: nil)
        }
        let limit = maximumPageBytes
        if Int(status.st_size) > limit { throw tooLarge(path, size: Int(status.st_size)) }
        // The cap also holds for a file that grows while it is read.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { throw unreadable(path) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw tooLarge(path, size: bytes.count) }
        }
    }

    private static func tooLarge(_ path: String, size: Int) -> Diagnostic {
        .error(
            "page is larger than \(maximumPageBytes / (1024 * 1024)) MiB (at least \(size) bytes); lectern reads pages up to that size",
            at: SourceLocation(file: path, line: 1, column: 1))
    }

    private static func unreadable(_ path: String) -> Diagnostic {
        .error("cannot read page \(PathText.display(path)): \(String(cString: strerror(errno)))", at: nil)
    }
}

/// What kind of file a mode names, for messages about files lectern will not read.
package enum FileKind {
    /// `nil` for a regular file, else why it is not a page ("it is a folder", "it is a FIFO…").
    package static func nonRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "it is a folder"
        case S_IFIFO: "it is a FIFO (named pipe), not a regular file"
        case S_IFCHR: "it is a character device, not a regular file"
        case S_IFBLK: "it is a block device, not a regular file"
        case S_IFSOCK: "it is a socket, not a regular file"
        default: "it is not a regular file"
        }
    }
}

extension FrontMatter {
    /// The front matter of the page `contents` (read from `path`), the rest of the page left
    /// unparsed: what a render needs of a page it links to but does not write (its title).
    public static func parse(path: String, contents: [UInt8]) throws(Diagnostic) -> FrontMatter {
        var warnings: [Diagnostic] = []
        return try FrontMatterParser(lines: LineTable(contents), path: path).parse(diagnostics: &warnings).0
    }
}
