/// How `bless` spells text inside a page: the page's own line endings and fence indentation.
enum PageText {
    /// `\r\n` when the page's first line ends that way, else `\n`.
    static func lineEnding(of source: [UInt8]) -> String {
        guard let newline = source.firstIndex(of: UInt8(ascii: "\n")) else { return "\n" }
        return newline > 0 && source[newline - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n"
    }

    /// `produced` as the lines of a block indented like its fence (CommonMark strips that much
    /// indentation from each line), every line ended, blank lines left without spaces.
    static func blockText(_ produced: String, indent: Int, lineEnding: String) -> String {
        let prefix = String(repeating: " ", count: indent)
        return produced.textLines.map { line in (line.isEmpty ? "" : prefix + line) + lineEnding }.joined()
    }

    /// An output block's fence, e.g. "  ```" or "~~~~".
    struct Fence {
        var indent: Int
        var character: Character
        var length: Int

        init(_ fence: String) {
            indent = fence.prefix { $0 == " " }.count
            let marks = fence.dropFirst(indent)
            character = marks.first ?? "`"
            length = max(3, marks.count)
        }

        /// The first produced line that CommonMark would read as this block's closing fence:
        /// up to three spaces, at least `length` fence characters, then only spaces or tabs.
        func closingLine(in produced: String) -> String? {
            for line in produced.textLines {
                let rest = line.drop { $0 == " " }
                guard line.count - rest.count <= 3 else { continue }
                let marks = rest.prefix { $0 == character }
                if marks.count >= length, rest.dropFirst(marks.count).allSatisfy({ $0 == " " || $0 == "\t" }) {
                    return String(line)
                }
            }
            return nil
        }

        /// Three backticks, or one more than the longest run that opens a line of `produced`.
        static func backticks(longerThanRunsIn produced: String) -> String {
            let longest = produced.textLines.map { line in line.drop { $0 == " " }.prefix { $0 == "`" }.count }.max() ?? 0
            return String(repeating: "`", count: max(3, longest + 1))
        }
    }
}
