#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and standard error by file descriptor, unbuffered, so the two streams
/// interleave in the order a page produced them.
public enum StandardStreams {
    public static func output(_ text: String) { write(text, to: 1) }
    public static func error(_ text: String) { write(text, to: 2) }

    /// One diagnostic or problem per line on standard error.
    public static func errorLine(_ line: String) { error(line.hasSuffix("\n") ? line : line + "\n") }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count <= 0 { return }
                offset += count
            }
        }
    }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
