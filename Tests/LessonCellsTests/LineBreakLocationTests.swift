import LessonCells
import LessonModel
import Testing

/// Locations after each kind of Swift line break (LF, CR, CR LF), inside multi-line strings and
/// comments, and in a cell whose fence is indented (every line's column shifts by it). Columns
/// count UTF-8 bytes, as swift-syntax's do (`é` is two).
@Suite struct LineBreakLocationTests {
    static let cases: [(String, String)] = [
        ("let a = 1\nlet b = zz", "page.md:2:9: error: cannot find 'zz' in scope"),
        ("let a = 1\r\nlet b = zz", "page.md:2:9: error: cannot find 'zz' in scope"),
        ("let a = 1\rlet b = zz", "page.md:2:9: error: cannot find 'zz' in scope"),
        ("let a = 1\r\r\n\n\rlet b = zz", "page.md:5:9: error: cannot find 'zz' in scope"),
        ("let s = \"\"\"\r\n  one\r  two\n  \"\"\"\r\nlet é = [1]\nprint(é[3])", "page.md:6:9: error: index out of range: index 3 into an array of 1 element"),
        ("/* a\r\n b */ let c = \"é\" + zz", "page.md:2:22: error: cannot find 'zz' in scope"),
        ("// é\r\nlet d = [1] +\r\n  [zz]", "page.md:3:4: error: cannot find 'zz' in scope"),
        // The source scan's refusals, located by the same line table as the parser's errors.
        ("let a = 1\rlet b = \"\u{1}\"", "page.md:2:10: error: control character U+0001 in a cell; cells may contain tabs and line breaks, but no other control characters"),
        ("let a = 1\r\nlet b = \"\u{1}\"", "page.md:2:10: error: control character U+0001 in a cell; cells may contain tabs and line breaks, but no other control characters"),
    ]

    @Test func locationsFollowEachLineBreak() {
        for (code, expected) in Self.cases { #expect(failure(code) == expected, "\(code.debugDescription)") }
    }

    @Test func indentedFenceShiftsEveryLine() {
        let session = CellSession()
        let output = session.run(CellSource(code: "let a = 1\r\nlet b = a +\n  zz", location: SourceLocation(file: "page.md", line: 10, column: 5)))
        #expect(output.error?.description == "page.md:12:7: error: cannot find 'zz' in scope")
        let scanned = session.run(CellSource(code: "let a = 1\nlet b = \"\u{1}\"", location: SourceLocation(file: "page.md", line: 10, column: 5)))
        #expect(scanned.error?.description.hasPrefix("page.md:11:14: error: control character U+0001") == true, "\(scanned.error?.description ?? "no error")")
    }
}
