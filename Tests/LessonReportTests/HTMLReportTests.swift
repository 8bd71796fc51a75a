import LessonDocument
import LessonExecution
import LessonModel
@testable import LessonReport
import Testing

@Suite struct HTMLReportTests {
    let html: String

    init() throws {
        html = ReportRenderer.html(try Fixtures.lesson(), name: "shortcut-connections")
    }

    @Test func isOneSelfContainedPage() {
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<title>Shortcut connections</title>"))
        #expect(html.contains("<style>"))
        #expect(html.contains("prefers-color-scheme:dark"))
        #expect(html.contains("@media print"))
        #expect(html.contains("default-src 'none'"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src=\"http"))
        #expect(html.hasSuffix("</main>\n</body>\n</html>\n"))
    }

    @Test func wideCodeAndOutputShowThatTheyScroll() {
        let css = HTMLStyle.css
        // Lines keep their breaks (no wrapping) and scroll; every block that can scroll has the
        // shade at the edge with more, and both colour schemes give the shade a colour.
        #expect(css.contains("pre{overflow-x:auto;"))
        let rule = css.split(separator: "\n").first { $0.hasPrefix(".prose pre,.cell pre.code,.output pre,") && $0.contains("{background:") }
        #expect(rule?.contains("no-repeat local") == true)
        #expect(rule?.contains("radial-gradient(farthest-side at 100% 50%,var(--scroll-shade),transparent) right/.8em 100% no-repeat scroll") == true)
        #expect(css.components(separatedBy: "--scroll-shade:").count == 3)
        for kind in [".prose pre{", ".cell pre.code{", ".output pre{"] {
            #expect(css.contains(kind + "--pre-bg:") || css.contains(kind.dropLast() + "{margin:0;padding:.2em 0;--pre-bg:"), "\(kind)")
        }
    }

    @Test func wideTablesAndPhoneChartsShowThatTheyScroll() throws {
        let css = HTMLStyle.css
        // A gradient table is wider than a phone, and a chart keeps its readable size there:
        // both scroll sideways, so both get the code blocks' shade, over the page's colour.
        #expect(css.contains("table{border-collapse:collapse;display:block;overflow-x:auto;"))
        #expect(css.contains("figure.chart{overflow-x:auto}figure.chart svg{width:36rem;max-width:none}"))
        let rule = try #require(css.split(separator: "\n").first { $0.contains("{background:linear-gradient(to right,var(--pre-bg)") })
        let selectors = rule.prefix { $0 != "{" }.split(separator: ",").map(String.init)
        #expect(selectors.contains("table") && selectors.contains("figure.chart"))
        #expect(css.contains("table,figure.chart{--pre-bg:var(--bg)}"))
    }

    @Test func thePagerCardsAreEqualColumnsThatStackOnAPhone() throws {
        let css = HTMLStyle.css
        // Two columns of one width whatever the titles (minmax(0,…): a long title wraps rather
        // than widening its card), the next card in the right one even alone; one column on a phone.
        #expect(css.contains(".pager{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));"))
        #expect(css.contains(".pager a.next{grid-column:2;"))
        let phone = try #require(css.components(separatedBy: "@media (max-width:40rem){").dropFirst().first)
        #expect(phone.prefix { $0 != "@" }.contains(".pager{grid-template-columns:minmax(0,1fr)}.pager a.next{grid-column:1}"))
        let card = try #require(css.split(separator: "\n").first { $0.hasPrefix(".pager a{") })
        #expect(card.contains("overflow-wrap:break-word") && !card.contains("max-width"))
    }

    @Test func gfmFeaturesSurvive() {
        #expect(html.contains("<h1 id=\"shortcut-connections\">Shortcut connections</h1>"))
        #expect(html.contains("<em>vanish</em>"))
        #expect(html.contains("<del>grow</del>"))
        #expect(html.contains("<a href=\"https://example.com/ch4\">the chapter</a>"))
        #expect(html.contains("<a href=\"http://www.example.org\">www.example.org</a>"))
        #expect(html.contains("<th>layer</th>"))
        #expect(html.contains("<td align=\"right\">3</td>"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> build the network"))
        #expect(html.contains("<code>print(x &lt; y)</code>"))
        #expect(html.contains("<kbd>Ctrl</kbd>"))
    }

    @Test func rawScriptInProseIsShownAsText() {
        #expect(html.contains("<kbd>Ctrl</kbd> &lt;script&gt;alert(&amp;quot;prose&amp;quot;)</p>"))
        #expect(!html.contains("<script"))
    }

    @Test func titleComesFromFrontMatterAndIsNotRepeated() {
        #expect(html.components(separatedBy: "<h1 ").count == 2)
    }

    @Test func codeIsHighlightedAndEscaped() {
        #expect(html.contains("<span class=\"kw\">let</span> layerSizes = [<span class=\"nu\">3</span>"))
        #expect(html.contains("<span class=\"co\">// a comment &lt;b&gt;bold&lt;/b&gt;</span>"))
        #expect(html.contains("<span class=\"st\">&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;</span>"))
    }

    @Test func capitalisedNamesAreColouredAsTypes() {
        let html = SwiftHighlighter.html("let t = Tensor([[1.0]])\nlet n: Int = t.count\n")
        #expect(html == "<span class=\"kw\">let</span> t = <span class=\"ty\">Tensor</span>([[<span class=\"nu\">1.0</span>]])\n<span class=\"kw\">let</span> n: <span class=\"ty\">Int</span> = t.count\n")
    }

    @Test func printedOutputIsEscapedAndDistinctFromCode() {
        #expect(html.contains("<pre class=\"printed\"><samp>&lt;script&gt;alert(1)&lt;/script&gt;\n</samp></pre>"))
        #expect(html.contains("<pre class=\"code\">"))
    }

    @Test func hiddenCellShowsOnlyItsOutput() {
        #expect(!html.contains("printGradients"))
        #expect(html.contains("layers.0.0.weight has gradient mean of 0.00020173587836325169"))
        #expect(html.contains("class=\"cell hidden-code\" id=\"cell-2\""))
    }

    @Test func warningIsACallout() {
        #expect(html.contains("<div class=\"callout warning\" role=\"note\"><p class=\"callout-title\">Warning</p><pre>Using a target size"))
    }

    @Test func norunCellShowsCodeAndANote() {
        #expect(html.contains("manualSeed</span>") || html.contains("manualSeed("))
        #expect(html.contains("Not run (this cell is marked norun)"))
    }

    @Test func expectedErrorIsLocatedAndMarkedExpected() {
        #expect(html.contains("<div class=\"callout expected\" role=\"note\"><p class=\"callout-title\">Error (expected by this cell)</p><pre><code class=\"location\">notebooks/shortcut-connections.md:39:14</code>: cannot find 'undefinedThing' in scope</pre></div>"))
    }

    @Test func gradientTableHasRoundedNumbersFullPrecisionAndRatio() {
        #expect(html.contains("<th scope=\"col\" class=\"num\">without shortcut</th><th scope=\"col\" class=\"num\">with shortcut</th><th scope=\"col\" class=\"num\">Ratio</th>"))
        #expect(html.contains("</table>\n<p class=\"table-note\">Ratio: with shortcut ÷ without shortcut.</p>\n</figure>"))
        #expect(html.contains("<tr><th scope=\"row\"><code>layers.0.0.weight</code></th><td>3 × 3</td><td class=\"num\" title=\"0.00020173587836325169\">2.017×10⁻⁴</td><td class=\"num\" title=\"0.22169798612594604\">0.2217</td><td class=\"num\""))
        #expect(html.contains(">1099×</td>"))
        #expect(html.contains("<td>1 × 3</td>"))
    }

    @Test func chartsAreInlineSVGWithUniqueIds() {
        #expect(html.contains("<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.contains("aria-labelledby=\"figure-1-title figure-1-desc\""))
        #expect(html.contains("aria-labelledby=\"figure-2-title figure-2-desc\""))
        #expect(!html.contains("<?xml"))
        #expect(html.contains("<title id=\"figure-2-title\">Loss &lt;by&gt; step</title>"))
    }

    @Test func sameBytesEveryTime() throws {
        #expect(ReportRenderer.html(try Fixtures.lesson(), name: "shortcut-connections") == html)
    }

    @Test func linksToSiblingPagesPointAtTheirReports() throws {
        let executed = ExecutedDocument(document: try .parse(path: "p.md", contents: Array(
            "[a](other.md) [b](other.md#part) [c](https://x.org/y.md) [d](../docs/z.md) [e](notes.mdx)\n".utf8)), outputs: [])
        let page = ReportRenderer.html(executed, name: "p")
        #expect(page.contains("<a href=\"other.html\">a</a> <a href=\"other.html#part\">b</a> <a href=\"https://x.org/y.md\">c</a> <a href=\"../docs/z.md\">d</a> <a href=\"notes.mdx\">e</a>"))
        let (markdown, _) = ReportRenderer.markdown(executed, name: "p")
        #expect(markdown.contains("[a](other.md)"))
    }

    @Test func pageWithoutHeadingGetsTheTitle() throws {
        let executed = ExecutedDocument(document: try .parse(path: "p.md", contents: Array("---\ntitle: A <b> title\n---\nText.\n".utf8)), outputs: [])
        let page = ReportRenderer.html(executed, name: "p")
        #expect(page.contains("<h1 id=\"a-b-title\">A &lt;b&gt; title</h1>"))
        #expect(page.contains("<title>A &lt;b&gt; title</title>"))
    }
}

@Suite struct EscapingTests {
    @Test func warningsErrorsTablesAndChartsEscapeTheirText() throws {
        let document = try Document.parse(path: "x<y>.md", contents: Array("```swift\nprint(1)\n```\n".utf8))
        let table = GradientTable(title: "<i>t</i>", modelLabels: ["<a>"], rows: [.init(name: "<n>", shape: [1], meanAbsoluteGradients: [0.5])])
        let chart = Chart(kind: .groupedBar, title: "<script>", xTitle: "&", yTitle: "\"q\"", yScale: .linear,
                          categories: ["<c>"], series: [.init(label: "<s>", values: [1])])
        let output = CellOutput(items: [
            .warning("<script>w</script>"), .figure(.gradientTable(table)), .figure(.chart(chart)),
            .error(.error("<b>bad</b>", at: SourceLocation(file: "x<y>.md", line: 2, column: 1))),
        ])
        let executed = ExecutedDocument(document: document, outputs: [output])
        let html = ReportRenderer.html(executed, name: "x")
        let body = try #require(html.components(separatedBy: "<main").last)
        for raw in ["<script>", "<i>", "<a>", "<n>", "<c>", "<s>", "<b>", "<y>"] {
            #expect(!body.contains(raw), "\(raw) reached the HTML unescaped")
        }
        #expect(body.contains("&lt;script&gt;w&lt;/script&gt;"))
        #expect(body.contains("<code class=\"location\">x&lt;y&gt;.md:2:1</code>: &lt;b&gt;bad&lt;/b&gt;"))
        let (markdown, figures) = ReportRenderer.markdown(executed, name: "x")
        for raw in ["<script>", "<i>", "<a>", "<b>"] {
            #expect(!markdown.contains(raw), "\(raw) reached the Markdown unescaped")
        }
        #expect(figures.allSatisfy { !$0.contents.contains("<script>") && !$0.contents.contains("<s>") })
    }
}

@Suite struct ErrorReportTests {
    @Test func reportShowsEverythingUpToTheErrorAndMarksLaterCells() throws {
        let executed = try Fixtures.failing()
        let html = ReportRenderer.html(executed, name: "failing")
        #expect(html.contains("before\n"))
        #expect(html.contains("partial\n"))
        #expect(html.contains("<div class=\"callout error\" role=\"alert\"><p class=\"callout-title\">Error</p><pre><code class=\"location\">failing.md:8:9</code>: cannot find 'missing' in scope</pre></div>"))
        #expect(html.contains("Prose after the error."))
        #expect(html.contains("Not run: an earlier cell failed"))
        let beforeIndex = try #require(html.range(of: "partial"))
        let errorIndex = try #require(html.range(of: "callout error"))
        #expect(beforeIndex.lowerBound < errorIndex.lowerBound)

        let (markdown, _) = ReportRenderer.markdown(executed, name: "failing")
        #expect(markdown.contains("> [!CAUTION]\n> **Error**\n> `failing.md:8:9`: cannot find 'missing' in scope"))
        #expect(markdown.contains("*Not run: an earlier cell failed.*"))
    }
}

@Suite struct ConcurrentRenderingTests {
    /// Reports rendered on many threads at once are identical, GFM extensions included.
    @Test func htmlIsTheSameOnEveryThread() async throws {
        let reference = ReportRenderer.html(try Fixtures.lesson(), name: "l")
        #expect(reference.contains("<del>grow</del>") && reference.contains("<a href=\"http://www.example.org\">"))
        let pages = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<6 {
                group.addTask { (0..<10).map { _ in (try? Fixtures.lesson()).map { ReportRenderer.html($0, name: "l") } ?? "" } }
            }
            var all: [String] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(pages.count == 60)
        #expect(pages.allSatisfy { $0 == reference })
    }
}
