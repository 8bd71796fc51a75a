import ArgumentParser
import Foundation
import LessonCells
import Testing
@testable import LecternCLI

/// `--jobs` on render, check and bless, and the default: as many pages as the cores and the
/// memory hold, each page at its front matter's memory budget.
@Suite struct JobOptionTests {
    @Test func everyCommandTakesTheSameJobsOption() throws {
        #expect(try Lectern.Render.parse(["p.md", "--jobs", "3"]).parallel.jobs == 3)
        #expect(try Lectern.Check.parse(["p.md", "--jobs", "3"]).checking.parallel.jobs == 3)
        #expect(try Lectern.Bless.parse(["p.md", "--jobs", "3"]).checking.parallel.jobs == 3)
        for command in [["render"], ["check"], ["bless"]] {
            #expect(throws: (any Error).self) { try Lectern.parseAsRoot(command + ["p.md", "--jobs", "0"]) }
        }
        #expect(try Lectern.Check.parse(["p.md", "--jobs", "3"]).checking.checkOptions(for: ["p.md"]).jobs == 3)
    }

    @Test func theDefaultFitsThePagesMemoryBudgetsInMemory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-jobs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let gib = 1 << 30
        for (name, budget) in [("big", 3 * gib), ("small", 1 * gib), ("plain", 0)] {
            let frontMatter = budget > 0 ? "---\nlimits:\n  memory: \(budget)\n---\n" : ""
            try Data((frontMatter + "# \(name)\n").utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name).md"))
        }
        let options = try JobOptions.parse([])
        let limits = ExecutionLimits(maxMemoryBytes: 1 * gib)
        // 3 + 1 GiB fit in 4.5 GiB, the third page (1 GiB, the default here) does not.
        #expect(options.count(for: [folder], limits: limits, cores: 8, memory: 9 * gib / 2) == 2)
        #expect(options.count(for: [folder], limits: limits, cores: 8, memory: 5 * gib) == 3)
        #expect(options.count(for: [folder], limits: limits, cores: 1, memory: 64 * gib) == 1)
        // The command line's budget is every page's.
        let commandLine = try LimitOptions.parse(["--limit", "memory=\(gib)"]).executionLimits
        #expect(options.count(for: [folder], limits: commandLine, cores: 8, memory: 3 * gib) == 3)
        #expect(try JobOptions.parse(["--jobs", "7"]).count(for: [folder], limits: limits, cores: 8, memory: gib) == 7)
    }
}
