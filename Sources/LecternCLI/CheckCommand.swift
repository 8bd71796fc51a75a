import ArgumentParser

extension Lectern {
    public struct Check: ParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Not built yet.")
        public init() {}
        public func run() throws {
            throw ValidationError("'lectern check' is not built yet")
        }
    }
}
