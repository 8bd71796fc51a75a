import LessonModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Writes that never leave a half-written file: the bytes go to a temporary file beside the
/// target and then take the target's name in one step. Pages (`bless`, `new`) and reports
/// (`render`) are written through here.
public enum AtomicFile {
    /// Replaces (or creates) `path`, keeping an existing file's permissions. `durable` flushes
    /// the bytes to disk before the rename: wanted for an author's page, not for a report that
    /// the next render writes again.
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(Diagnostic) {
        let temporary = try writeTemporary(bytes, beside: path, durable: durable)
        var status = stat()
        if stat(path, &status) == 0 { chmod(temporary, status.st_mode & 0o7777) }
        guard rename(temporary, path) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw .error("cannot write \(path): \(reason)", at: nil)
        }
    }

    /// Creates `path` and refuses, leaving it untouched, when something already has that name.
    public static func create(_ bytes: [UInt8], at path: String) throws(Diagnostic) {
        let temporary = try writeTemporary(bytes, beside: path, durable: true)
        defer { unlink(temporary) }
        // `link` fails rather than replace an existing name, which `rename` would do silently.
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { throw .error("\(path) already exists; not overwriting it", at: nil) }
            throw .error("cannot create \(path): \(systemReason())", at: nil)
        }
    }

    private static func writeTemporary(_ bytes: [UInt8], beside path: String, durable: Bool) throws(Diagnostic) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((folder + "." + name + ".lectern-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .error("cannot write \(path): \(systemReason())", at: nil) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = 0
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 { return false }
                written += count
            }
            return !durable || fsync(descriptor) == 0
        }
        let reason = ok ? "" : systemReason()
        close(descriptor)
        guard ok else {
            unlink(temporary)
            throw .error("cannot write \(path): \(reason)", at: nil)
        }
        chmod(temporary, 0o644)
        return temporary
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
