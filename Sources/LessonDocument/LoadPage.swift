import LessonModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Document {
    /// Reads and parses the page at `path`. A file that cannot be read is one clear error.
    public static func load(path: String) throws(Diagnostic) -> Document {
        try parse(path: path, contents: readPage(path))
    }

    /// The bytes of the file at `path`, read with POSIX calls so the message says why it failed.
    static func readPage(_ path: String) throws(Diagnostic) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw unreadable(path) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw .error("cannot read page \(path): it is a folder", at: nil)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { throw unreadable(path) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    private static func unreadable(_ path: String) -> Diagnostic {
        .error("cannot read page \(path): \(String(cString: strerror(errno)))", at: nil)
    }
}
