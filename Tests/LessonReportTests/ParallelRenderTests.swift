import Foundation
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
    func slowReverseExecution(_ document: Document) -> ExecutedDocument {
        let name = URL(fileURLWithPath: document.path).deletingPathExtension().lastPathComponent
        let rank = Int(name.dropFirst()) ?? 0
        usleep(UInt32(6 - rank) * 30_000)
        return ExecutedDocument(document: document, outputs: document.cells.map { _ in CellOutput(items: [.text("\(name)\n")]) },
                                warnings: [.warning("ran \(name)", at: nil)])
    }

    func render(_ scratch: ScratchFolder, output: String, jobs: Int) -> (RenderJob.Outcome, [String], [String: String]) {
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
            ExecutedDocument.execute($0, limits: .default, isolation: .childProcess(executable: child))
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
