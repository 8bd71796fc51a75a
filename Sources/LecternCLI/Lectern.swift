import ArgumentParser
import Foundation
import LessonExecution

/// The `lectern` command: each subcommand is a small struct in its own file that calls library code.
public struct Lectern: ParsableCommand {
    // Every command names itself: the default name comes from String(describing: Self.self),
    // a reflective lookup that scans all protocol conformances (~2 M instructions per command).
    public static let configuration = CommandConfiguration(
        commandName: "lectern",
        abstract: "Turn lesson pages into reports and keep their published numbers honest.",
        subcommands: [Render.self, Run.self, Check.self, Bless.self, New.self, Preview.self, RunCells.self]
    )
    public init() {}

    /// Where each page of `check`, `bless`, `render` and `preview` runs. The `lectern` executable
    /// sets a child process of itself before any command runs (its `main.swift`), so a crash
    /// stays that page's error; library callers and tests, whose process has no `__run-cells`
    /// command, keep pages in-process. Set once at start-up, before any thread reads it.
    nonisolated(unsafe) public static var pageIsolation: PageIsolation = .inProcess
}
