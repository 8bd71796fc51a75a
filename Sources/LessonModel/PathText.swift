/// A file name as messages show it. A name may hold any byte but `/` and NUL; a newline or
/// another control character in it would split a `file:line:col` message or forge a second
/// one, so every format that prints a path for people prints it through here: control
/// characters as Swift-style escapes (`\n`, `\t`, `\u{1B}`), everything else as it is.
public enum PathText {
    public static func display(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: isControl) else { return path }
        return path.unicodeScalars.map(escaped).joined()
    }

    /// A control character as a Swift-style escape; any other character as it is.
    public static func escaped(_ scalar: Unicode.Scalar) -> String {
        guard isControl(scalar) else { return String(scalar) }
        let short: [Unicode.Scalar: String] = ["\n": "\\n", "\r": "\\r", "\t": "\\t"]
        return short[scalar] ?? "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
