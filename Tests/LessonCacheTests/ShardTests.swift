import Foundation
import Testing
import LessonExecution
@testable import LessonCheck

@Suite struct ShardTests {
    private func pages(_ count: Int) -> [String] { (0..<count).map { "chapter/page-\($0).md" } }

    @Test func everyPageIsInExactlyOneShard() throws {
        for count in 1...5 {
            let shards = try (1...count).map { try Shard(index: $0, count: count) }
            for page in pages(40) {
                #expect(shards.count { $0.contains(relativePath: page) } == 1)
            }
        }
        // Four shards of 40 pages: none is empty or holds most of them.
        let sizes = try (1...4).map { index in try pages(40).count { try Shard(index: index, count: 4).contains(relativePath: $0) } }
        #expect(sizes.allSatisfy { (4...18).contains($0) })
    }

    @Test func aPagesShardDependsOnItsRelativePathAlone() throws {
        let folder = try TemporaryFolder()
        for index in 0..<12 { try folder.write("book/part-\(index % 2)/page-\(index).md", "# Page \(index)\n") }
        let shard = try Shard(index: 2, count: 3)
        func relative(_ selection: [String]) -> [String] { selection.map { String($0.dropFirst(folder.path.count + 6)) } }
        let before = relative(shard.select([folder.path + "/book"]).compactMap { if case .page(let p) = $0 { p } else { nil } })
        try folder.write("book/part-0/added.md", "# Added\n")
        let after = relative(shard.select([folder.path + "/book"]).compactMap { if case .page(let p) = $0 { p } else { nil } })
        #expect(after.filter { $0 != "part-0/added.md" } == before)
        // The folder may be named differently: the shard follows the path inside it.
        let again = shard.select([folder.path + "/book/"]).compactMap { if case .page(let p) = $0 { p } else { nil } }
        #expect(relative(again) == after)
    }

    @Test func relativePathsDropTheFolderNamed() {
        #expect(Shard.relativePath(of: "notebooks/a/b.md", under: "notebooks") == "a/b.md")
        #expect(Shard.relativePath(of: "notebooks/a/b.md", under: "notebooks/") == "a/b.md")
        #expect(Shard.relativePath(of: "./b.md", under: "./b.md") == "b.md")
    }

    @Test(arguments: ["0/4", "5/4", "1/0", "1", "a/b", "1/4/2", "-1/4", ""])
    func invalidShardsAreRejected(text: String) {
        #expect(throws: ShardError.self) { try Shard(parsing: text) }
    }

    @Test func theFormatsNameTheShard() throws {
        let folder = try TemporaryFolder()
        try folder.write("one.md", page(printing: "1"))
        var options = CheckOptions(jobs: 1)
        options.shard = try Shard(parsing: "1/1")
        let summary = CheckRun.check([folder.path], options: options)
        #expect(summary.pages.count == 1)
        #expect(CheckFormat.json.render(summary).contains("\"shard\" : \"1/1\""))
        #expect(CheckFormat.junit.render(summary).contains("<testsuites name=\"lectern check, shard 1/1\""))
        // Without --shard, neither names one.
        let whole = CheckRun.check([folder.path], options: CheckOptions(jobs: 1))
        #expect(!CheckFormat.json.render(whole).contains("shard"))
        #expect(!CheckFormat.junit.render(whole).contains("shard"))
    }

    @Test func theShardsOfAFolderTogetherCheckEveryPageOnce() throws {
        let folder = try TemporaryFolder()
        for index in 0..<6 { try folder.write("p\(index).md", page(printing: "\(index)")) }
        var seen: [String] = []
        for index in 1...3 {
            var options = CheckOptions(jobs: 1)
            options.shard = try Shard(index: index, count: 3)
            seen += CheckRun.check([folder.path], options: options).pages.map(\.path)
        }
        #expect(seen.sorted() == (0..<6).map { folder.path + "/p\($0).md" })
    }
}

extension ShardTests {
    /// The default `--jobs` counts the memory budgets of the pages this shard runs, not of those
    /// another shard runs.
    @Test func theDefaultJobsCountOnlyThisShardsPages() throws {
        let folder = try TemporaryFolder()
        let gib = 1 << 30
        try folder.write("huge.md", "---\nlimits:\n  memory: \(1 << 50)\n---\n# Huge\n")
        for index in 0..<8 { try folder.write("small-\(index).md", "---\nlimits:\n  memory: \(gib)\n---\n# Small\n") }
        var options = CheckOptions(jobs: .fitting(cores: 2, memory: 4 * gib))
        options.shard = try [Shard(index: 1, count: 2), Shard(index: 2, count: 2)].first { !$0.contains(relativePath: "huge.md") }
        let plan = CheckRun.plan([folder.path], options: options)
        #expect(plan.pages.count >= 2)
        #expect(!plan.pages.contains { $0.path.hasSuffix("huge.md") })
        #expect(plan.schedule.jobs == 2)
        // With every page, the huge one runs alone.
        options.shard = nil
        #expect(CheckRun.plan([folder.path], options: options).schedule.jobs == 1)
    }
}
