import ArgumentParser
import LessonCells
import Testing
@testable import LecternCLI

/// `--limit NAME=VALUE` on run, render, check and bless: the names of the front matter.
@Test func limitOptionsReachEveryCommand() throws {
    let check = try Lectern.Check.parse(["p.md", "--limit", "time=60", "--limit", "figures=3"])
    #expect(check.checking.checkOptions.limits.forPage(.init()).maxFigures == 3)
    #expect(check.checking.checkOptions.limits.forPage(.init()).wallClock == .seconds(60))
    let bless = try Lectern.Bless.parse(["p.md", "--limit", "memory=1000"])
    #expect(bless.checking.checkOptions.limits.forPage(.init()).maxMemoryBytes == 1000)
    #expect(try Lectern.Run.parse(["p.md", "--limit", "steps=5"]).budget.executionLimits.forPage(.init()).maxSteps == 5)
    #expect(try Lectern.Render.parse(["p.md", "--limit", "output=5"]).budget.executionLimits.forPage(.init()).maxOutputBytes == 5)
}

@Test func badLimitOptionsAreUsageErrors() {
    #expect(throws: (any Error).self) { try Lectern.Run.parse(["p.md", "--limit", "tim=60"]) }
    #expect(throws: (any Error).self) { try Lectern.Run.parse(["p.md", "--limit", "time"]) }
    #expect(throws: (any Error).self) { try Lectern.Check.parse(["p.md", "--limit", "steps=-1"]) }
}
