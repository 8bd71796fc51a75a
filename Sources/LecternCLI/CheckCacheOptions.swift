import ArgumentParser
import LessonCache
import LessonCheck

/// `check`'s cell-cache and shard options: `--cached`, `--verify-cache`, `--shard i/n`.
public struct CheckCacheOptions: ParsableArguments {
    @Flag(help: "Take outputs from the cell cache (.lectern/cache) where an entry matches the page and this build; run the rest.")
    public var cached = false

    @Flag(help: "Run every page and fail, located, where a cached output differs from the fresh run.")
    public var verifyCache = false

    @Option(help: ArgumentHelp("Check only part i of n of the pages (by a hash of each page's path), e.g. 2/4 in a CI matrix.", valueName: "i/n"))
    public var shard: String?

    public init() {}

    public func validate() throws {
        if cached && verifyCache { throw ValidationError("--cached and --verify-cache exclude each other: --verify-cache always reruns") }
        if let shard {
            do {
                _ = try Shard(parsing: shard)
            } catch {
                throw ValidationError(error.message)
            }
        }
    }

    func apply(to options: inout CheckOptions) {
        if cached { options.cache = .cached(CellCache()) }
        if verifyCache { options.cache = .verify(CellCache()) }
        options.shard = shard.flatMap { try? Shard(parsing: $0) }
    }
}
