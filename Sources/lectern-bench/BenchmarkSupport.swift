import Foundation

/// The lesson every pipeline benchmark measures: `notebooks/shortcut-connections.md`, as
/// committed. A missing page is a broken checkout, not a reason to measure something else.
func shortcutLesson() -> (path: String, text: String) {
    let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = "notebooks/shortcut-connections.md"
    guard let text = try? String(contentsOf: root.appending(path: path), encoding: .utf8) else {
        fatalError("lectern-bench: cannot read \(path) beside the package")
    }
    return (path, text)
}

/// Wall-clock milliseconds of `runs` calls of `work`, sorted, after one warm-up call (lazy
/// statics, page cache).
func sortedMilliseconds(runs: Int, _ work: () -> Void) -> [Double] {
    work()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        work()
        times.append(Double((ContinuousClock.now - start) / .nanoseconds(1)) / 1e6)
    }
    return times.sorted()
}

/// The middle of a sorted list of timings.
func median(_ sorted: [Double]) -> Double { sorted[sorted.count / 2] }

/// The fastest of a sorted list of timings: what a run costs with the least interference from a
/// loaded machine (timeit's statistic, so comparisons with CPython are like for like).
func best(_ sorted: [Double]) -> Double { sorted[0] }
