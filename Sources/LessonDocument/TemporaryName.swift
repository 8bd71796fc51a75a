#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names of `AtomicFile`'s temporaries, `.NAME.lectern-PID-XXXXXX` beside `NAME`, and the
/// removal of ones a killed process left. Only this exact pattern is ever removed, and only when
/// the process that made it no longer runs, so a write in progress elsewhere is left alone.
enum TemporaryName {
    /// `mkstemp`'s template for a temporary beside `path`.
    static func template(for path: String) -> String {
        let (folder, name) = split(path)
        return folder + prefix(for: name) + "\(getpid())-XXXXXX"
    }

    /// Removes stale temporaries of `path` from its folder.
    static func removeStale(beside path: String) {
        let (folder, name) = split(path)
        let start = prefix(for: name)
        guard let handle = opendir(folder.isEmpty ? "." : folder) else { return }
        var stale: [String] = []
        while let entry = readdir(handle) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard entryName.hasPrefix(start), let pid = processID(in: entryName.dropFirst(start.count)), isGone(pid) else { continue }
            stale.append(entryName)
        }
        closedir(handle)
        for entryName in stale {
            var status = stat()
            // Only regular files: never follow a link someone placed under this name.
            if lstat(folder + entryName, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG { unlink(folder + entryName) }
        }
    }

    private static func prefix(for name: String) -> String { "." + name + ".lectern-" }

    /// The PID in `PID-XXXXXX` (digits, a dash, six characters from `mkstemp`).
    private static func processID(in rest: Substring) -> pid_t? {
        guard let dash = rest.firstIndex(of: "-"), rest[rest.index(after: dash)...].utf8.count == 6 else { return nil }
        let digits = rest[..<dash]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return pid_t(digits)
    }

    /// The process is not running (`kill(pid, 0)` says there is no such process).
    private static func isGone(_ pid: pid_t) -> Bool {
        pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }
}
