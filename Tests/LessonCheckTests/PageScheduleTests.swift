import LessonCells
import LessonExecution
import LessonModel
import Testing
@testable import LessonCheck

/// How `render`, `check` and `bless` lay pages out on the workers: each page at its limits as it
/// runs (front matter over the defaults, under the command line), from the page read for the run.
@Suite struct PageScheduleTests {
    private let gib = 1 << 30

    private func memory(_ bytes: Int) -> LimitSettings { LimitSettings([.memory: Double(bytes)]) }

    /// The run's limits with `--limit time=60` given.
    private let timeOnTheCommandLine = ExecutionLimits(commandLine: LimitSettings([.time: 60]))

    @Test func theDefaultFitsTheMemoryBudgetsOfThePagesThatRun() {
        let limits = ExecutionLimits(maxMemoryBytes: gib)
        // 3 + 1 GiB fit in 4.5 GiB, the third page (1 GiB, the run's default here) does not.
        let pages = [memory(3 * gib), memory(gib), LimitSettings()]
        #expect(PageSchedule(pages: pages, limits: limits, jobs: .fitting(cores: 8, memory: 9 * gib / 2)).jobs == 2)
        #expect(PageSchedule(pages: pages, limits: limits, jobs: .fitting(cores: 8, memory: 5 * gib)).jobs == 3)
        #expect(PageSchedule(pages: pages, limits: limits, jobs: .fitting(cores: 1, memory: 64 * gib)).jobs == 1)
        // The command line's budget is every page's.
        let commandLine = ExecutionLimits(commandLine: memory(gib))
        #expect(PageSchedule(pages: pages, limits: commandLine, jobs: .fitting(cores: 8, memory: 3 * gib)).jobs == 3)
        #expect(PageSchedule(pages: pages, limits: limits, jobs: 7).jobs == 7)
        // A page that could not be read does not run, and takes no memory.
        let unread = [memory(gib), nil, memory(gib)]
        #expect(PageSchedule(pages: unread, limits: ExecutionLimits(maxMemoryBytes: 4 * gib), jobs: .fitting(cores: 8, memory: 2 * gib)).jobs == 2)
    }

    @Test func pagesStartByTheTimeBudgetTheyRunWith() {
        // 5 s, the default 10 s, 20 s, 1 s; a page that does not run first (it takes no time).
        let pages: [LimitSettings?] = [LimitSettings([.time: 5]), LimitSettings(), LimitSettings([.time: 20]), LimitSettings([.time: 1]), nil]
        #expect(PageSchedule(pages: pages, limits: .default, jobs: 2).startOrder == [4, 2, 1, 0, 3])
        // `--limit time=60` is every page's budget: page order.
        #expect(PageSchedule(pages: pages, limits: timeOnTheCommandLine, jobs: 2).startOrder == [4, 0, 1, 2, 3])
        // The run's own default counts for a page that sets none.
        #expect(PageSchedule(pages: pages, limits: ExecutionLimits(wallClock: .seconds(30)), jobs: 2).startOrder == [4, 1, 2, 0, 3])
    }

    /// `check` (and `bless`, through the same plan) read each page once and schedule from it.
    @Test func checkSchedulesThePagesItReadByTheirEffectiveBudgets() throws {
        let scratch = try ScratchFolder()
        // b.md has no time budget of its own; e.md cannot be read.
        for (name, frontMatter) in [("a", "limits:\n  time: 5"), ("b", nil), ("c", "limits:\n  time: 20"), ("d", "limits:\n  time: 1"), ("e", "tolerance: lots")] {
            try scratch.write(name + ".md", (frontMatter.map { "---\n\($0)\n---\n" } ?? "") + "# \(name)\n")
        }
        var options = CheckOptions(jobs: 2)
        let plan = CheckRun.plan([scratch.path], options: options)
        #expect(plan.pages.map(\.path) == ["a", "b", "c", "d", "e"].map { scratch.path + "/\($0).md" })
        #expect(plan.schedule.startOrder == [4, 2, 1, 0, 3])
        options.limits = timeOnTheCommandLine
        #expect(CheckRun.plan([scratch.path], options: options).schedule.startOrder == [4, 0, 1, 2, 3])
        #expect(CheckRun.check([scratch.path], options: options).pages.map { $0.error != nil } == [false, false, false, false, true])
    }
}
