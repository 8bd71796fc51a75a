@testable import LessonReport
import Testing

@Suite struct MarkdownReportTests {
    let markdown: String
    let figures: [ReportFile]

    init() throws {
        (markdown, figures) = ReportRenderer.markdown(try Fixtures.lesson(), name: "shortcut-connections")
    }

    @Test func proseIsKeptAsWritten() {
        #expect(markdown.hasPrefix("# Shortcut connections\n\nDeep networks *vanish*: gradients ~~grow~~ shrink"))
        #expect(markdown.contains("| layer | size |\n| ----- | ---: |\n| 1     | 3    |"))
        #expect(markdown.contains("- [x] build the network\n- [ ] add shortcuts"))
        #expect(markdown.contains("[the chapter](https://example.com/ch4)"))
        #expect(markdown.contains("Use `print(x < y)` to show values."))
        #expect(!markdown.contains("tolerance: 1e-5"))
    }

    @Test func rawHTMLIsSanitizedButNotCodeSpans() {
        #expect(markdown.contains("Use `print(x < y)` to show values. <kbd>Ctrl</kbd> &lt;script>alert(\"prose\")"))
        let filtered = ProseTagFilter.filter("Write `<script>` as text: <SCRIPT src=x></script> <b>ok</b> <scripts>\n\n<style>\np{}\n</style>\n\n> <iframe\n> src=x>\n\n```\n<script>\n```\n")
        #expect(filtered == "Write `<script>` as text: &lt;script src=\"x\"> <b>ok</b> &lt;scripts>\n\n&lt;style>\np{}\n\n\n> &lt;iframe> src=x>\n\n```\n<script>\n```\n")
    }

    @Test func cellsAreSwiftFencesAndOutputsAreTextFences() {
        #expect(markdown.contains("```swift\nlet layerSizes = [3, 3, 3, 3, 3, 1]\n"))
        #expect(markdown.contains("```text\n<script>alert(1)</script>\n```"))
    }

    @Test func hiddenCodeIsLeftOut() {
        #expect(!markdown.contains("printGradients"))
        #expect(markdown.contains("```text\nlayers.0.0.weight has gradient mean of 0.00020173587836325169\n```"))
    }

    @Test func warningAndExpectedErrorAreAlerts() {
        #expect(markdown.contains("> [!WARNING]\n> Using a target size (torch.Size(\\[1, 1\\]))"))
        #expect(markdown.contains("> [!NOTE]\n> **Error** (expected by this cell)\n> `notebooks/shortcut-connections.md:39:14`: cannot find 'undefinedThing' in scope"))
        #expect(markdown.contains("*Not run (this cell is marked `norun`).*"))
    }

    @Test func gradientTableIsAPipeTable() {
        #expect(markdown.contains("""
            **Mean \\|grad\\| of each weight**

            | Parameter | Shape | without shortcut | with shortcut | Ratio |
            | :-- | :-- | --: | --: | --: |
            | `layers.0.0.weight` | 3 × 3 | 2.017e-4 | 0.2217 | 1099× |
            """))
        #expect(markdown.contains("| 263× |\n\n*Ratio: with shortcut ÷ without shortcut.*"))
    }

    @Test func chartsAreImageLinksToSVGFiles() {
        #expect(markdown.contains("![Gradient per layer](shortcut-connections/figure-1.svg)"))
        #expect(markdown.contains("![Loss &lt;by&gt; step](shortcut-connections/figure-2.svg)"))
        #expect(figures.map(\.relativePath) == ["shortcut-connections/figure-1.svg", "shortcut-connections/figure-2.svg"])
        #expect(figures.allSatisfy { $0.contents.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg") })
    }

    @Test func fencesOutgrowBackticksInside() {
        #expect(MarkdownReportWriter.fenced("let s = \"```\"\n", info: "swift") == "````swift\nlet s = \"```\"\n````")
    }

    @Test func sameBytesEveryTime() throws {
        let again = ReportRenderer.markdown(try Fixtures.lesson(), name: "shortcut-connections")
        #expect(again.markdown == markdown)
        #expect(again.figures == figures)
    }
}

