import Foundation
import LessonCells
import LessonDocument
import LessonExecution
import LessonModel
@testable import LessonReport
import Testing

/// `render` with several pages running at once: the same bytes, messages and order as one at a
/// time, whatever finishes first, and a page that fails or crashes stays that page's error.
@Suite struct ParallelRenderTests {
    /// Pages `p0.md` … `p5.md` that finish in reverse order when run at once: each waits longer
    /// the earlier it comes, then prints its name and leaves a warning about its run.
    func slowReverseExecution(_ document: Document, _ limits: ExecutionLimits) -> ExecutedDocument {
        let name = URL(fileURLWithPath: document.path).deletingPathExtension().lastPathComponent
        let rank = Int(name.dropFirst()) ?? 0
        usleep(UInt32(6 - rank) * 30_000)
        return ExecutedDocument(document: document, outputs: document.cells.map { _ in CellOutput(items: [.text("\(name)\n")]) },
                                warnings: [.warning("ran \(name)", at: nil)])
    }

    func render(_ scratch: ScratchFolder, output: String, jobs: JobCount) -> (RenderJob.Outcome, [String], [String: String]) {
        let job = RenderJob(inputs: [scratch.path + "/pages"], outputFolder: scratch.path + "/" + output, jobs: jobs,
                            execute: slowReverseExecution)
        var messages: [String] = []
        let outcome = job.run { messages.append($0) }
        var files: [String: String] = [:]
        for name in (try? scratch.list(output)) ?? [] where name.contains(".") {
            files[name] = try? scratch.read(output + "/" + name)
        }
        return (outcome, messages, files)
    }

    @Test func pagesRunAtOnceGiveTheSameReportsAndMessagesInPageOrder() throws {
        let scratch = try ScratchFolder()
        for rank in 0..<6 { try scratch.write("pages/p\(rank).md", "# Page \(rank)\n\n```swift\nprint(\(rank))\n```\n") }
        let (oneOutcome, oneMessages, oneFiles) = render(scratch, output: "one", jobs: 1)
        let (manyOutcome, manyMessages, manyFiles) = render(scratch, output: "many", jobs: 4)
        #expect(!manyOutcome.failed)
        #expect(manyMessages == (0..<6).map { "warning: ran p\($0)" })
        #expect(manyMessages == oneMessages)
        #expect(manyOutcome.written == oneOutcome.written)
        #expect(manyFiles.count == 14)
        #expect(manyFiles == oneFiles)
        #expect(manyFiles["p5.md"]?.contains("p5\n") == true)
    }

    /// The start order follows each page's time budget as it runs (front matter over the
    /// defaults, under `--limit time=`), not the raw front matter: a page without `time:` ranks
    /// at the default 10 s, and `--limit time=60` puts every page at 60 s, so page order.
    @Test func pagesStartByTheTimeBudgetTheyRunWith() throws {
        let scratch = try ScratchFolder()
        for (rank, time) in [(0, "5"), (1, nil), (2, "20"), (3, "1")] {
            let frontMatter = time.map { "---\nlimits:\n  time: \($0)\n---\n" } ?? ""
            try scratch.write("pages/p\(rank).md", frontMatter + "# Page \(rank)\n\n```swift\nprint(\(rank))\n```\n")
        }
        /// The first two pages started with two at once, and the limits each page was run with.
        func firstTwo(_ limits: ExecutionLimits) -> (started: Set<String>, limits: [ExecutionLimits]) {
            let log = RunLog()
            let job = RenderJob(inputs: [scratch.path + "/pages"], formats: [.md], outputFolder: scratch.path + "/out", limits: limits, jobs: 2) {
                document, limits in
                let name = URL(fileURLWithPath: document.path).deletingPathExtension().lastPathComponent
                log.record(name, limits)
                // Each page waits until two have started, so the first two are the first two handed out.
                for _ in 0..<2000 where log.started.count < 2 { usleep(1000) }
                return ExecutedDocument(document: document, outputs: document.cells.map { _ in CellOutput(items: [.text("\(name)\n")]) })
            }
            #expect(!job.run { _ in }.failed)
            return (Set(log.started.prefix(2)), log.limits)
        }
        let byFrontMatter = firstTwo(.default)
        #expect(byFrontMatter.started == ["p2", "p1"])
        #expect(byFrontMatter.limits == Array(repeating: .default, count: 4))
        let commandLine = ExecutionLimits(commandLine: LimitSettings([.time: 60]))
        let byCommandLine = firstTwo(commandLine)
        #expect(byCommandLine.started == ["p0", "p1"])
        #expect(byCommandLine.limits == Array(repeating: commandLine, count: 4))
    }

    /// A child that answers every cell of a page with the page's name, and dies by SIGSEGV in
    /// the first cell of a page whose name starts with `crash`.
    func crashingChild(_ scratch: ScratchFolder) throws -> String {
        try scratch.write("child.sh", """
            #!/bin/sh
            while IFS= read -r header; do
              size=$(printf '%s' "$header" | sed 's/.*"bytes":\\([0-9]*\\).*/\\1/')
              page=$(basename "$(printf '%s' "$header" | sed 's/.*"path":"\\([^"]*\\)".*/\\1/')" .md)
              head -c "$size" > /dev/null
              case "$page" in crash*) kill -SEGV $$ ;; esac
              printf '{"cell":0,"output":{"items":[{"text":{"_0":"%s\\\\n"}}]}}\\n' "$page"
              printf '%s\\n' '{"cell":-1}'
            done
            """)
        let path = scratch.path + "/child.sh"
        #expect(chmod(path, 0o755) == 0)
        return path
    }

    @Test func aCrashingPageIsItsOwnLocatedErrorAndTheOthersRender() throws {
        let scratch = try ScratchFolder()
        for name in ["a", "crash", "z"] { try scratch.write("pages/\(name).md", "# \(name)\n\n```swift\nprint(1)\n```\n") }
        let child = try crashingChild(scratch)
        let job = RenderJob(inputs: [scratch.path + "/pages"], outputFolder: scratch.path + "/out", jobs: 2) {
            ExecutedDocument.execute($0, limits: $1, isolation: .childProcess(executable: child))
        }
        var messages: [String] = []
        let outcome = job.run { messages.append($0) }
        #expect(outcome.failed)
        #expect(messages == ["\(scratch.path)/pages/crash.md:4:1: error: page crashed (signal 11) while this cell ran; the other pages were not affected"])
        #expect(try scratch.read("out/a.md").contains("a\n"))
        #expect(try scratch.read("out/z.md").contains("z\n"))
        #expect(try scratch.read("out/crash.html").contains("page crashed (signal 11)"))
        #expect(scratch.exists("out/index.html"))
    }
}

/// The pages a parallel render started, in the order started, with the limits each was run with.
private final class RunLog: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [(name: String, limits: ExecutionLimits)] = []
    func record(_ name: String, _ limits: ExecutionLimits) { lock.withLock { pages.append((name, limits)) } }
    var started: [String] { lock.withLock { pages.map(\.name) } }
    var limits: [ExecutionLimits] { lock.withLock { pages.map(\.limits) } }
}
