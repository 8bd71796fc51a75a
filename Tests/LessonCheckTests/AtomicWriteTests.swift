import Foundation
import LessonDocument
import LessonExecution
import LessonModel
import Testing
@testable import LessonCheck

/// `bless` (and every file lectern writes) through `AtomicFile`: links, modes, read-only files,
/// pages saved meanwhile, and temporaries a killed process left.
@Suite struct AtomicWriteTests {
    let scratch: ScratchFolder
    init() throws { scratch = try ScratchFolder() }

    /// The blessing of `page.md` whose one cell printed `4` against a published `3`.
    func blessedPage(at path: String) throws -> BlessedPage {
        let document = try Document.load(path: path)
        return Blessing.bless(executed(document, printed: ["4\n"]), tolerance: Tolerance(), options: .init())
    }

    let page = "```swift\nprint(4)\n```\n\n```output\n3\n```\n"
    let blessedText = "```swift\nprint(4)\n```\n\n```output\n4\n```\n"

    func status(_ path: String) -> stat {
        var status = stat()
        _ = lstat(path, &status)
        return status
    }

    @Test func aSymlinkedPageIsWrittenThroughToItsTarget() throws {
        let target = try scratch.write("target.md", page)
        let link = scratch.path + "/link.md"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.md")
        let written = BlessRun.writeReporting([try blessedPage(at: link)])
        #expect(written[0].error == nil)
        #expect(status(link).st_mode & S_IFMT == S_IFLNK)
        #expect(try scratch.read("target.md") == blessedText)
        #expect(target.hasSuffix("target.md"))
    }

    @Test func modeAndHardLinksAreKept() throws {
        let path = try scratch.write("page.md", page)
        let other = scratch.path + "/other-name.md"
        #expect(link(path, other) == 0)
        #expect(chmod(path, 0o640) == 0)
        let written = BlessRun.writeReporting([try blessedPage(at: path)])
        #expect(written[0].error == nil)
        #expect(status(path).st_mode & 0o777 == 0o640)
        #expect(status(path).st_nlink == 2)
        #expect(try scratch.read("other-name.md") == blessedText)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["other-name.md", "page.md"])
    }

    @Test func aReadOnlyPageIsRefused() throws {
        let path = try scratch.write("page.md", page)
        #expect(chmod(path, 0o444) == 0)
        let written = BlessRun.writeReporting([try blessedPage(at: path)])
        #expect(written[0].error?.message == "cannot write \(path): it is read-only")
        #expect(written[0].summaryLine().hasSuffix("(page not written)"))
        #expect(try scratch.read("page.md") == page)
    }

    @Test func aPageSavedWhileBlessRanIsNotOverwritten() throws {
        let path = try scratch.write("page.md", page)
        let blessed = try blessedPage(at: path)
        // The author adds a line after bless read the page and before it writes.
        let edited = page + "\nA line the author just saved.\n"
        try scratch.write("page.md", edited)
        let written = BlessRun.writeReporting([blessed])
        #expect(written[0].error?.message.contains("it changed since lectern read it") == true)
        #expect(!written[0].summaryLine().contains("rewritten"))
        #expect(try scratch.read("page.md") == edited)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["page.md"])
    }

    @Test func staleTemporariesOfLecternsOwnNamingAreRemoved() throws {
        let path = try scratch.write("page.md", page)
        // A PID above the kernel's maximum (2^22) never runs; PID 1 always does.
        let stale = ".page.md.lectern-99999999-a1B2c3"
        let live = ".page.md.lectern-1-a1B2c3"
        let others = [".page.md.lectern-99999999-toolong1", ".other.md.lectern-99999999-a1B2c3", ".page.md.backup"]
        for name in [stale, live] + others { try scratch.write(name, "x") }
        try AtomicFile.write(Array("new\n".utf8), to: path)
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted()
        #expect(names == ([live, "page.md"] + others).sorted())
        // bless removes them even when the page is up to date and not written.
        try scratch.write(stale, "x")
        _ = BlessRun.bless([path], options: CheckOptions(jobs: 1), blessing: .init())
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/" + stale))
    }
}
