/// Escaping for the two spellings. Every piece of text from a page or a cell passes through one
/// of these before it reaches a report.
enum Escape {
    /// Text for HTML or XML element content and double-quoted attribute values.
    static func html(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// Text that Markdown must show literally (a message, a label): characters that could start
    /// inline markup are backslash-escaped, block markers at a line's start too, and `<` and `&`
    /// become entities so no HTML can form.
    static func markdown(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 8)
        var atLineStart = true
        for character in text.unicodeScalars {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                escaped += "\\"
                escaped.unicodeScalars.append(character)
            case "#", "+", "-", "=":
                if atLineStart { escaped += "\\" }
                escaped.unicodeScalars.append(character)
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            default: escaped.unicodeScalars.append(character)
            }
            atLineStart = character == "\n"
        }
        return escaped
    }

    /// A fence longer than any run of `character` inside `text`, so the text cannot close it.
    static func fence(for text: String, character: Character = "`") -> String {
        var longest = 0, run = 0
        for c in text {
            if c == character { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return String(repeating: character, count: max(3, longest + 1))
    }
}

extension String {
    /// `\r\n` and lone `\r` as `\n`: reports use one line ending whatever the page used.
    var withUnixLineEndings: String {
        guard utf8.contains(0x0D) else { return self }
        return replacingCRLF()
    }

    private func replacingCRLF() -> String {
        var result = ""
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                result += "\n"
                previousWasCR = true
            } else {
                if !(scalar == "\n" && previousWasCR) { result.unicodeScalars.append(scalar) }
                previousWasCR = false
            }
        }
        return result
    }

    /// The text with a final newline, as a fenced block's contents must end.
    var endingWithNewline: String { isEmpty || hasSuffix("\n") ? self : self + "\n" }
}
