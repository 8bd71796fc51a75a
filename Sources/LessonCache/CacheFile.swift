#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LessonDocument
import LessonModel

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

/// Reading and writing entry files: a missing entry is an ordinary miss, any other failure a reason.
enum CacheFile {
    enum Read {
        case read([UInt8])
        case missing
        case failed(String)
    }

    static func read(_ path: String) -> Read {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            return errno == ENOENT ? .missing : .failed(String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { return .failed(String(cString: strerror(errno))) }
            if count == 0 { return .read(bytes) }
            bytes += chunk.prefix(count)
        }
    }

    /// Creates the folder as needed; the entry goes to a temporary name and is renamed into place.
    static func write(_ bytes: [UInt8], to path: String) throws(Diagnostic) {
        if let slash = path.lastIndex(of: "/") { try makeFolders(String(path[..<slash])) }
        try AtomicFile.write(bytes, to: path, durable: false)
    }

    private static func makeFolders(_ path: String) throws(Diagnostic) {
        var status = stat()
        if stat(path, &status) == 0 { return }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex { try makeFolders(String(path[..<slash])) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw .error("cannot create \(path): \(String(cString: strerror(errno)))", at: nil)
        }
    }
}
