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

    /// Each page of `check`, `bless` and `render` runs in a child `lectern`, so a crash stays
    /// that page's error. In-process when this process is not the `lectern` binary (tests call
    /// the commands in their own runner, which has no `__run-cells`).
    static var pageIsolation: PageIsolation {
        guard let path = Bundle.main.executablePath, path.split(separator: "/").last == "lectern" else { return .inProcess }
        return .childProcess(executable: path)
    }
}
