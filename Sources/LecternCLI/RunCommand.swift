import ArgumentParser

extension Lectern {
    public struct Run: ParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Not built yet.")
        public init() {}
        public func run() throws {
            throw ValidationError("'lectern run' is not built yet")
        }
    }
}
