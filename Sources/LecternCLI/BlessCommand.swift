import ArgumentParser

extension Lectern {
    public struct Bless: ParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Not built yet.")
        public init() {}
        public func run() throws {
            throw ValidationError("'lectern bless' is not built yet")
        }
    }
}
