import ArgumentParser

public struct Lectern: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lectern",
        abstract: "Turn lesson pages into reports and keep their published numbers honest."
    )
    public init() {}
}
