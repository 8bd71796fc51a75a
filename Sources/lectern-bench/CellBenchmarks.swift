import Foundation
import LessonCells
import LessonDocument
import LessonModel

/// Benchmarks for the cell stage: the shortcut-connections lesson's cells end to end (Swift
/// parse, lower, evaluate, both models, printing), and loops beside CPython running the same.
func cellBenchmarks() {
    print("== cells ==")
    let lesson = shortcutLesson()
    guard let page = try? Document.parse(path: lesson.path, contents: Array(lesson.text.utf8)) else {
        fatalError("lectern-bench: \(lesson.path) does not parse")
    }
    let lessonMilliseconds = median(sortedMilliseconds(runs: 30) { runShortcutLesson(page.cells) })
    print("shortcut lesson, all cells (parse + lower + run): \(format(lessonMilliseconds)) ms   (median of 30; goal <= 3 ms)")

    let loop = "var s = 0.0\nfor i in 0..<1_000_000 { s += Double(i) * 0.5 }\nprint(s)"
    let loopTimings = PairedTimings(runs: 7, python: "s = 0.0\nfor i in range(1_000_000):\n    s += float(i) * 0.5") {
        let output = CellSession().run(CellSource(code: loop, location: SourceLocation(file: "bench.md", line: 1, column: 1)))
        precondition(output.printedText == "249999750000.0\n", "loop printed \(output.printedText)")
    }
    print("1M-iteration Double loop, best of 7: \(loopTimings.summary)   (goal: ratio <= 1.00)")

    // Growing collections in a loop (a training loop's list of losses): each append must change
    // the collection in place, or the loop turns quadratic.
    let appends = """
        struct Log { var losses: [Double] = [] }
        var log = Log()
        var all: [Double] = []
        var text = ""
        for i in 0..<100_000 {
            log.losses.append(Double(i))
            all += [Double(i)]
            text += "x"
        }
        print(log.losses.count + all.count + text.count)
        """
    let pythonAppends = """
        losses, every, text = [], [], ""
        for i in range(100_000):
            losses.append(float(i))
            every += [float(i)]
            text += "x"
        """
    // Ours counts parsing and lowering the cell; the goal compares it with CPython running the
    // loop as a compiled function (locals, `text +=` in place), the stricter of CPython's two.
    // Runs alternate with CPython's (`PairedTimings`), so the ratio holds on a loaded machine.
    let paired = PairedTimings(runs: 11, python: pythonAppends) {
        let output = CellSession().run(CellSource(code: appends, location: SourceLocation(file: "bench.md", line: 1, column: 1)))
        precondition(output.printedText == "300000\n", "appends printed \(output.printedText)")
    }
    let moduleLevel = pythonMilliseconds(pythonAppends, runs: 5)
    print("100k appends to a struct's array, an array and a string, best of 11: \(paired.summary)   (goal: ratio <= 1.00); CPython compiled and run at module level: \(moduleLevel.map { format($0.compiled) } ?? "n/a") ms")
}

/// Runs every cell of the lesson page in one session, as `lectern run` does (the page parsed
/// beforehand: parsing the Markdown is the report benchmark's business).
func runShortcutLesson(_ cells: [Cell]) {
    let session = CellSession()
    for cell in cells where !cell.options.contains(.norun) {
        let output = session.run(CellSource(code: cell.code, location: cell.codeLocation))
        precondition(output.error == nil || cell.options.contains(.error), "lesson cell failed: \(output.error!)")
    }
}
