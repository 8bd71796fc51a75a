import Foundation
import LessonCells
import LessonDocument
import LessonExecution
import LessonModel
import Testing
@testable import LessonCache

@Suite struct CellCacheTests {
    @Test func anUnchangedPageIsNotRunAgain() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("lesson.md", page(printing: "1"))
        let cache = CellCache(folder: folder.path + "/.lectern/cache", build: "build-a")
        let document = try Document.load(path: path)
        // An entry that says something no run would print: getting it back proves nothing ran.
        try cache.store(pretend(document, printed: ["", "from the cache\n"]), key: cache.key(for: document))
        let executed = cache.execute(document)
        #expect(executed.outputs.map { $0?.printedText } == ["", "from the cache\n"])
        #expect(executed.warnings.isEmpty)
    }

    @Test func aMissRunsThePageAndStoresIt() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("lesson.md", page(printing: "42"))
        let cache = CellCache(folder: folder.path + "/cache", build: "build-a")
        let document = try Document.load(path: path)
        let executed = cache.execute(document)
        #expect(executed.warnings.isEmpty)
        #expect(executed.outputs.map { $0?.printedText } == ["", "42\n"])
        guard case .hit(let outputs) = cache.lookup(document, key: cache.key(for: document)) else {
            Issue.record("the run was not stored")
            return
        }
        #expect(outputs == executed.outputs)
        // Written to a temporary name and renamed: nothing else is left in the folder.
        #expect(folder.files(in: "cache").count == 1)
        #expect(folder.files(in: "cache").first?.hasPrefix("lesson-") == true)
    }

    @Test func theKeyFollowsCellsFrontMatterLimitsPlaceAndBuild() throws {
        let base = try Document.parse(path: "a.md", contents: Array(page(printing: "1").utf8))
        let baseKey = CacheKey(document: base, limits: .default, build: "b")
        func key(of text: String, path: String = "a.md", build: String = "b") throws -> CacheKey {
            CacheKey(document: try Document.parse(path: path, contents: Array(text.utf8)), limits: .default, build: build)
        }
        #expect(try key(of: page(printing: "1")) == baseKey)
        // Prose of the same length and a published block do not change what cells print.
        #expect(try key(of: page(printing: "1", prose: "Other prose")) == baseKey)
        #expect(try key(of: page(printing: "1").replacingOccurrences(of: "```output\n1\n", with: "```output\n7\n")) == baseKey)
        #expect(try key(of: page(printing: "2")) != baseKey)
        #expect(try key(of: page(printing: "1", title: "Renamed")) != baseKey)
        #expect(try key(of: page(printing: "1", prose: "Prose on\ntwo lines.")) != baseKey)  // cells moved: new locations
        #expect(try key(of: page(printing: "1"), path: "b.md") != baseKey)
        #expect(try key(of: page(printing: "1"), build: "another build") != baseKey)
        #expect(CacheKey(document: base, limits: ExecutionLimits(maxSteps: 1000), build: "b") != baseKey)
        #expect(CacheKey(document: base, limits: ExecutionLimits(), build: "b") == baseKey)
    }

    @Test func everyLimitIsInTheKeyByName() throws {
        let base = try Document.parse(path: "a.md", contents: Array(page(printing: "1").utf8))
        let baseKey = CacheKey(document: base, limits: .default, build: "b")
        // A field added to ExecutionLimits must be added to the key's inputs too.
        #expect(Mirror(reflecting: ExecutionLimits.default).children.compactMap(\.label).sorted() == [
            "commandLine", "maxFigures", "maxMemoryBytes", "maxOutputBytes", "maxSteps", "maxTensorElements", "wallClock",
        ])
        let changed: [ExecutionLimits] = [
            ExecutionLimits(maxSteps: 99), ExecutionLimits(wallClock: .milliseconds(10_001)), ExecutionLimits(maxTensorElements: 99),
            ExecutionLimits(maxMemoryBytes: 99), ExecutionLimits(maxOutputBytes: 99), ExecutionLimits(maxFigures: 99),
            ExecutionLimits(commandLine: LimitSettings([.time: 10])),
        ]
        let keys = changed.map { CacheKey(document: base, limits: $0, build: "b") }
        #expect(Set(keys + [baseKey]).count == changed.count + 1)
    }

    @Test func theKeyIsAStableSpellingOfItsInputs() throws {
        // Pinned: the same page, limits and build give this key (the debug text of the limits,
        // once part of it, is not promised to stay the same across Swift releases; the command
        // line's numbers still go through JSONEncoder's spelling of Doubles).
        let document = try Document.parse(path: "a.md", contents: Array(page(printing: "1").utf8))
        let limits = ExecutionLimits(commandLine: LimitSettings([.memory: 1000, .time: 2.5]))
        #expect(CacheKey(document: document, limits: limits, build: "b").hex == "81e3d0b5675350a6d6de00c6632030bc3b78090ea81977e8ac1e0f87d264c7f3")
    }

    @Test func anEntryFromAnotherBuildIsNeverUsed() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("lesson.md", page(printing: "3"))
        let document = try Document.load(path: path)
        let old = CellCache(folder: folder.path + "/cache", build: "old build")
        try old.store(pretend(document, printed: ["", "stale\n"]), key: old.key(for: document))
        let current = CellCache(folder: folder.path + "/cache", build: "new build")
        let executed = current.execute(document)
        #expect(executed.outputs.map { $0?.printedText } == ["", "3\n"])
    }

    @Test(arguments: ["truncated", "edited", "garbage", "wrong cell count"])
    func aDamagedEntryIsIgnoredWithAWarning(damage: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("lesson.md", page(printing: "5"))
        let document = try Document.load(path: path)
        let cache = CellCache(folder: folder.path + "/cache", build: "b")
        let entry = cache.entryPath(for: path)
        var outputs: [String?] = ["", "5\n"]
        if damage == "wrong cell count" { outputs.append("extra\n") }
        try cache.store(pretend(document, printed: outputs), key: cache.key(for: document))
        var bytes = try Array(Data(contentsOf: URL(filePath: entry)))
        switch damage {
        case "truncated": bytes = Array(bytes.prefix(bytes.count / 2))
        case "edited": bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "5\\n", with: "6\\n").utf8)
        case "garbage": bytes = Array("\u{0}\u{1}not json".utf8)
        default: break
        }
        try Data(bytes).write(to: URL(filePath: entry))
        let executed = cache.execute(document)
        #expect(executed.outputs.map { $0?.printedText } == ["", "5\n"])
        #expect(executed.warnings.count == 1)
        #expect(executed.warnings.first?.description.hasPrefix("\(path):1:1: warning: ignoring the cache entry \(entry)") == true)
    }

    @Test func aPageStoppedByAnErrorIsNotStored() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("lesson.md", page(printing: "undefinedName"))
        let cache = CellCache(folder: folder.path + "/cache", build: "b")
        let executed = cache.execute(try Document.load(path: path))
        #expect(executed.firstUnexpectedError != nil)
        #expect(folder.files(in: "cache").isEmpty)
    }

    @Test func everyNotebookSurvivesTheCacheExactly() throws {
        let notebooks = repositoryRoot.appendingPathComponent("notebooks").path
        let names = try FileManager.default.contentsOfDirectory(atPath: notebooks).filter { $0.hasSuffix(".md") }.sorted()
        #expect(!names.isEmpty)
        let folder = try TemporaryFolder()
        let cache = CellCache(folder: folder.path, build: "b")
        var stored = 0
        for name in names {
            let document = try Document.load(path: notebooks + "/" + name)
            // A page that raises its budgets (the chapter's 124M-parameter models, seconds each)
            // is left to `lectern check`; the others cover every kind of output.
            guard document.frontMatter.limits.values.isEmpty else { continue }
            let executed = ExecutedDocument.execute(document)
            try cache.store(executed, key: cache.key(for: document))
            let first = try Data(contentsOf: URL(filePath: cache.entryPath(for: document.path)))
            guard case .hit(let outputs) = cache.lookup(document, key: cache.key(for: document)) else {
                Issue.record("\(name) was not found again")
                continue
            }
            #expect(outputs == executed.outputs, "\(name)")
            // Same outputs, same bytes.
            try cache.store(executed, key: cache.key(for: document))
            #expect(try Data(contentsOf: URL(filePath: cache.entryPath(for: document.path))) == first)
            stored += 1
        }
        // Seven of the chapter's pages keep the default budgets today.
        #expect(stored >= 7, "pages stored: \(stored)")
    }

    @Test func specialNumbersAndEveryItemKindRoundTrip() throws {
        // The second cell expects its error, so the page is stored with it.
        let text = page(printing: "1").replacingOccurrences(of: "```swift\nprint(x)", with: "```swift error\nprint(x)")
        let document = try Document.parse(path: "a.md", contents: Array(text.utf8))
        let chart = Chart(kind: .line, title: "t", xTitle: "x", yTitle: "y", yScale: .log, xValues: [1, -0.0],
                          series: [.init(label: "s", values: [.nan, .infinity, -.infinity, 0.1, .leastNonzeroMagnitude])])
        let table = GradientTable(title: nil, modelLabels: ["a", "b"], rows: [.init(name: "w", shape: [3, 3], meanAbsoluteGradients: [0.25, nil])])
        let output = CellOutput(items: [
            .text("é ✓ \"quoted\"\n"), .warning("careful"), .figure(.chart(chart)), .figure(.gradientTable(table)),
            .error(.error("boom", at: SourceLocation(file: "a.md", line: 9, column: 2))),
        ])
        let folder = try TemporaryFolder()
        let cache = CellCache(folder: folder.path, build: "b")
        try cache.store(ExecutedDocument(document: document, outputs: [nil, output]), key: cache.key(for: document))
        guard case .hit(let outputs) = cache.lookup(document, key: cache.key(for: document)) else {
            Issue.record("not stored")
            return
        }
        #expect(outputs[0] == nil)
        // NaN is never equal to itself: compare the printed forms of the chart, everything else directly.
        #expect(outputs[1]?.printedText == output.printedText)
        #expect(outputs[1]?.warnings == output.warnings)
        #expect(outputs[1]?.error == output.error)
        guard case .chart(let stored)? = outputs[1]?.figures.first else {
            Issue.record("no chart")
            return
        }
        #expect(stored.series[0].values[0].isNaN)
        #expect(Array(stored.series[0].values.dropFirst()) == [.infinity, -.infinity, 0.1, .leastNonzeroMagnitude])
        #expect(stored.xValues[1].sign == .minus)
        #expect(outputs[1]?.figures.last == .gradientTable(table))
    }

    @Test func theBuildIsIdentifiedByTheExecutablesBuildID() {
        #if os(Linux)
        #expect(BuildIdentity.current.hasPrefix("elf-build-id:"))
        #expect(BuildIdentity.current.count > "elf-build-id:".count + 16)
        #endif
        #expect(BuildIdentity.current == BuildIdentity.current)
    }

    @Test func newAdvisesIgnoringTheCacheUntilGitignoreDoes() throws {
        let folder = try TemporaryFolder()
        #expect(GitIgnoreAdvice.advice(gitignore: folder.path + "/.gitignore") == GitIgnoreAdvice.line)
        try folder.write(".gitignore", ".build/\n")
        #expect(GitIgnoreAdvice.advice(gitignore: folder.path + "/.gitignore") != nil)
        try folder.write(".gitignore", ".build/\n.lectern/\n")
        #expect(GitIgnoreAdvice.advice(gitignore: folder.path + "/.gitignore") == nil)
    }
}
