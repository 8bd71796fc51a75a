import Foundation

/// Runs independent page jobs on worker threads; results are handed over in input order, so
/// what a command prints and writes does not depend on which page finished first. `check`,
/// `bless` and `render` run their pages through it.
public enum ParallelPages {
    /// `body(i)` for every i < count, at most `jobs` at once, started in `startOrder` (see
    /// `forEach`); the results in index order.
    public static func map<Result: Sendable>(
        count: Int, jobs: Int, startOrder: [Int]? = nil, _ body: @escaping @Sendable (Int) -> Result
    ) -> [Result] {
        var results: [Result] = []
        results.reserveCapacity(count)
        forEach(count: count, jobs: jobs, startOrder: startOrder, body) { _, result in results.append(result) }
        return results
    }

    /// `body(i)` for every i < count on up to `jobs` worker threads, started in `startOrder` (a
    /// permutation of the indices; default index order); `consume(i, result)` on the calling
    /// thread, in index order, as soon as result i and all before it are done (a report is
    /// written while later pages still run, and a result is let go once consumed).
    public static func forEach<Result: Sendable>(
        count: Int, jobs: Int, startOrder: [Int]? = nil, _ body: @escaping @Sendable (Int) -> Result,
        consume: (Int, Result) -> Void
    ) {
        let workers = max(1, min(jobs, count))
        if workers == 1 {
            for index in 0..<count { consume(index, body(index)) }
            return
        }
        let order = startOrder ?? Array(0..<count)
        precondition(order.count == count && Set(order) == Set(0..<count), "startOrder must list each page once")
        let board = Board<Result>(count: count, order: order)
        for _ in 0..<workers {
            let thread = Thread {
                while let index = board.nextIndex() { board.store(body(index), at: index) }
            }
            thread.start()
        }
        for index in 0..<count { consume(index, board.take(index)) }
    }

    /// `body(i)` for each page of `schedule`, at its `jobs` at once, in its `startOrder`; the
    /// results in page order. The one way a command hands its schedule to the workers.
    public static func map<Result: Sendable>(
        schedule: PageSchedule, _ body: @escaping @Sendable (Int) -> Result
    ) -> [Result] {
        map(count: schedule.startOrder.count, jobs: schedule.jobs, startOrder: schedule.startOrder, body)
    }

    /// `forEach` over the pages of `schedule`, laid out as it says (see `map(schedule:_:)`).
    public static func forEach<Result: Sendable>(
        schedule: PageSchedule, _ body: @escaping @Sendable (Int) -> Result, consume: (Int, Result) -> Void
    ) {
        forEach(count: schedule.startOrder.count, jobs: schedule.jobs, startOrder: schedule.startOrder, body, consume: consume)
    }

    /// The pages with the largest time budgets first, ties in page order: started before the
    /// small ones, the long pages do not end up running last, one core idle.
    public static func largestFirst(_ budgets: [Double]) -> [Int] {
        budgets.indices.sorted { budgets[$0] != budgets[$1] ? budgets[$0] > budgets[$1] : $0 < $1 }
    }

    /// The shared queue of page indices and the finished results, behind one condition lock.
    private final class Board<Result: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private let order: [Int]
        private var next = 0
        private var results: [Result?]

        init(count: Int, order: [Int]) {
            results = Array(repeating: nil, count: count)
            self.order = order
        }

        func nextIndex() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            guard next < order.count else { return nil }
            next += 1
            return order[next - 1]
        }

        func store(_ result: Result, at index: Int) {
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }

        /// Waits for result `index`, then hands it over and forgets it.
        func take(_ index: Int) -> Result {
            condition.lock()
            defer { condition.unlock() }
            while results[index] == nil { condition.wait() }
            let result = results[index]!
            results[index] = nil
            return result
        }
    }
}
