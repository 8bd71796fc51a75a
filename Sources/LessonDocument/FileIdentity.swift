#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file however it is named (a link, `./x`, `dir/../x`): its device and inode. The one
/// identity the page walk, the contents reader and the render use to tell two names of one file.
package struct FileIdentity: Hashable, Sendable {
    package var device: UInt64
    package var inode: UInt64

    package init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    /// The identity of the file `path` leads to (links followed); nil when it leads nowhere.
    package init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    /// Whether two paths name one existing file.
    package static func same(_ a: String, _ b: String) -> Bool {
        guard let first = FileIdentity(path: a) else { return false }
        return first == FileIdentity(path: b)
    }
}
