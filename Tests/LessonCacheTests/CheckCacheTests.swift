import Foundation
import LessonDocument
import LessonModel
import Testing
@testable import LessonCache
@testable import LessonCheck

/// `check --cached` and `check --verify-cache`.
@Suite struct CheckCacheTests {
    /// A page and a cache holding `cachedPrint` as its second cell's output.
    private func pageWithCache(cachedPrint: String) throws -> (TemporaryFolder, String, CellCache) {
        let folder = try TemporaryFolder()
        let path = try folder.write("lesson.md", page(printing: "7"))
        let cache = CellCache(folder: folder.path + "/cache", build: "b")
        let document = try Document.load(path: path)
        try cache.store(pretend(document, printed: ["", cachedPrint]), key: cache.key(for: document))
        return (folder, path, cache)
    }

    /// `check --verify-cache` of the page at `path` against `cache`.
    private func verify(_ path: String, _ cache: CellCache) -> CheckSummary {
        var options = CheckOptions(jobs: 1)
        options.cache = .verify(cache)
        return CheckRun.check([path], options: options)
    }

    @Test func checkRerunsUnlessCached() throws {
        let (folder, path, cache) = try pageWithCache(cachedPrint: "8\n")
        _ = folder
        var options = CheckOptions(jobs: 1)
        #expect(CheckRun.check([path], options: options).exitCode == 0)
        options.cache = .cached(cache)
        let cached = CheckRun.check([path], options: options)
        // The published 7 is compared with the cached 8: the cache was used.
        #expect(cached.exitCode == 1)
        #expect(cached.pages[0].blocks[0].produced == "8\n")
    }

    @Test func verifyCacheFailsLocatedOnAStaleEntry() throws {
        let (folder, path, cache) = try pageWithCache(cachedPrint: "8\n")
        _ = folder
        let summary = verify(path, cache)
        #expect(summary.exitCode == 1)
        let text = CheckFormat.text.render(summary)
        // The second cell's code starts on line 12.
        #expect(text.contains("\(path):12:1: error: the cached output differs from a fresh run: printed line 1 is '8' in the cache, '7' in a fresh run"))
        #expect(CheckFormat.json.render(summary).contains("\"kind\" : \"stale-cache\""))
    }

    @Test func verifyCachePassesAMatchingEntry() throws {
        let (folder, path, cache) = try pageWithCache(cachedPrint: "7\n")
        _ = folder
        let summary = verify(path, cache)
        #expect(summary.exitCode == 0)
        #expect(summary.passedCount == 1)
    }

    @Test func verifyCacheWarnsAboutACorruptEntry() throws {
        let (folder, path, cache) = try pageWithCache(cachedPrint: "7\n")
        _ = folder
        try Data("{\"format\":".utf8).write(to: URL(filePath: cache.entryPath(for: path)))
        let summary = verify(path, cache)
        #expect(summary.exitCode == 0)
        #expect(summary.pages[0].warnings.map(\.description).contains { $0.contains("ignoring the cache entry") })
    }
}
