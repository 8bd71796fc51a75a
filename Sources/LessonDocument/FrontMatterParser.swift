import LessonModel
import Yams

/// Reads the YAML front matter at the very top of a page: a `---` line, the YAML, and a closing
/// `---` (or `...`) line. Known keys are `title`, `tolerance` and `limits`; anything else is a warning, so a
/// misspelt key is noticed rather than silently ignored.
struct FrontMatterParser {
    static let knownKeys = ["title", "tolerance", "limits"]

    let lines: LineTable
    let path: String

    /// The front matter and the line the page's Markdown starts on (1 when there is none).
    func parse(diagnostics: inout [Diagnostic]) throws(Diagnostic) -> (FrontMatter, bodyLine: Int) {
        guard isDelimiter(line: 1, allowingDots: false) else { return (FrontMatter(), 1) }
        var closing = 2
        while closing <= lines.lineCount, !isDelimiter(line: closing, allowingDots: true) { closing += 1 }
        guard closing <= lines.lineCount else {
            throw .error("front matter has no closing '---' line", at: location(line: 1, column: 1))
        }
        let yamlBytes = lines.bytes[lines.start(ofLine: 2)..<lines.start(ofLine: closing)]
        let yaml = String(decoding: yamlBytes, as: UTF8.self)
        var frontMatter = FrontMatter(byteRange: 0..<lines.end(ofLine: closing))

        let root: Node?
        do {
            // The basic resolver reads every scalar as text: the keys need nothing more, and it
            // skips the default resolver's regular expressions, which cost a few milliseconds and
            // megabytes at start-up (ICU) for every page.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            throw yamlDiagnostic(error)
        }
        guard let root else { return (frontMatter, closing + 1) }
        guard let mapping = root.mapping else {
            throw .error("front matter must be 'key: value' lines", at: location(of: root.mark))
        }
        for (key, value) in mapping {
            let name = key.string ?? ""
            switch name {
            case "title":
                guard let scalar = value.scalar else {
                    throw .error("'title' must be text", at: location(of: value.mark))
                }
                frontMatter.title = scalar.string
            case "tolerance":
                guard let text = value.scalar?.string, let tolerance = Double(text), tolerance.isFinite, tolerance >= 0 else {
                    throw .error(
                        "'tolerance' must be a non-negative number such as 1e-5, not '\(value.scalar?.string ?? "a list")'",
                        at: location(of: value.mark))
                }
                frontMatter.tolerance = tolerance
            case "limits":
                frontMatter.limits = try limits(value)
            default:
                diagnostics.append(.warning(
                    "unknown front matter key '\(name)' (known keys: \(Self.knownKeys.joined(separator: ", ")))",
                    at: location(of: key.mark)))
            }
        }
        return (frontMatter, closing + 1)
    }

    /// `limits:` as a mapping of limit names to numbers (`limits: { time: 60, memory: 4000000000 }`).
    private func limits(_ value: Node) throws(Diagnostic) -> LimitSettings {
        guard let mapping = value.mapping else {
            throw .error("'limits' must be 'name: value' lines such as 'time: 60'", at: location(of: value.mark))
        }
        var settings = LimitSettings()
        for (key, number) in mapping {
            guard let text = number.scalar?.string else {
                throw .error("limit '\(key.string ?? "")' must be a number", at: location(of: number.mark))
            }
            switch LimitSettings.parse(name: key.string ?? "", value: text) {
            case .success(let (name, parsed)): settings[name] = parsed
            case .failure(let error): throw .error(error.message, at: location(of: key.string.flatMap(LimitName.init) == nil ? key.mark : number.mark))
            }
        }
        return settings
    }

    private func isDelimiter(line: Int, allowingDots: Bool) -> Bool {
        guard line <= lines.lineCount else { return false }
        var content = lines.content(ofLine: line)
        // A UTF-8 byte order mark may precede the opening line.
        if line == 1, content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
        while let last = content.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { content = content.dropLast() }
        return content.elementsEqual("---".utf8) || (allowingDots && content.elementsEqual("...".utf8))
    }

    private func yamlDiagnostic(_ error: any Error) -> Diagnostic {
        switch YAMLProblem(error) {
        case .invalid(let problem, let mark):
            return .error("front matter is not valid YAML: \(problem)", at: location(of: mark))
        case .repeatedKeys(let keys, let mark):
            return .error("front matter repeats the key \(keys)", at: location(of: mark))
        }
    }

    private func location(of mark: Mark?) -> SourceLocation {
        lines.location(of: mark, yamlStartingAt: 2, in: path)
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }
}
