import LessonDocument
import LessonExecution
import LessonModel
@testable import LessonReport
import Testing

/// A render parses each prose run of a page once, whatever formats it writes.
@Suite struct ProseParseTests {
    static let page = "# Title\n\nSee [the next page](next.md).\n\n```swift\nprint(1)\n```\n\n## Part $k$\n\nMore.\n"

    func parses(formats: Set<ReportFormat>) throws -> (count: Int, files: [ReportFile]) {
        let document = try Document.parse(path: "p.md", contents: Array(Self.page.utf8))
        let executed = ExecutedDocument(document: document, outputs: [CellOutput(items: [.text("1\n")])])
        let counter = PageOutline.ParseCounter()
        let files = PageOutline.$parseCounter.withValue(counter) { ReportRenderer.files(executed, name: "p", formats: formats) }
        return (counter.count, files)
    }

    @Test func bothFormatsShareOneParsePerProseRun() throws {
        let (count, files) = try parses(formats: [.html, .md])
        #expect(count == 2)
        let html = files.first { $0.relativePath == "p.html" }?.contents ?? ""
        // What the one parse gave the HTML report: rewritten links, anchors, the list of sections.
        #expect(html.contains("<a href=\"next.html\">the next page</a>"))
        #expect(html.contains("<h2 id=\"part-k\">Part <math"))
        #expect(html.contains("<a href=\"#part-k\">Part <math"))
    }

    @Test func oneFormatParsesOnceToo() throws {
        #expect(try parses(formats: [.md]).count == 2)
        #expect(try parses(formats: [.html]).count == 2)
    }
}
