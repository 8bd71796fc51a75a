import LessonCells
import LessonModel

/// How many pages run at once: `--jobs N`, or as many as the cores and the memory allow.
public enum JobCount: Sendable, Hashable, ExpressibleByIntegerLiteral {
    case fixed(Int)
    /// One page per core, fewer when the largest memory budgets of the pages that run would not
    /// fit in `memory` together (see `ParallelPages.defaultJobs`).
    case fitting(cores: Int, memory: Int)

    /// `fitting` this machine's cores and memory: what a command runs with unless `--jobs` is given.
    public static var machine: JobCount { .fitting(cores: ParallelPages.machineCores, memory: ParallelPages.machineMemory) }

    public init(integerLiteral jobs: Int) { self = .fixed(jobs) }
}

/// How a run lays its pages out on the workers, from each page's limits as it will run them:
/// its front matter's `limits:` over the run's defaults, under the command line's (the one
/// resolution, `ExecutionLimits.forPage`). `render`, `check` and `bless` all schedule this way.
public struct PageSchedule: Sendable, Hashable {
    /// Pages run at once.
    public var jobs: Int
    /// The pages with the largest time budgets first (see `ParallelPages.largestFirst`).
    public var startOrder: [Int]

    /// `pages[i]` is page i's front-matter limits, as the run already read them; `nil` for a
    /// page that does not run (it could not be read or parsed): it takes no memory, and it is
    /// handed out first, so its error is reported without waiting behind the long pages.
    public init(pages: [LimitSettings?], limits: ExecutionLimits, jobs: JobCount) {
        let running = pages.map { $0.map(limits.forPage) }
        switch jobs {
        case .fixed(let count):
            self.jobs = count
        case .fitting(let cores, let memory):
            self.jobs = ParallelPages.defaultJobs(memoryBudgets: running.compactMap { $0?.maxMemoryBytes }, cores: cores, memory: memory)
        }
        startOrder = ParallelPages.largestFirst(running.map { $0.map { $0.wallClock / .seconds(1) } ?? .infinity })
    }
}
