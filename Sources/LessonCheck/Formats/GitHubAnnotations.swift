import LessonModel

/// GitHub Actions workflow commands: an `::error` annotation per mismatch and page error,
/// `::warning` per parser warning, then the outcome as a plain log line.
enum GitHubAnnotations {
    static func render(_ summary: CheckSummary) -> String {
        var lines: [String] = []
        for page in summary.pages {
            for warning in page.warnings {
                lines.append(command("warning", file: page.path, at: warning.location, title: "lectern", message: warning.message))
            }
            for block in page.blocks {
                for mismatch in block.mismatches {
                    lines.append(command(
                        "error", file: page.path, at: mismatch.location,
                        title: "output differs (cell \(block.cellIndex + 1))", message: PageResult.mismatchText(mismatch)))
                }
            }
            if let error = page.error {
                lines.append(command("error", file: page.path, at: error.location, title: "page could not be checked", message: error.message))
            }
        }
        lines.append(summary.outcomeLine)
        return lines.joined(separator: "\n") + "\n"
    }

    static func command(_ name: String, file: String, at location: SourceLocation?, title: String, message: String) -> String {
        var properties = ["file=" + escapeProperty(file)]
        if let location {
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
        }
        properties.append("title=" + escapeProperty(title))
        return "::\(name) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    /// GitHub's rule for a command's message (`escapeData` in actions/toolkit): `%`, CR and LF
    /// as `%25`, `%0D`, `%0A`. The runner has no escape for other control characters, which
    /// would reach the log raw (a terminal escape sequence, a NUL): they are written as
    /// `\u{1B}`, the way messages show control characters in file names. Tabs stay.
    static func escapeData(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            case "\t": result.unicodeScalars.append(scalar)
            default: result += PathText.escaped(scalar)
            }
        }
        return result
    }

    /// Property values also escape the separators `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        var result = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
