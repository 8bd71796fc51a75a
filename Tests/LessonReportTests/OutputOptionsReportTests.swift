import LessonDocument
import LessonExecution
import LessonModel
@testable import LessonReport
import Testing

/// A block's tolerance (`output atol=1e-7`) is for `check`; reports show what the cell printed.
@Test func outputBlockOptionsStayOutOfReports() throws {
    let page = "# Noise\n\n```swift\nprint(mean)\n```\n\n```output atol=1e-7 rtol=1e-3\nmean -5.9605e-08\n```\n\nAfter.\n"
    let document = try Document.parse(path: "notebooks/noise.md", contents: Array(page.utf8))
    let executed = ExecutedDocument(document: document, outputs: [CellOutput(items: [.text("mean 9.9341e-09\n")])])
    let html = ReportRenderer.html(executed, name: "noise")
    #expect(html.contains("<samp>mean 9.9341e-09"))
    #expect(!html.contains("atol") && !html.contains("rtol") && !html.contains("language-output"))
    #expect(html.contains("<p>After.</p>"))
    let markdown = ReportRenderer.markdown(executed, name: "noise").markdown
    #expect(markdown.contains("```text\nmean 9.9341e-09\n```"))
    #expect(!markdown.contains("atol") && !markdown.contains("rtol") && !markdown.contains("```output"))
}
