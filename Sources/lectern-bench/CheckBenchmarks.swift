import Foundation
import LessonCheck
import LessonDocument
import LessonExecution

/// Benchmarks for the check stage: `lectern check` over 100 copies of a lesson, in-process
/// (pages parsed once each and run in parallel threads, as the command does).
func checkBenchmarks() {
    let (name, page) = shortcutLesson()
    let folder = NSTemporaryDirectory() + "lectern-check-bench-\(ProcessInfo.processInfo.processIdentifier)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for copy in 0..<100 {
            try Data(page.utf8).write(to: URL(filePath: folder + "/page-\(String(format: "%03d", copy)).md"))
        }
    } catch {
        print("check: cannot write the benchmark pages: \(error)")
        return
    }
    let jobs = ParallelPages.machineCores
    let options = CheckOptions(jobs: .fixed(jobs))
    _ = CheckRun.check([folder], options: options)  // warm-up: page cache, lazy statics
    var seconds: [Double] = []
    var summary = CheckSummary(pages: [])
    for _ in 0..<3 {
        let start = ContinuousClock.now
        summary = CheckRun.check([folder], options: options)
        seconds.append(Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000)
    }
    seconds.sort()
    let outcome = summary.errorCount > 0
        ? "\(summary.outcomeLine), \(summary.errorCount) pages stopped: \(summary.pages.first?.error?.message ?? "")"
        : summary.outcomeLine
    print(String(format: "check 100 pages (copies of %@, %d jobs): best %.3f s, median %.3f s wall (goal ≤ 1 s on 2 cores) [%@]",
                 name, jobs, seconds[0], seconds[1], outcome))

    // The stages that are check's own, without running cells: parsing 100 pages, then comparing
    // every block of them with itself.
    let parseStart = ContinuousClock.now
    let documents = (0..<100).compactMap { _ in try? Document.parse(path: name, contents: Array(page.utf8)) }
    let parseSeconds = Double((ContinuousClock.now - parseStart) / .microseconds(1)) / 1_000_000
    print(String(format: "check: parse 100 pages: %.4f s", parseSeconds))
    let blocks = documents.flatMap { $0.cells.compactMap(\.expectedOutput) }
    let start = ContinuousClock.now
    var mismatches = 0
    for block in blocks {
        mismatches += OutputComparison.compare(
            expected: block.text, produced: block.text, tolerance: Tolerance(), textLocation: block.textLocation).count
    }
    let compareSeconds = Double((ContinuousClock.now - start) / .microseconds(1)) / 1_000_000
    print(String(format: "check: compare %d output blocks: %.4f s (%d mismatches)",
                 blocks.count, compareSeconds, mismatches))
}
