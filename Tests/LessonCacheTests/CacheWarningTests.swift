import Foundation
import LessonDocument
import LessonModel
import LessonReport
import Testing
@testable import LessonCache
@testable import LessonCheck

/// A cache entry that cannot be used is one located warning with its page, the same in `render`
/// and `check --cached`: `CellCache.execute` keeps it with the executed page, and each command
/// reports the page's warnings where it reports the page.
@Suite struct CacheWarningTests {
    /// A page whose cache entry is cut short, the cache, and the warning it must give.
    private func pageWithCorruptEntry(in folder: TemporaryFolder) throws -> (path: String, cache: CellCache, warning: String) {
        let path = try folder.write("pages/lesson.md", page(printing: "5"))
        let cache = CellCache(folder: folder.path + "/cache", build: "b")
        let document = try Document.load(path: path)
        try cache.store(pretend(document, printed: ["", "5\n"]), key: cache.key(for: document))
        let entry = cache.entryPath(for: path)
        try Data("{\"format\":".utf8).write(to: URL(filePath: entry))
        let warning = "\(path):1:1: warning: ignoring the cache entry \(entry): it is truncated or not a cache entry; running the page"
        return (path, cache, warning)
    }

    @Test func renderReportsItOnce() throws {
        let folder = try TemporaryFolder()
        let (path, cache, warning) = try pageWithCorruptEntry(in: folder)
        let job = RenderJob(inputs: [path], formats: [.md], outputFolder: folder.path + "/out") { cache.execute($0, limits: $1) }
        var messages: [String] = []
        #expect(!job.run { messages.append($0) }.failed)
        #expect(messages == [warning])
    }

    @Test func checkCachedReportsItOnce() throws {
        let folder = try TemporaryFolder()
        let (path, cache, warning) = try pageWithCorruptEntry(in: folder)
        var options = CheckOptions(jobs: 1)
        options.cache = .cached(cache)
        let summary = CheckRun.check([path], options: options)
        #expect(summary.exitCode == 0)
        #expect(summary.pages[0].warnings.map(\.description) == [warning])
        #expect(CheckFormat.text.render(summary).components(separatedBy: warning).count == 2)
    }
}
