import Foundation
import LessonDocument
import LessonExecution
import LessonReport

/// Benchmarks for the report stage: one lesson page to HTML and Markdown (parse, run, render),
/// and the rendering alone. The goal is for the whole `lectern render` process: ≤ 25 ms wall.
func reportBenchmarks() {
    let (name, page) = shortcutLesson()
    let bytes = Array(page.utf8)
    guard let document = try? Document.parse(path: name, contents: bytes) else {
        print("render: the benchmark page does not parse")
        return
    }
    let executed = ExecutedDocument.execute(document)

    var size = 0
    let whole = sortedMilliseconds(runs: 15) {
        guard let document = try? Document.parse(path: name, contents: bytes) else { return }
        let executed = ExecutedDocument.execute(document)
        size = ReportRenderer.files(executed, name: "lesson", formats: [.html, .md]).reduce(0) { $0 + $1.contents.utf8.count }
    }
    let renderOnly = sortedMilliseconds(runs: 15) {
        _ = ReportRenderer.files(executed, name: "lesson", formats: [.html, .md])
    }
    let cellErrors = executed.firstUnexpectedError.map { " [cells stopped: \($0.message)]" } ?? ""
    print(String(format: "render %@ (parse, run, HTML + Markdown, %d bytes): best %.2f ms, median %.2f ms (in process; the whole-process goal is measured by scripts/bench-process.sh)%@",
                 name, size, whole[0], whole[whole.count / 2], cellErrors))
    print(String(format: "render: HTML + Markdown writers alone: best %.2f ms, median %.2f ms",
                 renderOnly[0], renderOnly[renderOnly.count / 2]))
}
