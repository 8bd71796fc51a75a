#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation
import LessonDocument
import LessonModel
@testable import LessonReport
import Testing

@Suite struct ProseMathTests {
    /// Prose as a page at line 10 would hold it, through the HTML report's prose writer.
    func render(_ markdown: String) -> (html: String, warnings: [Diagnostic]) {
        var writer = HTMLReportWriter()
        writer.prose(run: Prose(markdown: markdown, byteRange: 0..<markdown.utf8.count,
                           location: SourceLocation(file: "notebooks/m.md", line: 10, column: 1)))
        return (writer.html, writer.diagnostics)
    }

    @Test func underscoresInsideMathAreNotEmphasis() {
        let (html, warnings) = render("Layers $x_1$ and $x_2$, then _really_ done.\n")
        #expect(warnings.isEmpty)
        #expect(html.contains("Layers <math alttext=\"x_1\"><msub><mi>x</mi><mn>1</mn></msub></math> and <math alttext=\"x_2\">"))
        #expect(html.components(separatedBy: "<em>").count == 2)
        #expect(html.contains("<em>really</em>"))
    }

    @Test func asterisksInsideMathAreNotEmphasis() {
        let (html, _) = render("The product $a * b * c$ is *small*.\n")
        #expect(html.contains("<mi>a</mi><mo>∗</mo><mi>b</mi><mo>∗</mo><mi>c</mi>"))
        #expect(html.contains("is <em>small</em>."))
        #expect(html.components(separatedBy: "<em>").count == 2)
    }

    @Test func emphasisAroundMathStillWorks() {
        let (html, _) = render("A *stable $x$ value*.\n")
        #expect(html.contains("<em>stable <math alttext=\"x\"><mi>x</mi></math> value</em>"))
    }

    @Test func codeKeepsItsDollars() {
        let (html, _) = render("Write `let s = \"$x$\"` here.\n\n```text\nprice: $a_1$\n```\n\n    indented $b_2$\n")
        #expect(html.contains("<code>let s = &quot;$x$&quot;</code>"))
        #expect(html.contains("price: $a_1$"))
        #expect(html.contains("indented $b_2$"))
        #expect(!html.contains("<math"))
    }

    @Test func escapedAndLoneDollarsAreText() {
        #expect(render("It costs $5.\n").html.contains("<p>It costs $5.</p>"))
        #expect(render("From $5 to $10 a month.\n").html.contains("<p>From $5 to $10 a month.</p>"))
        #expect(render("Pay \\$x\\$ now.\n").html.contains("<p>Pay $x$ now.</p>"))
        #expect(render("Not $ x$ either.\n").html.contains("<p>Not $ x$ either.</p>"))
        let (html, _) = render("Pay \\$3 for $y$.\n")
        #expect(html.contains("<p>Pay $3 for <math alttext=\"y\"><mi>y</mi></math>.</p>"))
    }

    @Test func mathNeverCrossesABlankLine() {
        let (html, _) = render("Open $a\n\nclose b$ here.\n")
        #expect(!html.contains("<math"))
        #expect(html.contains("<p>Open $a</p>\n<p>close b$ here.</p>"))
    }

    @Test func mathAfterACodeSpanWithADollar() {
        let (html, _) = render("The `$` sign, then $x_1$ and ``a ` $b$`` too.\n")
        #expect(html.contains("<code>$</code> sign, then <math alttext=\"x_1\">"))
        #expect(html.contains("<code>a ` $b$</code> too."))
        #expect(html.components(separatedBy: "<math").count == 2)
    }

    @Test func aDollarFollowedByADigitDoesNotClose() {
        #expect(!render("Between $a$5 and more.\n").html.contains("<math"))
    }

    @Test func displayMathIsABlock() {
        let (html, _) = render("Loss:\n\n$$\nL = \\frac{1}{n}\\sum_i e_i^2\n$$\n")
        #expect(html.contains("<p><math display=\"block\" alttext=\"L = \\frac{1}{n}\\sum_i e_i^2\"><mi>L</mi><mo>=</mo><mfrac><mn>1</mn><mi>n</mi></mfrac>"))
    }

    @Test func mathInsideATagBecomesItsSourceText() {
        let (html, _) = render("![plot of $x_1$](plot.png) and <span title=\"$y$\">t</span>\n")
        #expect(html.contains("alt=\"plot of $x_1$\""))
        #expect(html.contains("<span title=\"$y$\">t</span>"))
        #expect(!html.contains("<math"))
    }

    @Test func linkDestinationsKeepTheirDollars() {
        let (html, _) = render("See [the $k$-th layer](https://example.com/a$b$c \"$t$\") and ](x $y$).\n")
        #expect(html.contains("<a href=\"https://example.com/a$b$c\" title=\"$t$\">the <math alttext=\"k\"><mi>k</mi></math>-th layer</a>"))
        #expect(html.contains("](x <math alttext=\"y\">"))
    }

    @Test func bareURLsKeepTheirDollars() {
        let (html, _) = render("Read https://example.com/a$b$c, www.site.org/$q$ and $x$.\n")
        #expect(html.contains("<a href=\"https://example.com/a$b$c\">https://example.com/a$b$c</a>"))
        #expect(html.contains("<a href=\"http://www.site.org/$q$\">www.site.org/$q$</a>"))
        #expect(html.components(separatedBy: "<math").count == 2)
        #expect(html.contains("and <math alttext=\"x\"><mi>x</mi></math>."))
    }

    @Test func textThatOnlyLooksLikeAURLKeepsItsMath() {
        // cmark-gfm links none of these: a scheme glued to a letter, `www.` after a letter, an
        // invalid domain. Their math is math.
        for prose in ["xhttps://a.org/$k$\n", "awww.a.org/$k$\n", "https://-a/$k$\n", "https://a_b.org/$k$\n"] {
            let (html, _) = render(prose)
            #expect(!html.contains("<a "), "\(prose)")
            #expect(html.contains("<math alttext=\"k\">"), "\(prose)")
        }
    }

    @Test func mathAcrossLinesOfAQuoteLeavesTheQuoteMarkersOut() throws {
        let (html, warnings) = render("> Sum:\n> $$\n> a +\n> b\n> $$\n>> nested $c +\n>> \\foo d$ end\n")
        #expect(html.contains("<blockquote>"))
        let display = try #require(html.range(of: "<math display=\"block\""))
        let math = html[display.lowerBound...].prefix { $0 != "/" }
        #expect(!math.contains("&gt;"))
        #expect(html.contains("<mi>a</mi><mo>+</mo><mi>b</mi>"))
        // The unknown command in the nested quote is located on its own line, past the markers.
        #expect(warnings.map(\.description) == ["notebooks/m.md:16:4: warning: unknown TeX command \\foo; the HTML report shows this math as TeX source"])
        #expect(html.contains("<code class=\"math-source\">$c +\n   \\foo d$</code>"))
    }

    @Test func mathInHeadingsListsAndTables() {
        let (html, _) = render("## Depth $k$\n\n- item $a|b$\n\n| x | y |\n| - | - |\n| $x_1$ | $|y|$ |\n")
        #expect(html.contains("\">Depth <math alttext=\"k\"><mi>k</mi></math></h2>"))
        #expect(html.contains("<li>item <math alttext=\"a|b\">"))
        #expect(html.contains("<td><math alttext=\"|y|\"><mo stretchy=\"false\">|</mo><mi>y</mi><mo stretchy=\"false\">|</mo></math></td>"))
    }

    @Test func unknownCommandShowsSourceAndWarnsWithItsLocation() throws {
        let (html, warnings) = render("First line.\nSee $a + \\foo{b}$ and $c_1$.\n")
        #expect(html.contains("See <code class=\"math-source\">$a + \\foo{b}$</code> and <math alttext=\"c_1\">"))
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.description == "notebooks/m.md:11:10: warning: unknown TeX command \\foo; the HTML report shows this math as TeX source")
    }

    @Test func mathSourceIsEscaped() {
        let (html, warnings) = render("Bad $\\foo<b>$ here.\n")
        #expect(html.contains("<code class=\"math-source\">$\\foo&lt;b&gt;$</code>"))
        #expect(warnings.count == 1)
    }

    @Test func typesetMathIsWellFormedXML() throws {
        let (html, _) = render("$x_{k+1} < \\frac{a}{b}$, $\\text{fan & in}$, $\\sqrt{2}\\,\\tanh(x)$ and\n\n$$\\left(\\sum_{i=1}^{n} x_i\\right)^2 \\ge 0$$\n")
        var elements = 0
        var rest = html[...]
        while let start = rest.range(of: "<math"), let end = rest.range(of: "</math>", range: start.upperBound..<rest.endIndex) {
            let fragment = String(rest[start.lowerBound..<end.upperBound])
            let parser = XMLParser(data: Data(fragment.utf8))
            #expect(parser.parse(), "\(fragment): \(parser.parserError.map(String.init(describing:)) ?? "")")
            elements += 1
            rest = rest[end.upperBound...]
        }
        #expect(elements == 4)
    }

    @Test func renderingIsDeterministic() {
        let page = "Text $a_1 + \\bad$ then $x^2$ and $\\foo$.\n"
        let first = render(page)
        let second = render(page)
        #expect(first.html == second.html)
        #expect(first.warnings == second.warnings)
        #expect(first.warnings.map(\.location?.column) == [13, 35])
    }

    @Test func markdownReportKeepsTheAuthorsTeX() {
        var writer = MarkdownReportWriter(name: "m")
        let prose = "Gradient $\\partial L / \\partial x_1$ and $$x_1^2$$ and `$code$`.\n"
        writer.prose(run: Prose(markdown: prose, byteRange: 0..<prose.utf8.count, location: SourceLocation(file: "m.md", line: 1, column: 1)))
        #expect(writer.markdown == prose)
    }

    @Test func renderJobPrintsMathWarnings() throws {
        let scratch = try ScratchFolder()
        try scratch.write("page.md", "# Page\n\nSome $\\nope$ math.\n")
        var messages: [String] = []
        let job = RenderJob(inputs: [scratch.path + "/page.md"], formats: [.html], outputFolder: scratch.path + "/out", execute: fixtureExecution)
        let outcome = job.run { messages.append($0) }
        #expect(!outcome.failed)
        #expect(messages == ["\(scratch.path)/page.md:3:7: warning: unknown TeX command \\nope; the HTML report shows this math as TeX source"])
        #expect(try scratch.read("out/page.html").contains("<code class=\"math-source\">$\\nope$</code>"))
    }
}

extension ReportSpelling {
    /// `prose` parsed alone, as a render parses each of a page's runs, then spelt.
    mutating func prose(run prose: Prose) {
        let document = Document(path: prose.location.file, source: Array(prose.markdown.utf8), frontMatter: FrontMatter(),
                                blocks: [.prose(prose)], diagnostics: [])
        self.prose(prose, run: PageOutline(document, page: PageHeading(document, name: "m"), html: true).runs[0])
    }
}
