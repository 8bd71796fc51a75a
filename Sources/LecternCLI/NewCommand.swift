import ArgumentParser

extension Lectern {
    public struct New: ParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Not built yet.")
        public init() {}
        public func run() throws {
            throw ValidationError("'lectern new' is not built yet")
        }
    }
}
