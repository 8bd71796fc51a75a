import LessonDocument
import LessonModel
@testable import LessonReport
import Testing

@Suite struct NumberTextTests {
    @Test func significantDigits() {
        #expect(NumberText.significant(0.00020173587836325169).plain == "2.017e-4")
        #expect(NumberText.significant(0.00020173587836325169).typeset == "2.017×10⁻⁴")
        #expect(NumberText.significant(0.0013988513965159655).plain == "0.001399")
        #expect(NumberText.significant(0.22169798612594604).plain == "0.2217")
        #expect(NumberText.significant(1.3258544206619263).plain == "1.326")
        #expect(NumberText.significant(1098.951698253446).plain == "1099")
        #expect(NumberText.significant(99_999.5).plain == "1.000e5")
        #expect(NumberText.significant(12_345).plain == "12350")
        #expect(NumberText.significant(0.99996).plain == "1.000")
        #expect(NumberText.significant(-0.5).plain == "-0.5000")
        #expect(NumberText.significant(0).plain == "0")
        #expect(NumberText.significant(.nan).plain == "NaN")
        #expect(NumberText.significant(Double.leastNonzeroMagnitude).plain == "4.941e-324")
        #expect(NumberText.significant(1.7976931348623157e308).plain == "1.798e308")
        #expect(NumberText.significant(-.infinity).plain == "−∞")
    }

    @Test func ratios() {
        #expect(GradientTableText.ratio(1098.95).plain == "1099")
        #expect(GradientTableText.ratio(459.97).plain == "460")
        #expect(GradientTableText.ratio(12.345).plain == "12.3")
        #expect(GradientTableText.ratio(1.0).plain == "1.00")
        #expect(GradientTableText.ratio(2e6).plain == "2.00e6")
    }

    @Test func coordinates() {
        #expect(NumberText.coordinate(12.345) == "12.35")
        #expect(NumberText.coordinate(12.5) == "12.5")
        #expect(NumberText.coordinate(40) == "40")
        #expect(NumberText.coordinate(-0.001) == "0")
        #expect(NumberText.coordinate(-3.05) == "-3.05")
        #expect(NumberText.coordinate(0.07) == "0.07")
    }

    @Test func decimals() {
        #expect(NumberText.decimal(0.2, fractionDigits: 1) == "0.2")
        #expect(NumberText.decimal(1, fractionDigits: 1) == "1.0")
        #expect(NumberText.decimal(-0.05, fractionDigits: 2) == "-0.05")
    }

    @Test func fullPrecisionIsSwiftsShortestRoundTrip() {
        #expect(NumberText.full(0.00020173587836325169) == "0.00020173587836325169")
    }

    @Test func escaping() {
        #expect(Escape.html("<a href=\"x\">&</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;")
        #expect(Escape.markdown("*a* [b] <c> `d`") == "\\*a\\* \\[b\\] &lt;c&gt; \\`d\\`")
        #expect(Escape.markdown("# not a heading\n- not a list") == "\\# not a heading\n\\- not a list")
        #expect(Escape.fence(for: "a ```` b") == "`````")
    }
}

@Suite struct PageHeadingTests {
    @Test func atxHeadings() {
        #expect(PageHeading.atxHeadingText("# Title") == "Title")
        #expect(PageHeading.atxHeadingText("  # Title ##  ") == "Title")
        #expect(PageHeading.atxHeadingText("# C#") == "C#")
        #expect(PageHeading.atxHeadingText("## Second") == nil)
        #expect(PageHeading.atxHeadingText("#hashtag") == nil)
        #expect(PageHeading.atxHeadingText("# #") == nil)
        #expect(PageHeading.atxHeadingText("# Windows\r") == "Windows")
        #expect(PageHeading.levelOneHeading(in: "Intro\r\n\r\n## Two\r\n# One #\r\n") == "One")
    }

    /// A page a render links to but does not write is read once for its title, whether the
    /// front matter gives it or the first heading does.
    @Test func aLinkedPageIsReadOnceForItsTitle() throws {
        let scratch = try ScratchFolder()
        try scratch.write("titled.md", "---\ntitle: From the front matter\n---\n# Heading\n")
        try scratch.write("untitled.md", "Prose first.\n\n# From the heading\n")
        var reads: [String] = []
        func title(_ name: String) -> String {
            PageHeading.title(ofPageAt: scratch.path + "/" + name + ".md", name: name) { path throws(Diagnostic) in
                reads.append(path)
                return try Document.readPage(path)
            }
        }
        #expect(title("titled") == "From the front matter")
        #expect(title("untitled") == "From the heading")
        #expect(title("missing") == "missing")
        #expect(reads == ["titled", "untitled", "missing"].map { scratch.path + "/" + $0 + ".md" })
    }
}
