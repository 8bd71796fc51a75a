import Foundation
import LessonCells
import LessonDocument
import LessonExecution
import LessonModel
@testable import LessonReport
import Testing

/// A scratch folder per test, removed afterwards.
final class ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-render-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relativePath: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path + "/" + relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relativePath: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path + "/" + relativePath)), as: UTF8.self)
    }

    func exists(_ relativePath: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + relativePath) }

    func list(_ relativePath: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path + "/" + relativePath).sorted()
    }
}

/// Runs a page's cells from fixtures keyed by the page's first cell, so no interpreter is needed.
func fixtureExecution(_ document: Document, _ limits: ExecutionLimits = .default) -> ExecutedDocument {
    if document.cells.first?.code.contains("layerSizes") == true {
        var executed = try! Fixtures.lesson(path: document.path)
        executed.document = document
        return executed
    }
    if document.cells.contains(where: { $0.code.contains("missing") }) {
        var executed = try! Fixtures.failing(path: document.path)
        executed.document = document
        return executed
    }
    return ExecutedDocument(document: document, outputs: document.cells.map { _ in CellOutput(items: [.text("ok\n")]) })
}

@Suite struct RenderJobTests {
    func job(_ inputs: [String], output: String, formats: Set<ReportFormat> = [.html, .md], allowErrors: Bool = false) -> RenderJob {
        RenderJob(inputs: inputs, formats: formats, outputFolder: output, allowErrors: allowErrors, execute: fixtureExecution)
    }

    @Test func rendersAFolderIntoReportsFiguresAndAnIndex() throws {
        let scratch = try ScratchFolder()
        try scratch.write("notebooks/shortcut-connections.md", Fixtures.lessonPage)
        try scratch.write("notebooks/another.md", "# Another lesson\n\n```swift\nprint(1)\n```\n")
        try scratch.write("notebooks/notes.txt", "not a page")
        var messages: [String] = []
        let outcome = job([scratch.path + "/notebooks"], output: scratch.path + "/output").run { messages.append($0) }
        #expect(!outcome.failed)
        #expect(messages.isEmpty)
        #expect(try scratch.list("output") == ["another.html", "another.md", "index.html", "index.md", "shortcut-connections", "shortcut-connections.html", "shortcut-connections.md"])
        #expect(try scratch.list("output/shortcut-connections") == ["figure-1.svg", "figure-2.svg"])
        let index = try scratch.read("output/index.html")
        #expect(index.contains("<li><a href=\"another.html\">Another lesson</a> <span class=\"name\">another · <a href=\"another.md\">Markdown</a></span></li>\n<li><a href=\"shortcut-connections.html\">Shortcut connections</a>"))
        #expect(try scratch.list("output").allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func secondRenderWritesIdenticalBytes() throws {
        let scratch = try ScratchFolder()
        try scratch.write("shortcut-connections.md", Fixtures.lessonPage)
        let render = job([scratch.path + "/shortcut-connections.md"], output: scratch.path + "/out")
        _ = render.run { _ in }
        let first = try ["shortcut-connections.html", "shortcut-connections.md", "index.html", "shortcut-connections/figure-1.svg"].map { try scratch.read("out/" + $0) }
        _ = render.run { _ in }
        let second = try ["shortcut-connections.html", "shortcut-connections.md", "index.html", "shortcut-connections/figure-1.svg"].map { try scratch.read("out/" + $0) }
        #expect(first == second)
    }

    @Test func cellErrorStillWritesTheReportAndFailsUnlessAllowed() throws {
        let scratch = try ScratchFolder()
        try scratch.write("failing.md", Fixtures.failingPage)
        var messages: [String] = []
        let outcome = job([scratch.path + "/failing.md"], output: scratch.path + "/out").run { messages.append($0) }
        #expect(outcome.failed)
        #expect(messages == ["\(scratch.path)/failing.md:8:9: error: cannot find 'missing' in scope"])
        #expect(try scratch.read("out/failing.html").contains("callout error"))
        let allowed = job([scratch.path + "/failing.md"], output: scratch.path + "/out", allowErrors: true).run { _ in }
        #expect(!allowed.failed)
    }

    @Test func onlyTheRequestedFormats() throws {
        let scratch = try ScratchFolder()
        try scratch.write("shortcut-connections.md", Fixtures.lessonPage)
        _ = job([scratch.path + "/shortcut-connections.md"], output: scratch.path + "/out", formats: [.md]).run { _ in }
        #expect(try scratch.list("out") == ["index.html", "index.md", "shortcut-connections", "shortcut-connections.md"])
        #expect(try scratch.read("out/index.html").contains("<a href=\"shortcut-connections.md\">Shortcut connections</a>"))
    }

    @Test func staleFiguresAreRemoved() throws {
        let scratch = try ScratchFolder()
        try scratch.write("p.md", "# P\n\n```swift\nprint(1)\n```\n")
        try scratch.write("out/p/figure-7.svg", "<svg/>")
        _ = job([scratch.path + "/p.md"], output: scratch.path + "/out").run { _ in }
        #expect(!scratch.exists("out/p/figure-7.svg"))
        #expect(!scratch.exists("out/p"))
    }

    @Test func missingPageOrFolderIsOneLine() throws {
        let scratch = try ScratchFolder()
        var messages: [String] = []
        let outcome = job([scratch.path + "/nope"], output: scratch.path + "/out").run { messages.append($0) }
        #expect(outcome.failed)
        #expect(messages == ["error: no such page or folder: \(scratch.path)/nope"])
        #expect(!scratch.exists("out"))
    }

    @Test func unreadablePageIsOneLineAndOthersStillRender() throws {
        let scratch = try ScratchFolder()
        try scratch.write("good.md", "# Good\n")
        try scratch.write("bad.md", "---\ntolerance: loose\n---\n")
        var messages: [String] = []
        let outcome = job([scratch.path + "/bad.md", scratch.path + "/good.md"], output: scratch.path + "/out").run { messages.append($0) }
        #expect(outcome.failed)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("\(scratch.path)/bad.md:2:12: error: 'tolerance' must be") == true)
        #expect(scratch.exists("out/good.html"))
    }

    @Test func unwritableOutputFolderIsOneLine() throws {
        let scratch = try ScratchFolder()
        try scratch.write("p.md", "# P\n")
        try scratch.write("file", "")
        var messages: [String] = []
        let outcome = job([scratch.path + "/p.md"], output: scratch.path + "/file/out").run { messages.append($0) }
        #expect(outcome.failed)
        #expect(messages == ["error: cannot write to output folder \(scratch.path)/file: it is a file, not a folder"])
    }

    @Test func reportsNeverOverwriteThePages() throws {
        let scratch = try ScratchFolder()
        try scratch.write("notebooks/p.md", "# P\n")
        var messages: [String] = []
        let outcome = job([scratch.path + "/notebooks"], output: scratch.path + "/notebooks/../notebooks").run { messages.append($0) }
        #expect(outcome.failed)
        #expect(messages.first?.contains("would overwrite the page") == true)
        #expect(try scratch.read("notebooks/p.md") == "# P\n")
    }

    @Test func pagesWithTheSameNameAreRefused() throws {
        let scratch = try ScratchFolder()
        try scratch.write("a/p.md", "# A\n")
        try scratch.write("b/p.md", "# B\n")
        var messages: [String] = []
        let outcome = job([scratch.path + "/a", scratch.path + "/b"], output: scratch.path + "/out").run { messages.append($0) }
        #expect(outcome.failed)
        #expect(messages.first?.contains("would both be written as") == true)
    }

    @Test func aPageNamedIndexNeverMeetsTheLessonIndex() throws {
        // Its report was silently replaced by the lesson index, and the render exited 0.
        for name in ["index.md", "Index.md"] {
            let scratch = try ScratchFolder()
            try scratch.write("notebooks/" + name, "# Welcome\n")
            try scratch.write("notebooks/a.md", "# A\n")
            var messages: [String] = []
            let outcome = job([scratch.path + "/notebooks"], output: scratch.path + "/out").run { messages.append($0) }
            #expect(outcome.failed)
            #expect(messages.first?.contains("the name of the lesson index; rename the page") == true)
            #expect(!scratch.exists("out/index.html"))
        }
    }

    @Test func pageWarningsAreReported() throws {
        let scratch = try ScratchFolder()
        try scratch.write("p.md", "---\ntitle: P\nauthr: me\n---\n")
        var messages: [String] = []
        let outcome = job([scratch.path + "/p.md"], output: scratch.path + "/out").run { messages.append($0) }
        #expect(!outcome.failed)
        #expect(messages == ["\(scratch.path)/p.md:3:1: warning: unknown front matter key 'authr' (known keys: title, tolerance, limits)"])
    }

    @Test func formatList() throws {
        #expect(try ReportFormat.parseList("html, md") == [.html, .md])
        #expect(try ReportFormat.parseList("markdown") == [.md])
        #expect(throws: RenderFailure.self) { try ReportFormat.parseList("pdf") }
    }
}

@Suite struct RunTranscriptTests {
    @Test func printsOutputsAndSendsWarningsAndErrorsToStandardErrorLocated() throws {
        var output = "", errors = ""
        RunTranscript.write(try Fixtures.lesson(path: "l.md"), output: { output += $0 }, errors: { errors += $0 })
        #expect(output.hasPrefix("<script>alert(1)</script>\nlayers.0.0.weight has gradient mean of 0.00020173587836325169\n"))
        #expect(output.contains("""
            parameter          shape  without shortcut  with shortcut  Ratio
            layers.0.0.weight  3 × 3          2.017e-4         0.2217  1099×
            """))
        #expect(output.contains("1.326   263×\nRatio: with shortcut ÷ without shortcut.\n"))
        #expect(errors == "l.md:31:1: warning: \(Fixtures.mseWarning)\nl.md:39:14: error: cannot find 'undefinedThing' in scope\n")
    }
}

/// `render` and `check` read a folder the same way: nested folders searched, hidden entries
/// skipped, byte order, so `lectern render notebooks` reports on exactly the pages `lectern
/// check notebooks` checks.
@Test func renderSeesTheSamePagesAsCheck() throws {
    let scratch = try ScratchFolder()
    try scratch.write("b.md", "# B\n")
    try scratch.write("a/z.md", "# Z\n")
    try scratch.write(".hidden/x.md", "# X\n")
    try scratch.write("notes.txt", "not a page\n")
    let rendered = try PageList.pages(in: [scratch.path])
    let checked = PageCollection.pages(named: [scratch.path]).compactMap { entry -> String? in
        if case .page(let path) = entry { return path } else { return nil }
    }
    #expect(rendered == [scratch.path + "/a/z.md", scratch.path + "/b.md"])
    #expect(rendered == checked)
}
