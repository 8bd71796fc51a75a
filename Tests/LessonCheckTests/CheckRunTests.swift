import Foundation
import LessonDocument
import LessonExecution
import LessonModel
import Testing
@testable import LessonCheck

@Test func foldersAreSearchedForPagesInSortedOrder() throws {
    let scratch = try ScratchFolder()
    try FileManagerHelpers.makeFolder(scratch.path + "/unit/.hidden")
    try scratch.write("b.md", "# B\n")
    try scratch.write("a.md", "# A\n")
    try scratch.write("notes.txt", "not a page\n")
    try scratch.write("unit/c.md", "# C\n")
    try scratch.write("unit/.hidden/d.md", "# D\n")
    // a.md named again after its folder is still one page.
    let entries = PageCollection.pages(named: [scratch.path, scratch.path + "/a.md"])
    #expect(entries == ["a.md", "b.md", "unit/c.md"].map { .page(scratch.path + "/" + $0) })
}

@Test func anEmptyFolderIsAnError() throws {
    let scratch = try ScratchFolder()
    let summary = CheckRun.check([scratch.path], options: CheckOptions(jobs: 1))
    #expect(summary.exitCode == 2)
    #expect(summary.pages.first?.error?.message.contains("no .md pages") == true)
}

@Test func unreadableAndUnparsablePagesExitWithTwo() throws {
    let scratch = try ScratchFolder()
    let bad = try scratch.write("bad.md", "---\ntolerance: lots\n---\n")
    try scratch.write("fine.md", "# Nothing to check\n")
    let summary = CheckRun.check([scratch.path + "/missing.md", bad, scratch.path + "/fine.md"], options: CheckOptions(jobs: 2))
    #expect(summary.pages.map(\.path) == [scratch.path + "/missing.md", bad, scratch.path + "/fine.md"])
    #expect(summary.pages[0].error?.message.contains("No such file") == true)
    #expect(summary.pages[1].error?.location?.line == 2)
    #expect(summary.pages[2].error == nil)
    #expect(summary.exitCode == 2)
    let text = CheckFormat.text.render(summary)
    #expect(text.contains("\(bad):2:"))
    #expect(text.hasSuffix("0 passed, 0 failed\n"))
}

@Test func parallelResultsComeBackInOrder() {
    let squares = ParallelPages.map(count: 200, jobs: 4) { $0 * $0 }
    #expect(squares == (0..<200).map { $0 * $0 })
    #expect(ParallelPages.map(count: 0, jobs: 4) { $0 }.isEmpty)
}

@Test func symbolicLinkLoopsAreWalkedOnceAndEachPageChecksOnce() throws {
    let scratch = try ScratchFolder()
    try FileManagerHelpers.makeFolder(scratch.path + "/unit")
    try scratch.write("unit/a.md", "# A\n")
    // Two links to the folder itself walked forever; one link to a parent checked a.md 41 times.
    try FileManager.default.createSymbolicLink(atPath: scratch.path + "/unit/self", withDestinationPath: ".")
    try FileManager.default.createSymbolicLink(atPath: scratch.path + "/unit/self2", withDestinationPath: ".")
    try FileManager.default.createSymbolicLink(atPath: scratch.path + "/unit/up", withDestinationPath: "..")
    try FileManager.default.createSymbolicLink(atPath: scratch.path + "/unit/b.md", withDestinationPath: "a.md")
    let entries = PageCollection.pages(named: [scratch.path])
    #expect(entries == [.page(scratch.path + "/unit/a.md")])
}

@Test func aFIFONamedLikeAPageIsAProblemNotAHang() throws {
    let scratch = try ScratchFolder()
    try scratch.write("a.md", "# A\n")
    #expect(mkfifo(scratch.path + "/b.md", 0o644) == 0)
    let summary = CheckRun.check([scratch.path], options: CheckOptions(jobs: 1))
    #expect(summary.pages.map(\.path) == [scratch.path + "/a.md", scratch.path + "/b.md"])
    #expect(summary.pages[1].error?.message.hasSuffix("it is a FIFO (named pipe), not a regular file") == true)
    #expect(summary.exitCode == 2)
}

@Test func parallelResultsAreConsumedInOrderWhateverFinishesFirst() {
    var consumed: [Int] = []
    // Later indices finish first.
    ParallelPages.forEach(count: 8, jobs: 4, { index in
        usleep(UInt32(8 - index) * 10_000)
        return index * 10
    }) { index, result in
        #expect(result == index * 10)
        consumed.append(index)
    }
    #expect(consumed == Array(0..<8))
}

@Test func defaultJobsFollowCoresAndMemory() {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    #expect(ParallelPages.defaultJobs(memoryBudgets: Array(repeating: 1 << 20, count: cores + 1)) == cores)
    #expect(ParallelPages.defaultJobs(memoryBudgets: [Int.max, Int.max]) == 1)
    // The largest budgets are the ones that must fit together.
    let gib = 1 << 30
    #expect(ParallelPages.defaultJobs(memoryBudgets: [1 * gib, 3 * gib, 1 * gib], cores: 8, memory: 4 * gib) == 2)
    #expect(ParallelPages.defaultJobs(memoryBudgets: [1 * gib, 3 * gib, 1 * gib], cores: 8, memory: 5 * gib) == 3)
    #expect(ParallelPages.defaultJobs(memoryBudgets: [1 * gib, 3 * gib, 1 * gib], cores: 2, memory: 64 * gib) == 2)
    #expect(ParallelPages.defaultJobs(memoryBudgets: [8 * gib], cores: 8, memory: 4 * gib) == 1)
}

/// The indices a parallel run started, in the order it started them.
private final class StartLog: @unchecked Sendable {
    private let lock = NSLock()
    private var indices: [Int] = []
    func append(_ index: Int) { lock.withLock { indices.append(index) } }
    var started: [Int] { lock.withLock { indices } }
}

/// A command hands the workers its `PageSchedule` whole: its jobs and its start order together.
@Test func aScheduleRunsItsPagesAsItLaysThemOut() {
    // 5 s, the default 10 s, 20 s, 1 s, and a page that does not run: [4, 2, 1, 0, 3], two at once.
    let pages: [LimitSettings?] = [LimitSettings([.time: 5]), LimitSettings(), LimitSettings([.time: 20]), LimitSettings([.time: 1]), nil]
    let schedule = PageSchedule(pages: pages, limits: .default, jobs: 2)
    let log = StartLog()
    let results = ParallelPages.map(schedule: schedule) { index in
        log.append(index)
        for _ in 0..<2000 where log.started.count < 2 { usleep(1000) }
        return index * 10
    }
    #expect(results == [0, 10, 20, 30, 40])
    #expect(Set(log.started.prefix(2)) == [4, 2])
    #expect(log.started.sorted() == [0, 1, 2, 3, 4])
}

@Test func pagesWithTheLargestTimeBudgetStartFirstAndAreConsumedInOrder() {
    let order = ParallelPages.largestFirst([60, 0, 0, 120, 180, 0])
    #expect(order == [4, 3, 0, 1, 2, 5])
    let log = StartLog()
    var consumed: [Int] = []
    ParallelPages.forEach(count: 6, jobs: 2, startOrder: order, { index in
        log.append(index)
        // Each job waits until two have started, so neither worker can take a third page
        // before the other has logged its first: the first two are the first two handed out.
        for _ in 0..<2000 where log.started.count < 2 { usleep(1000) }
        return index
    }) { index, result in
        #expect(result == index)
        consumed.append(index)
    }
    #expect(Set(log.started.prefix(2)) == [4, 3])
    #expect(log.started.count == 6)
    #expect(consumed == Array(0..<6))
}
