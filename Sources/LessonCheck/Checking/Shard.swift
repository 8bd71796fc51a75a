import LessonCache
import LessonDocument

/// `--shard i/n`: one of n disjoint parts of the pages, for a CI matrix. A page belongs to part
/// `SHA-256(its path relative to the folder named) mod n`, so where a page goes depends on that
/// page alone: adding or removing a page elsewhere never moves it to another shard.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// From 1.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1 else { throw ShardError("the shard count must be at least 1, as in --shard 1/4") }
        guard (1...count).contains(index) else {
            throw ShardError("the shard number must be between 1 and \(count), as in --shard 1/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// `2/4`.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ShardError("--shard takes i/n, the shard's number and the number of shards, as in --shard 1/4; not '\(text)'")
        }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the page at `relativePath` (relative to the folder it was found in) is in this shard.
    public func contains(relativePath: String) -> Bool {
        let digest = SHA256.digest(Array(relativePath.utf8))
        let number = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(number % UInt64(count)) == index - 1
    }

    /// The entries of `arguments` in this shard, in order. A problem (a folder without pages) is
    /// in every shard, so each shard's job reports it.
    public func select(_ arguments: [String]) -> [PageCollection.Entry] {
        arguments.flatMap { argument in
            PageCollection.pages(named: [argument]).filter { entry in
                switch entry {
                case .page(let path): contains(relativePath: Self.relativePath(of: path, under: argument))
                case .problem: true
                }
            }
        }
    }

    /// `notebooks/a/b.md` under `notebooks` → `a/b.md`; a page named on its own is its own name
    /// as written, less a leading `./`.
    static func relativePath(of page: String, under argument: String) -> String {
        let folder = argument.hasSuffix("/") ? argument : argument + "/"
        if page.hasPrefix(folder), page != argument { return String(page.dropFirst(folder.count)) }
        return page.hasPrefix("./") ? String(page.dropFirst(2)) : page
    }
}

public struct ShardError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
