import LessonModel
import Yams

extension LineTable {
    /// A Yams mark (line from 1 within the YAML, column in Unicode scalars) as a location in the
    /// file (its line, column in UTF-8 bytes), for YAML that starts on the file's `firstLine`:
    /// 1 for `_toc.yml`, 2 for front matter after its `---`. No mark: that first line, column 1.
    func location(of mark: Mark?, yamlStartingAt firstLine: Int, in path: String) -> SourceLocation {
        guard let mark else { return SourceLocation(file: path, line: firstLine, column: 1) }
        let line = max(1, mark.line) + firstLine - 1
        guard line <= lineCount else { return SourceLocation(file: path, line: line, column: 1) }
        let text = String(decoding: content(ofLine: line), as: UTF8.self)
        let prefix = text.unicodeScalars.prefix(max(0, mark.column - 1))
        return SourceLocation(file: path, line: line, column: prefix.reduce(0) { $0 + UTF8.width($1) } + 1)
    }
}
