import LessonModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
private let systemRename = Glibc.rename
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
private let systemRename = Darwin.rename
#endif

/// Writes that never leave a half-written file: the bytes go to a temporary file beside the
/// target and then take the target's name in one step. Every file lectern writes goes through
/// here: pages (`bless`, `new`), reports, figures and the index (`render`).
///
/// The rules, the same for every file:
/// - a symbolic link is written through: its target gets the bytes, the link stays a link;
/// - the file keeps its permissions (and owner, where the process may set it);
/// - a read-only file is refused, not replaced (a rename would succeed, the folder being writable);
/// - a file with several hard links is rewritten in place, so every name sees the new bytes
///   (renaming would leave the other names holding the old ones): the complete new bytes are
///   first written and flushed to the temporary, which stays as a copy if the process dies
///   while the file itself is overwritten;
/// - with `expecting`, a file whose bytes are no longer those (the author saved meanwhile) is
///   not touched: the check runs after the temporary is written, right before the rename;
/// - temporaries are named `.NAME.lectern-PID-XXXXXX`; one left by a process that was killed
///   (its PID no longer runs) is removed the next time the file is written.
public enum AtomicFile {
    /// Replaces (or creates) `path`. `durable` flushes the bytes to disk before the rename:
    /// wanted for an author's page, not for a report that the next render writes again.
    /// `expecting`: the bytes the file must still hold, or nothing is written.
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true, expecting original: [UInt8]? = nil) throws(Diagnostic) {
        let target = try resolvedTarget(path)
        var status = stat()
        let exists = stat(target, &status) == 0
        if exists {
            if let kind = FileKind.nonRegular(status.st_mode) { throw failure(path, kind) }
            if status.st_mode & 0o222 == 0 || access(target, W_OK) != 0 { throw failure(path, "it is read-only") }
        }
        TemporaryName.removeStale(beside: target)
        let temporary = try writeTemporary(bytes, beside: target, durable: durable)
        var keepTemporary = false
        defer { if !keepTemporary { unlink(temporary) } }
        if let original, try !holds(target, original) {
            throw failure(path, "it changed since lectern read it (run the command again)")
        }
        guard exists else {
            try rename(temporary, over: target, path)
            keepTemporary = true
            return
        }
        if status.st_nlink > 1 {
            // The flushed copy is removed once the file holds the new bytes; it stays if the
            // overwrite fails (or the process dies) part way, and the message names it.
            do {
                try overwriteInPlace(target, with: bytes, durable: durable, path)
            } catch {
                keepTemporary = true
                throw .error("\(error.message); the new contents are in \(PathText.display(temporary))", at: nil)
            }
            return
        }
        chmod(temporary, status.st_mode & 0o7777)
        _ = chown(temporary, status.st_uid, status.st_gid)
        try rename(temporary, over: target, path)
        keepTemporary = true
    }

    /// Removes temporaries of `path` that a killed lectern left (see `TemporaryName`), also when
    /// the file is not written this time (`bless` finding the page up to date).
    public static func removeStaleTemporaries(of path: String) {
        TemporaryName.removeStale(beside: (try? resolvedTarget(path)) ?? path)
    }

    /// Creates `path` and refuses, leaving it untouched, when something already has that name.
    public static func create(_ bytes: [UInt8], at path: String) throws(Diagnostic) {
        TemporaryName.removeStale(beside: path)
        let temporary = try writeTemporary(bytes, beside: path, durable: true)
        defer { unlink(temporary) }
        // `link` fails rather than replace an existing name, which `rename` would do silently.
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { throw .error("\(PathText.display(path)) already exists; not overwriting it", at: nil) }
            throw failure(path, systemReason())
        }
    }

    /// The file a write to `path` lands in: the final target of a symbolic link, else `path`.
    static func resolvedTarget(_ path: String) throws(Diagnostic) -> String {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else { return path }
        guard let resolved = realpath(path, nil) else {
            throw failure(path, "it is a symbolic link to a missing file (\(systemReason()))")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func rename(_ temporary: String, over target: String, _ path: String) throws(Diagnostic) {
        guard systemRename(temporary, target) == 0 else { throw failure(path, systemReason()) }
    }

    /// Whether the file at `target` holds exactly `original` (a missing file holds nothing).
    private static func holds(_ target: String, _ original: [UInt8]) throws(Diagnostic) -> Bool {
        let descriptor = open(target, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT && original.isEmpty }
        defer { close(descriptor) }
        var current: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while current.count <= original.count {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { throw failure(target, systemReason()) }
            if count == 0 { break }
            current += chunk[0..<count]
        }
        return current == original
    }

    private static func overwriteInPlace(_ target: String, with bytes: [UInt8], durable: Bool, _ path: String) throws(Diagnostic) {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, systemReason()) }
        defer { close(descriptor) }
        guard writeAll(bytes, to: descriptor), ftruncate(descriptor, off_t(bytes.count)) == 0,
              !durable || fsync(descriptor) == 0 else { throw failure(path, systemReason()) }
    }

    private static func writeTemporary(_ bytes: [UInt8], beside path: String, durable: Bool) throws(Diagnostic) -> String {
        var template = Array(TemporaryName.template(for: path).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw failure(path, systemReason()) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let ok = writeAll(bytes, to: descriptor) && (!durable || fsync(descriptor) == 0)
        let reason = ok ? "" : systemReason()
        close(descriptor)
        guard ok else {
            unlink(temporary)
            throw failure(path, reason)
        }
        chmod(temporary, 0o644)
        return temporary
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer -> Bool in
            var written = 0
            while written < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += count
            }
            return true
        }
    }

    private static func failure(_ path: String, _ reason: String) -> Diagnostic {
        .error("cannot write \(PathText.display(path)): \(reason)", at: nil)
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
