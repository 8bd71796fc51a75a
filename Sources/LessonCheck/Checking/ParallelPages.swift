import Foundation

/// Runs independent page jobs on worker threads and returns their results in input order.
enum ParallelPages {
    static func map<Result: Sendable>(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> Result) -> [Result] {
        let workers = max(1, min(jobs, count))
        if workers == 1 { return (0..<count).map(body) }
        let board = Board<Result>(count: count)
        for _ in 0..<workers {
            let thread = Thread {
                while let index = board.nextIndex() { board.store(body(index), at: index) }
                board.workerFinished()
            }
            thread.start()
        }
        return board.waitForResults(workers: workers)
    }

    /// The shared queue of page indices and the results, behind one condition lock.
    private final class Board<Result: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var next = 0
        private var finishedWorkers = 0
        private var results: [Result?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func nextIndex() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            guard next < results.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ result: Result, at index: Int) {
            condition.lock()
            results[index] = result
            condition.unlock()
        }

        func workerFinished() {
            condition.lock()
            finishedWorkers += 1
            condition.signal()
            condition.unlock()
        }

        func waitForResults(workers: Int) -> [Result] {
            condition.lock()
            while finishedWorkers < workers { condition.wait() }
            condition.unlock()
            return results.map { $0! }
        }
    }
}
