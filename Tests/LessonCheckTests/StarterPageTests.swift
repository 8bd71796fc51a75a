import Foundation
import LessonDocument
import LessonExecution
import LessonModel
import TestData
import Testing
@testable import LessonCheck

@Test func starterPageParsesWithOneCheckedCell() throws {
    let document = try parsePage(StarterPage.text(title: "Shortcut basics"), path: "notebooks/shortcut-basics.md")
    #expect(document.diagnostics.isEmpty)
    #expect(document.frontMatter.title == "Shortcut basics")
    #expect(document.cells.count == 1)
    let output = try #require(document.cells.first?.expectedOutput)
    #expect(output.text == StarterPage.publishedOutput)
    #expect(document.cells[0].code.contains("manualSeed(19045)"))
}

/// The starter's published numbers are PyTorch 2.15's for corpus case c034 (seed 19045, layers
/// [2, 2, 2], ReLU, shortcuts where shapes match, the same input and target).
@Test func starterNumbersArePyTorchs() throws {
    let cases = try TestData.referenceCaseList("corpus.json")
    let c034 = try #require(cases.first { $0["id"] as? String == "c034" })
    #expect(c034["seed"] as? Int == 19045)
    let pass = try #require(((c034["results"] as? [[String: Any]])?.first?["passes"] as? [[String: Any]])?.first)
    let loss = try #require((pass["loss"] as? [String: Any])?["value"] as? Double)
    let means = try #require(pass["weightGradMeanAbs"] as? [[String: Any]])
    var expected = "loss \(loss)\n"
    for mean in means {
        expected += "\(mean["name"] as? String ?? "?") has gradient mean of \(mean["value"] as? Double ?? .nan)\n"
    }
    #expect(StarterPage.publishedOutput == expected)
}

@Test func starterNamesAreValidated() throws {
    for good in ["shortcuts", "lesson-2", "gelu_tanh", "2024-notes"] {
        #expect(throws: Never.self) { try StarterPage.validate(name: good) }
    }
    for bad in ["", "../escape", "a/b", "-flag", ".hidden", "two words", "page.md", "café"] {
        #expect(throws: Diagnostic.self, "\(bad)") { try StarterPage.validate(name: bad) }
    }
    #expect(StarterPage.path(name: "x", folder: "notebooks") == "notebooks/x.md")
    #expect(StarterPage.path(name: "x", folder: ".") == "x.md")
    #expect(StarterPage.title(forName: "shortcut-basics_two") == "Shortcut basics two")
}

@Test func awkwardTitlesStayText() throws {
    for name in ["yes", "2024-notes", "null"] {
        let document = try parsePage(StarterPage.text(title: StarterPage.title(forName: name)))
        #expect(document.frontMatter.title == StarterPage.title(forName: name))
    }
}

@Test func creatingRefusesToOverwrite() throws {
    let scratch = try ScratchFolder()
    let folder = scratch.path + "/notebooks"
    let path = try StarterPage.create(name: "first", folder: folder)
    #expect(path == folder + "/first.md")
    try Data("mine\n".utf8).write(to: URL(filePath: path))
    #expect(throws: Diagnostic.self) { try StarterPage.create(name: "first", folder: folder) }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "mine\n")
}

@Test(.enabled(if: interpreterRuns)) func starterPagePassesCheckAsWritten() throws {
    let scratch = try ScratchFolder()
    let path = try StarterPage.create(name: "starter", folder: scratch.path)
    let summary = CheckRun.check([path], options: CheckOptions(jobs: 1))
    #expect(CheckFormat.text.render(summary).hasSuffix("1 passed, 0 failed\n"), "\(CheckFormat.text.render(summary))")
    #expect(summary.exitCode == 0)
}
