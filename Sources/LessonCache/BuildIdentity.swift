import CBuildIdentity
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which lectern build is running, so a cache entry written by another build is never used: a
/// different interpreter or engine could print different numbers for the same cells.
///
/// On Linux this is the executable's GNU build-id, which the linker computes from the whole
/// linked output (any change to any linked code changes it) and which is already mapped in
/// memory: reading it costs nothing, where hashing a 40 MB static executable would cost more
/// than a render of unchanged pages. Without a build-id the executable's bytes are hashed.
public enum BuildIdentity {
    public static let current: String = {
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBufferPointer { lectern_executable_build_id($0.baseAddress, $0.count) }
        if length > 0 { return "elf-build-id:" + SHA256.hexString(Array(buffer.prefix(length))) }
        if let bytes = executableBytes() { return "executable-sha256:" + SHA256.hex(bytes) }
        // Nothing identifies the build: a fresh value per process means no entry is ever reused.
        return "unidentified-process:\(getpid())-\(time(nil))"
    }()

    private static func executableBytes() -> [UInt8]? {
        #if os(Linux)
        let path = "/proc/self/exe"
        #else
        let path = CommandLine.arguments.first ?? ""
        #endif
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes += chunk.prefix(count)
        }
        return ferror(file) == 0 ? bytes : nil
    }
}
