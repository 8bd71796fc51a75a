import Foundation
import LessonDocument
import LessonModel
import Testing
@testable import LessonCheck
@testable import LessonExecution

/// Pages run in a child process: a page that crashes by a signal is that page's located error,
/// and the others still report. The child here is a script that answers as `lectern __run-cells`
/// does, then kills itself where a real interpreter would crash.
@Suite struct PageIsolationTests {
    let scratch: ScratchFolder
    init() throws { scratch = try ScratchFolder() }

    /// A child that, for each page, answers cell 0 with `1` and, for a page whose name starts
    /// with `crash`, dies by SIGSEGV in cell 1; other pages' cell 1 answers `2`.
    func fakeChild() throws -> String {
        let script = try scratch.write("child.sh", """
            #!/bin/sh
            while IFS= read -r header; do
              bytes=$(printf '%s' "$header" | sed 's/.*"bytes":\\([0-9]*\\).*/\\1/')
              path=$(printf '%s' "$header" | sed 's/.*"path":"\\([^"]*\\)".*/\\1/')
              head -c "$bytes" > /dev/null
              printf '%s\\n' '{"cell":0,"output":{"items":[{"text":{"_0":"1\\n"}}]}}'
              case "$(basename "$path")" in crash*) kill -SEGV $$ ;; esac
              printf '%s\\n' '{"cell":1,"output":{"items":[{"text":{"_0":"2\\n"}}]}}'
              printf '%s\\n' '{"cell":-1}'
            done
            """)
        #expect(chmod(script, 0o755) == 0)
        return script
    }

    let page = "```swift\nprint(1)\n```\n\n```output\n1\n```\n\n```swift\nprint(2)\n```\n\n```output\n2\n```\n"

    @Test func aCrashedPageKeepsWhatItPrintedAndIsLocatedAtTheCell() throws {
        let path = try scratch.write("crash.md", page)
        let document = try Document.load(path: path)
        let executed = ExecutedDocument.execute(document, limits: .default, isolation: .childProcess(executable: try fakeChild()))
        #expect(executed.outputs[0]?.printedText == "1\n")
        let error = try #require(executed.firstUnexpectedError)
        #expect(error.message == "page crashed (signal 11) while this cell ran; the other pages were not affected")
        #expect(error.location == SourceLocation(file: path, line: 10, column: 1))
    }

    @Test func theOtherPagesStillReportAndJUnitIsWritten() throws {
        try scratch.write("a.md", page)
        try scratch.write("crash.md", page)
        try scratch.write("z.md", page)
        let options = CheckOptions(jobs: 2, isolation: .childProcess(executable: try fakeChild()))
        let summary = CheckRun.check([scratch.path + "/a.md", scratch.path + "/crash.md", scratch.path + "/z.md"], options: options)
        #expect(summary.pages.map(\.passedCount) == [2, 1, 2])
        #expect(summary.pages[1].error?.message.hasPrefix("page crashed (signal 11)") == true)
        #expect(summary.exitCode == 2)
        let junit = CheckFormat.junit.render(summary)
        #expect(junit.contains("tests=\"6\" failures=\"0\" errors=\"1\""))
    }

    @Test func outputsSurviveTheTripThroughJSON() throws {
        let output = CellOutput(items: [
            .text("loss: nan inf\n"), .warning("broadcast"),
            .figure(.gradientTable(GradientTable(modelLabels: ["a"], rows: [.init(name: "w", shape: [2], meanAbsoluteGradients: [.nan, nil, .infinity, 0.1 + 0.2])]))),
            .error(.error("boom", at: SourceLocation(file: "p.md", line: 3, column: 2))),
        ])
        let data = try ChildExecution.encoder().encode(ChildExecution.Answer(cell: 4, output: output))
        let back = try ChildExecution.decoder().decode(ChildExecution.Answer.self, from: data)
        #expect(back.cell == 4)
        // NaN is not equal to itself: compare the spelling of every value.
        #expect(String(describing: try #require(back.output)) == String(describing: output))
        #expect(!data.contains(UInt8(ascii: "\n")))
    }
}
