import Foundation
import LessonCells
import LessonDocument
import LessonModel

/// Where the 100k-append benchmark's time goes (`lectern-bench cells-split`): a session alone,
/// the cell with no iterations (parse and lowering), then each statement of its loop alone in a
/// 100k loop, beside CPython running the same statement, and CPython compiling the whole source
/// as well as running it (what `cells` times of ours: parse, lowering and run).
/// With `LECTERN_BENCH_CELL` set, runs that cell's code 50 times instead, for a profiler; with
/// `LECTERN_BENCH_LESSON` set, the shortcut lesson's cells 300 times.
func cellSplitBenchmarks() {
    if let code = ProcessInfo.processInfo.environment["LECTERN_BENCH_CELL"] {
        for _ in 0..<50 { _ = CellSession().run(CellSource(code: code, location: SourceLocation(file: "bench.md", line: 1, column: 1))) }
        return
    }
    if ProcessInfo.processInfo.environment["LECTERN_BENCH_LESSON"] != nil {
        let lesson = shortcutLesson()
        guard let page = try? Document.parse(path: lesson.path, contents: Array(lesson.text.utf8)) else { return }
        for _ in 0..<300 { runShortcutLesson(page.cells) }
        return
    }
    print("== cells-split (best of 7, ms) ==")
    func ours(_ code: String) -> Double {
        best(sortedMilliseconds(runs: 7) {
            let output = CellSession().run(CellSource(code: code, location: SourceLocation(file: "bench.md", line: 1, column: 1)))
            precondition(output.error == nil, "\(code) failed: \(output.error!)")
        })
    }
    let declarations = """
        struct Log { var losses: [Double] = [] }
        var log = Log()
        var all: [Double] = []
        var text = ""
        """
    func loop(_ count: String, _ body: String) -> String {
        "\(declarations)\nfor i in 0..<\(count) {\n\(body)\n}\nprint(log.losses.count + all.count + text.count)"
    }
    let body = "    log.losses.append(Double(i))\n    all += [Double(i)]\n    text += \"x\""
    print("session alone (empty cell): \(format(ours("")))")
    print("appends cell, 0 iterations (parse + lower + session): \(format(ours(loop("0", body))))")
    print("appends cell, 100k iterations: \(format(ours(loop("100_000", body))))")

    let pythonDeclarations = "losses, every, text = [], [], \"\"\n"
    let rows: [(String, String, String)] = [
        ("empty loop body", "    _ = i", "    pass"),
        ("log.losses.append(Double(i))", "    log.losses.append(Double(i))", "    losses.append(float(i))"),
        ("all += [Double(i)]", "    all += [Double(i)]", "    every += [float(i)]"),
        ("text += \"x\"", "    text += \"x\"", "    text += \"x\""),
    ]
    for (name, swift, python) in rows {
        let mine = ours(loop("100_000", swift))
        let theirs = pythonMilliseconds(pythonDeclarations + "for i in range(100_000):\n" + python, runs: 7)
        print("100k \(name): \(format(mine))   CPython: \(theirs.map { "function \(format($0.function)), compile + exec \(format($0.compiled))" } ?? "n/a")")
    }
    let whole = pythonMilliseconds(pythonDeclarations + "for i in range(100_000):\n    losses.append(float(i))\n    every += [float(i)]\n    text += \"x\"", runs: 7)
    print("CPython, whole appends source: \(whole.map { "function \(format($0.function)), compile + exec at module level \(format($0.compiled))" } ?? "n/a")")
}
