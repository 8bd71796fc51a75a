import ArgumentParser

/// The `lectern` command: each subcommand is a small struct in its own file that calls library code.
public struct Lectern: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lectern",
        abstract: "Turn lesson pages into reports and keep their published numbers honest.",
        subcommands: [Render.self, Run.self, Check.self, Bless.self, New.self]
    )
    public init() {}
}
