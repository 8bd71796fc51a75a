import ArgumentParser
import LessonExecution
import Testing
@testable import LecternCLI

/// `--jobs` on render, check and bless, and the default: as many pages as the cores and the
/// memory hold, each page at its memory budget as it runs.
@Suite struct JobOptionTests {
    @Test func everyCommandTakesTheSameJobsOption() throws {
        #expect(try Lectern.Render.parse(["p.md", "--jobs", "3"]).parallel.jobs == 3)
        #expect(try Lectern.Check.parse(["p.md", "--jobs", "3"]).checking.parallel.jobs == 3)
        #expect(try Lectern.Bless.parse(["p.md", "--jobs", "3"]).checking.parallel.jobs == 3)
        for command in [["render"], ["check"], ["bless"]] {
            let error = #expect(throws: (any Error).self) { try Lectern.parseAsRoot(command + ["p.md", "--jobs", "0"]) }
            // Any error would do above (an unknown command, a missing page): it must be this one.
            let message = error.map { Lectern.message(for: $0) } ?? ""
            #expect(message.contains("--jobs must be at least 1"), "\(command): \(message)")
            #expect(error.map { Lectern.exitCode(for: $0).rawValue } == 64)
        }
        #expect(try Lectern.Check.parse(["p.md", "--jobs", "3"]).checking.checkOptions.jobs == 3)
    }

    /// Without `--jobs` the command reads no page to choose: each run fits the pages it runs,
    /// from the front matter it read to run them (PageScheduleTests).
    @Test func theDefaultIsLeftToTheRun() throws {
        #expect(try JobOptions.parse([]).jobCount == .machine)
        #expect(try JobOptions.parse(["--jobs", "7"]).jobCount == .fixed(7))
        #expect(try Lectern.Check.parse(["missing.md"]).checking.checkOptions.jobs == .machine)
        #expect(try Lectern.Render.parse(["missing.md", "--jobs", "2"]).parallel.jobCount == .fixed(2))
    }
}
