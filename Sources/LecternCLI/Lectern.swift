import ArgumentParser

/// The `lectern` command: each subcommand is a small struct in its own file that calls library code.
public struct Lectern: ParsableCommand {
    // Every command names itself: the default name comes from String(describing: Self.self),
    // a reflective lookup that scans all protocol conformances (~2 M instructions per command).
    public static let configuration = CommandConfiguration(
        commandName: "lectern",
        abstract: "Turn lesson pages into reports and keep their published numbers honest.",
        subcommands: [Render.self, Run.self, Check.self, Bless.self, New.self, Preview.self]
    )
    public init() {}
}
