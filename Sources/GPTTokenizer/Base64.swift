/// Standard base64 (RFC 4648, `+` and `/`, `=` padding), decoded straight from the file's bytes:
/// fifty thousand calls to Foundation's `Data(base64Encoded:)` would dominate loading time.
enum Base64 {
    /// Each ASCII byte's 6-bit value, or 0xFF for a byte that is not in the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        return table
    }()

    /// Appends the bytes `text` stands for to `output`; returns the offset within `text` of the
    /// first byte that makes it invalid, or nil when it decoded.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]) -> Int? {
        guard text.count % 4 == 0 else { return text.count }
        let values = Self.values
        var index = 0
        while index < text.count {
            var group: UInt32 = 0
            var padding = 0
            for offset in 0..<4 {
                let byte = text[index + offset]
                if byte == UInt8(ascii: "=") && index + 4 == text.count && offset >= 2 {
                    padding += 1
                    group <<= 6
                    continue
                }
                let value = values[Int(byte)]
                if value == 0xFF || padding > 0 { return index + offset }
                group = group << 6 | UInt32(value)
            }
            output.append(UInt8(truncatingIfNeeded: group >> 16))
            if padding < 2 { output.append(UInt8(truncatingIfNeeded: group >> 8)) }
            if padding < 1 { output.append(UInt8(truncatingIfNeeded: group)) }
            index += 4
        }
        return nil
    }
}
