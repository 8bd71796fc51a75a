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

/// Milliseconds with two decimals, as every benchmark line prints them.
func format(_ milliseconds: Double) -> String {
    String(format: "%.2f", milliseconds)
}

/// The numbers `script` prints, run by `python3 -c`; nil without python3 or when it fails.
func pythonFigures(_ script: String) -> [Double]? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
}

/// `source` timed by CPython's `timeit`, in milliseconds, best of `runs`: as the body of a
/// function (`function`: locals, compiled once beforehand), and compiled then run at module
/// level (`compiled`: a notebook cell's way, the compile counted as ours counts our parse).
func pythonMilliseconds(_ source: String, runs: Int) -> (function: Double, compiled: Double)? {
    let script = """
        import timeit
        \(pythonFunction(source))
        source = \(String(reflecting: source))
        def compiled():
            exec(compile(source, "cell", "exec"), {})
        print(min(timeit.repeat(work, number=1, repeat=\(runs))) * 1000, min(timeit.repeat(compiled, number=1, repeat=\(runs))) * 1000)
        """
    guard let figures = pythonFigures(script), figures.count == 2 else { return nil }
    return (figures[0], figures[1])
}

/// `def work():` with `source` as its body, for the scripts that time it.
private func pythonFunction(_ source: String) -> String {
    "def work():\n" + source.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
}

/// CPython running `source` as the body of a function, one run each time it is asked, in a
/// child kept alive between runs: each of our runs gets a CPython run right beside it, under the
/// same load. On this shared machine the load changes within seconds, so figures taken minutes
/// apart (five of ours, then five of CPython's) can differ by 2x either way; paired runs give a
/// ratio that holds. Like `timeit`, a run has the garbage collector off.
final class PythonPeer {
    private let process = Process()
    private let requests = Pipe()
    private let replies = Pipe()
    private var pending: [UInt8] = []

    init?(_ source: String) {
        // A child that died makes the next request's write raise SIGPIPE, which would end the
        // benchmark silently; ignored, the write fails and `run` says nil.
        signal(SIGPIPE, SIG_IGN)
        let script = """
            import gc, sys, time
            \(pythonFunction(source))
            work()
            for _ in sys.stdin:
                gc.disable()
                start = time.perf_counter()
                work()
                elapsed = time.perf_counter() - start
                gc.enable()
                print(elapsed * 1000, flush=True)
            """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.standardInput = requests
        process.standardOutput = replies
        do { try process.run() } catch { return nil }
    }

    deinit {
        try? requests.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// Milliseconds of one run; nil once the child has failed.
    func run() -> Double? {
        guard (try? requests.fileHandleForWriting.write(contentsOf: Array("run\n".utf8))) != nil else { return nil }
        while !pending.contains(UInt8(ascii: "\n")) {
            let chunk = replies.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            pending += chunk
        }
        let end = pending.firstIndex(of: UInt8(ascii: "\n"))!
        let line = String(decoding: pending[..<end], as: UTF8.self)
        pending.removeSubrange(...end)
        return Double(line)
    }
}

/// Ours and CPython's runs of the same work, taken in turns (see `PythonPeer`), after one warm-up
/// each: the best of each, and the median of the per-pair ratios (ours / CPython's). Without
/// python3, or once it fails, ours are still timed and CPython's figures are nil.
struct PairedTimings {
    let ours: Double
    let python: Double?
    let medianRatio: Double?
    /// Why there are no CPython figures, when there are none.
    let pythonMissing: String?

    init(runs: Int, python source: String, _ work: () -> Void) {
        let peer = PythonPeer(source)
        // Both warm up before the first pair, so neither's warm-up runs beside the other's timing.
        var failed = peer == nil || peer?.run() == nil
        work()
        var mine: [Double] = [], theirs: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            work()
            mine.append(Double((ContinuousClock.now - start) / .nanoseconds(1)) / 1e6)
            if !failed, let figure = peer?.run() { theirs.append(figure) } else { failed = true }
        }
        ours = mine.min()!
        if failed || theirs.count < runs {
            python = nil
            medianRatio = nil
            pythonMissing = theirs.isEmpty ? "n/a (python3 not found, or it failed to start)" : "n/a (python3 failed after \(theirs.count) runs)"
        } else {
            python = theirs.min()!
            medianRatio = median(zip(mine, theirs).map { $0 / $1 }.sorted())
            pythonMissing = nil
        }
    }

    /// "X ms   CPython: Y ms as a function   median ratio of Z": the line's figures.
    var summary: String {
        guard let python, let medianRatio else { return "\(format(ours)) ms   CPython: \(pythonMissing ?? "n/a")" }
        return "\(format(ours)) ms   CPython: \(format(python)) ms as a function   median ratio of \(format(medianRatio)) in paired runs"
    }
}
