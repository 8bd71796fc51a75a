import ArgumentParser

extension Lectern {
    public struct Render: ParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "Not built yet.")
        public init() {}
        public func run() throws {
            throw ValidationError("'lectern render' is not built yet")
        }
    }
}
