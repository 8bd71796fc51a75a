import Foundation
import LessonDocument
import LessonExecution
import LessonReport

/// Benchmarks for the report stage: one lesson page to HTML and Markdown (parse, run, render),
/// and the rendering alone. The goal is for the whole `lectern render` process: ≤ 25 ms wall.
func reportBenchmarks() {
    let (name, page) = reportBenchmarkLesson()
    let bytes = Array(page.utf8)
    guard let document = try? Document.parse(path: name, contents: bytes) else {
        print("render: the benchmark page does not parse")
        return
    }
    let executed = ExecutedDocument.execute(document)

    func milliseconds(_ work: () -> Void) -> [Double] {
        work()  // warm-up: lazy statics, page cache
        var times: [Double] = []
        for _ in 0..<15 {
            let start = ContinuousClock.now
            work()
            times.append(Double((ContinuousClock.now - start) / .microseconds(1)) / 1000)
        }
        return times.sorted()
    }
    var size = 0
    let whole = milliseconds {
        guard let document = try? Document.parse(path: name, contents: bytes) else { return }
        let executed = ExecutedDocument.execute(document)
        size = ReportRenderer.files(executed, name: "lesson", formats: [.html, .md]).reduce(0) { $0 + $1.contents.utf8.count }
    }
    let renderOnly = milliseconds {
        _ = ReportRenderer.files(executed, name: "lesson", formats: [.html, .md])
    }
    let cellErrors = executed.firstUnexpectedError.map { " [cells stopped: \($0.message)]" } ?? ""
    print(String(format: "render %@ (parse, run, HTML + Markdown, %d bytes): best %.2f ms, median %.2f ms (goal: whole process ≤ 25 ms)%@",
                 name, size, whole[0], whole[whole.count / 2], cellErrors))
    print(String(format: "render: HTML + Markdown writers alone: best %.2f ms, median %.2f ms",
                 renderOnly[0], renderOnly[renderOnly.count / 2]))
}

/// The published lesson when the package has it, else a page with every kind of block.
private func reportBenchmarkLesson() -> (name: String, text: String) {
    let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let lesson = root.appending(path: "notebooks/shortcut-connections.md")
    if let text = try? String(contentsOf: lesson, encoding: .utf8) { return ("notebooks/shortcut-connections.md", text) }
    let prose = "Prose with *emphasis*, `code`, a [link](https://example.com) and a table:\n\n| a | b |\n| - | -: |\n| 1 | 2 |\n"
    let cell = "```swift\nlet layerSizes = [3, 3, 3, 3, 3, 1]\nfor (i, size) in layerSizes.enumerated() where i > 0 {\n    print(\"layer \\(i) has \\(size) outputs\")\n}\n```\n"
    return ("a built-in page", "---\ntitle: Benchmark\n---\n\n# Benchmark\n\n" + Array(repeating: prose + "\n" + cell, count: 8).joined(separator: "\n"))
}
