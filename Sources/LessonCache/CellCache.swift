#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LessonCells
import LessonDocument
import LessonExecution
import LessonModel

/// Executed outputs kept between runs under `.lectern/cache/`, one entry per page. An entry is
/// used only when its key (see `CacheKey`) matches the page as it is now and the running build,
/// and only when its own digest proves it intact; anything else is a miss.
public struct CellCache: Sendable {
    /// Bumped when the entry's layout or the key's inputs change, so older entries are misses
    /// rather than errors. 2: the key spells the limits field by field (1 used their debug text).
    static let formatVersion = 2
    public static let defaultFolder = ".lectern/cache"

    public var folder: String
    public var build: String

    public init(folder: String = CellCache.defaultFolder, build: String = BuildIdentity.current) {
        self.folder = folder
        self.build = build
    }

    /// What to do with the cache.
    public enum Mode: Sendable {
        /// Use matching entries and store fresh runs (`render`).
        case readWrite
        /// Use matching entries, store nothing (`check --cached`).
        case readOnly
    }

    /// What is found for a page.
    public enum Lookup {
        case hit([CellOutput?])
        /// No entry, or one for other cells, front matter, limits or build.
        case miss
        /// An entry that cannot be trusted (truncated, corrupt, unreadable): the warning says why.
        case unusable(Diagnostic)
    }

    public func key(for document: Document, limits: ExecutionLimits = .default) -> CacheKey {
        CacheKey(document: document, limits: limits, build: build)
    }

    /// The page's entry: `<report name>-<hash of the page's real path>.json`, so the name reads
    /// plainly and two pages named alike in different folders do not share an entry.
    public func entryPath(for page: String) -> String {
        let name = page.split(separator: "/").last.map(String.init) ?? page
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let identity = SHA256.hex(Array(Self.realPath(page).utf8)).prefix(16)
        return folder + "/" + stem + "-" + identity + ".json"
    }

    /// Runs `document`, or takes its outputs from a matching entry. An entry that was ignored
    /// or could not be written is a warning in the result's `warnings`, kept with the page so
    /// that `render`, `check --cached` and `preview` each report it where they report the page.
    public func execute(
        _ document: Document, limits: ExecutionLimits = .default, isolation: PageIsolation = .inProcess, mode: Mode = .readWrite
    ) -> ExecutedDocument {
        let key = key(for: document, limits: limits)
        var warnings: [Diagnostic] = []
        switch lookup(document, key: key) {
        case .hit(let outputs):
            return ExecutedDocument(document: document, outputs: outputs)
        case .unusable(let warning):
            warnings.append(warning)
        case .miss:
            break
        }
        var executed = ExecutedDocument.execute(document, limits: limits, isolation: isolation)
        if mode == .readWrite {
            do {
                try store(executed, key: key)
            } catch {
                warnings.append(.warning("could not write the cell cache: \(error.message)", at: nil))
            }
        }
        executed.warnings += warnings
        return executed
    }

    public func lookup(_ document: Document, key: CacheKey) -> Lookup {
        let path = entryPath(for: document.path)
        let bytes: [UInt8]
        switch CacheFile.read(path) {
        case .missing: return .miss
        case .failed(let reason): return .unusable(warning(document, path, reason))
        case .read(let read): bytes = read
        }
        let entry: CacheEntry
        do {
            entry = try CacheJSON.decode(CacheEntry.self, from: bytes)
        } catch {
            return .unusable(warning(document, path, "it is truncated or not a cache entry"))
        }
        guard entry.format == Self.formatVersion, entry.key == key.hex else { return .miss }
        guard entry.isIntact else { return .unusable(warning(document, path, "its contents do not match its digest")) }
        guard entry.outputs.count == document.cells.count else {
            return .unusable(warning(document, path, "it has \(entry.outputs.count) cells, the page \(document.cells.count)"))
        }
        var outputs: [CellOutput?] = []
        for cached in entry.outputs {
            guard let cached else {
                outputs.append(nil)
                continue
            }
            guard let output = cached.output else { return .unusable(warning(document, path, "an item names no kind")) }
            outputs.append(output)
        }
        return .hit(outputs)
    }

    /// Writes `executed`'s outputs under `key`, atomically. A page stopped by an unexpected error
    /// is not stored: an error (a time budget, say) is always seen fresh.
    public func store(_ executed: ExecutedDocument, key: CacheKey) throws(Diagnostic) {
        guard executed.firstUnexpectedError == nil else { return }
        let entry = CacheEntry(key: key.hex, page: executed.document.path, outputs: executed.outputs)
        try CacheFile.write(CacheJSON.encode(entry) + [UInt8(ascii: "\n")], to: entryPath(for: executed.document.path))
    }

    private func warning(_ document: Document, _ path: String, _ reason: String) -> Diagnostic {
        .warning("ignoring the cache entry \(path): \(reason); running the page", at: SourceLocation(file: document.path, line: 1, column: 1))
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// One page's entry. `digest` is the SHA-256 of the outputs' own encoding, so an entry whose
/// bytes changed after it was written is caught even when it is still valid JSON.
struct CacheEntry: Codable {
    var format: Int
    var key: String
    var page: String
    var digest: String
    var outputs: [CachedOutput?]

    init(key: String, page: String, outputs: [CellOutput?]) {
        format = CellCache.formatVersion
        self.key = key
        self.page = page
        self.outputs = outputs.map { $0.map(CachedOutput.init) }
        digest = SHA256.hex(CacheJSON.encode(self.outputs))
    }

    var isIntact: Bool { SHA256.hex(CacheJSON.encode(outputs)) == digest }
}
