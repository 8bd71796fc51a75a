import Foundation
import LessonDocument
import LessonExecution
import LessonModel
@testable import LessonReport
import Testing

/// The chapter around each report: GitHub's heading anchors, the list of sections, previous and
/// next links, and the contents as the index.
@Suite struct ChapterReportTests {
    func page(_ text: String, path: String = "p.md") throws -> ExecutedDocument {
        let document = try Document.parse(path: path, contents: Array(text.utf8))
        return ExecutedDocument(document: document, outputs: document.cells.map { _ in CellOutput(items: [.text("ok\n")]) })
    }

    @Test(arguments: [
        ("Why gradients vanish", "why-gradients-vanish"),
        ("The `hidden` option", "the-hidden-option"),
        ("Equal to seven digits, not to twenty", "equal-to-seven-digits-not-to-twenty"),
        ("A/B: 1.5 × 2 — done!", "ab-15--2--done"),
        ("Émile's naïve_case 🙂", "émiles-naïve_case-"),
        ("  two  spaces ", "--two--spaces-"),
    ])
    func slugsAreGitHubs(text: String, slug: String) {
        #expect(HeadingSlugger.base(text) == slug)
    }

    @Test func repeatedHeadingsAreNumberedAsGitHubNumbersThem() {
        var slugger = HeadingSlugger()
        #expect(["A", "A", "A-1", "A"].map { slugger.slug($0) } == ["a", "a-1", "a-1-1", "a-2"])
    }

    static let sectionedPage = """
        # Title

        Intro.

        ## First part

        ```swift
        print(1)
        ```

        ### Detail

        > ## Quoted heading

        ## The `code` part
        Setext
        heading
        --

        ## First part
        """

    @Test func htmlHeadingsGetGitHubsAnchorsAndTheSectionsAreListed() throws {
        let html = ReportRenderer.html(try page(Self.sectionedPage), name: "p")
        #expect(html.contains("<h1 id=\"title\">Title</h1>"))
        #expect(html.contains("<h3 id=\"detail\">Detail</h3>"))
        #expect(html.contains("<h2 id=\"quoted-heading\">Quoted heading</h2>"))
        #expect(html.contains("<h2 id=\"first-part\">First part</h2>"))
        #expect(html.contains("<h2 id=\"the-code-part\">The <code>code</code> part</h2>"))
        #expect(html.contains("<h2 id=\"first-part-1\">First part</h2>"))
        // Top-level `##` headings only (not the quoted one, not `###`), right under the title.
        let sections = "<h1 id=\"title\">Title</h1>\n<nav class=\"page-sections\" aria-label=\"On this page\"><p class=\"nav-title\">On this page</p>\n<ul>\n"
            + "<li><a href=\"#first-part\">First part</a></li>\n<li><a href=\"#the-code-part\">The code part</a></li>\n"
            + "<li><a href=\"#setextheading\">Setext heading</a></li>\n<li><a href=\"#first-part-1\">First part</a></li>\n</ul>\n</nav>\n"
        #expect(html.contains(sections))
        #expect(!html.unicodeScalars.contains("\u{E002}"))
    }

    @Test func markdownListsTheSectionsUnderTheTitleWithoutAddingHeadings() throws {
        let markdown = ReportRenderer.markdown(try page(Self.sectionedPage), name: "p").markdown
        #expect(markdown.hasPrefix("""
            # Title

            **On this page**

            - [First part](#first-part)
            - [The code part](#the-code-part)
            - [Setext heading](#setextheading)
            - [First part](#first-part-1)

            Intro.

            """))
        #expect(markdown.components(separatedBy: "\n#").count == Self.sectionedPage.components(separatedBy: "\n#").count)
    }

    @Test func aPageWithoutItsOwnTitleGetsOneWithAnAnchorFirst() throws {
        let executed = try page("---\ntitle: Intro\n---\nText.\n\n## Intro\n\n## Next\n")
        let html = ReportRenderer.html(executed, name: "p")
        #expect(html.contains("<h1 id=\"intro\">Intro</h1>\n<nav class=\"page-sections\""))
        #expect(html.contains("<h2 id=\"intro-1\">Intro</h2>"))
        #expect(ReportRenderer.markdown(executed, name: "p").markdown.hasPrefix("# Intro\n\n**On this page**\n\n- [Intro](#intro-1)\n- [Next](#next)\n\nText.\n"))
    }

    @Test func navigationLinksBothNeighboursAndTheContents() throws {
        let navigation = ReportNavigation(
            number: "4.4", previous: .init(name: "layer norm", title: "Layer <norm>", number: "4.3"),
            next: .init(name: "gpt", title: "The GPT model"), contentsTitle: "Chapter 4")
        let executed = try page("# Title\n\nText.\n")
        let html = ReportRenderer.html(executed, name: "p", navigation: navigation)
        #expect(html.contains("<title>4.4 Title</title>"))
        #expect(html.contains("<main class=\"lesson\">\n<nav class=\"chapter-nav\" aria-label=\"Chapter\"><a href=\"index.html\">Chapter 4</a>"
            + "<span class=\"separator\" aria-hidden=\"true\"> › </span><span class=\"section-number\">4.4</span></nav>\n"))
        #expect(html.contains("<a class=\"prev\" rel=\"prev\" href=\"layer%20norm.html\"><span class=\"pager-label\">Previous</span><span class=\"pager-title\">4.3 Layer &lt;norm&gt;</span></a>"))
        #expect(html.contains("<a class=\"next\" rel=\"next\" href=\"gpt.html\"><span class=\"pager-label\">Next</span><span class=\"pager-title\">The GPT model</span></a>\n</nav>\n</main>"))
        let markdown = ReportRenderer.markdown(executed, name: "p", navigation: navigation).markdown
        #expect(markdown.hasPrefix("[Chapter 4](index.md) › 4.4\n\n# Title\n"))
        #expect(markdown.hasSuffix("\n---\n\n← Previous: [4.3 Layer &lt;norm&gt;](layer%20norm.md) · Next: [The GPT model](gpt.md) →\n"))
    }

    @Test func mathInASectionHeadingIsTypesetInTheList() throws {
        let html = ReportRenderer.html(try page("# T\n\n## Depth $k$ and 5 \\$\n"), name: "p")
        #expect(html.contains("<li><a href=\"#depth-k-and-5-\">Depth <math alttext=\"k\"><mi>k</mi></math> and 5 $</a></li>"))
    }

    @Test func withoutNavigationNothingIsAdded() throws {
        let html = ReportRenderer.html(try page("# Title\n\nText.\n"), name: "p")
        #expect(!html.contains("<nav"))
    }

    // MARK: a render with `_toc.yml`

    static let toc = """
        chapter: 4
        title: The chapter
        sections:
          - file: b.md
            number: 4.4
            sections:
              - a.md
          - c.md
        """

    func render(_ inputs: [String], _ scratch: ScratchFolder, output: String = "out") -> (RenderJob.Outcome, [String]) {
        var messages: [String] = []
        let job = RenderJob(inputs: inputs.map { scratch.path + "/" + $0 }, outputFolder: scratch.path + "/" + output, execute: fixtureExecution)
        let outcome = job.run { messages.append($0) }
        return (outcome, messages)
    }

    func chapter() throws -> ScratchFolder {
        let scratch = try ScratchFolder()
        try scratch.write("book/_toc.yml", Self.toc)
        for (name, title) in [("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")] {
            try scratch.write("book/\(name).md", "# \(title)\n\n## Part\n\n```swift\nprint(1)\n```\n")
        }
        return scratch
    }

    @Test func theIndexIsTheChaptersContentsAndReportsLinkInItsOrder() throws {
        let scratch = try chapter()
        let (outcome, messages) = render(["book"], scratch)
        #expect(!outcome.failed)
        #expect(messages.isEmpty)
        #expect(try scratch.list("out") == ["a.html", "a.md", "b.html", "b.md", "c.html", "c.md", "index.html", "index.md"])
        #expect(try scratch.read("out/index.md") == """
            # The chapter

            - 4.4 [Beta](b.md)
              - 4.4.1 [Alpha](a.md)
            - 4.5 [Gamma](c.md)

            """)
        let index = try scratch.read("out/index.html")
        #expect(index.contains("<h1>The chapter</h1>\n<ol class=\"lessons numbered\">\n<li><span class=\"section-number\">4.4 </span><a href=\"b.html\">Beta</a>"))
        #expect(index.contains("\n<ol>\n<li><span class=\"section-number\">4.4.1 </span><a href=\"a.html\">Alpha</a>"))
        #expect(index.contains("</li>\n</ol></li>\n<li><span class=\"section-number\">4.5 </span><a href=\"c.html\">Gamma</a>"))
        let alpha = try scratch.read("out/a.html")
        #expect(alpha.contains("href=\"b.html\"><span class=\"pager-label\">Previous</span><span class=\"pager-title\">4.4 Beta</span>"))
        #expect(alpha.contains("href=\"c.html\"><span class=\"pager-label\">Next</span><span class=\"pager-title\">4.5 Gamma</span>"))
        #expect(try scratch.read("out/b.md").hasPrefix("[The chapter](index.md) › 4.4\n\n# Beta\n"))
        #expect(try scratch.read("out/c.md").hasSuffix("← Previous: [4.4.1 Alpha](a.md)\n"))
    }

    @Test func renderingOnePageWritesTheSameReportAsTheWholeChapter() throws {
        let scratch = try chapter()
        _ = render(["book"], scratch, output: "all")
        let (outcome, _) = render(["book/a.md"], scratch, output: "one")
        #expect(!outcome.failed)
        for file in ["a.html", "a.md", "index.html", "index.md"] {
            #expect(try scratch.read("one/" + file) == scratch.read("all/" + file))
        }
    }

    @Test func anUnlistedPageIsRenderedLastInItsOwnGroupWithAWarning() throws {
        let scratch = try chapter()
        try scratch.write("book/draft.md", "# Draft\n")
        let (outcome, messages) = render(["book"], scratch)
        #expect(!outcome.failed)
        // Located at the last listed entry, after which the page's line would go.
        #expect(messages == [
            "\(scratch.path)/book/_toc.yml:8:5: warning: \(scratch.path)/book/draft.md is not in the contents; list it with '- file: draft.md' (until then the index shows it under 'Not in the contents')",
        ])
        #expect(try scratch.read("out/index.md").hasSuffix("- 4.5 [Gamma](c.md)\n\n## Not in the contents\n\nThese pages are rendered but not listed in the chapter's `_toc.yml`.\n\n- [Draft](draft.md)\n"))
        #expect(try scratch.read("out/c.html").contains("href=\"draft.html\"><span class=\"pager-label\">Next</span>"))
        #expect(try scratch.read("out/draft.html").contains("<a href=\"index.html\">The chapter</a></nav>"))
    }

    @Test func renderingOnePageWarnsOfNoUnlistedPageYetListsThem() throws {
        let scratch = try chapter()
        try scratch.write("book/draft.md", "# Draft\n")
        let (outcome, messages) = render(["book/a.md"], scratch)
        #expect(!outcome.failed)
        #expect(messages.isEmpty)
        #expect(try scratch.read("out/index.md").hasSuffix("## Not in the contents\n\nThese pages are rendered but not listed in the chapter's `_toc.yml`.\n\n- [Draft](draft.md)\n"))
    }

    @Test func aPageLinkedButNotRenderedIsTitledFromItsFrontMatterAlone() throws {
        let scratch = try chapter()
        // Past its front matter the page is not valid UTF-8: parsing it whole would fail, and the
        // link would fall back to the file name.
        let url = URL(fileURLWithPath: scratch.path + "/book/b.md")
        try Data("---\ntitle: Beta from the front matter\n---\n# Beta ".utf8 + [0xFF, 0x0A]).write(to: url)
        let (outcome, _) = render(["book/a.md"], scratch)
        #expect(!outcome.failed)
        #expect(try scratch.read("out/a.md").contains("← Previous: [4.4 Beta from the front matter](b.md)"))
    }

    @Test func anErrorInTheContentsStopsTheRenderBeforeAnythingIsWritten() throws {
        let scratch = try chapter()
        try scratch.write("book/_toc.yml", "chapter: 4\nsections:\n  - b.md\n  - file: b.md\n  - nope.md\n")
        let (outcome, messages) = render(["book"], scratch)
        #expect(outcome.failed)
        let toc = scratch.path + "/book/_toc.yml"
        #expect(messages == [
            "\(toc):4:11: error: 'b.md' is listed twice (first at line 3); a page has one place in the chapter",
            "\(toc):5:5: error: 'nope.md' is listed, but there is no page \(scratch.path)/book/nope.md",
            "error: the chapter's contents have errors (above); no report was written",
        ])
        #expect(!scratch.exists("out"))
    }

    @Test func twoChaptersInOneRenderAreRefused() throws {
        let scratch = try chapter()
        try scratch.write("other/_toc.yml", "sections:\n  - x.md\n")
        try scratch.write("other/x.md", "# X\n")
        let (outcome, messages) = render(["book", "other"], scratch)
        #expect(outcome.failed)
        #expect(messages == ["error: pages of two chapters in one render (\(scratch.path)/book/_toc.yml and \(scratch.path)/other/_toc.yml); render each folder on its own"])
        #expect(!scratch.exists("out"))
    }

    @Test func withoutContentsThePagesAreLinkedInPathOrder() throws {
        let scratch = try chapter()
        try FileManager.default.removeItem(atPath: scratch.path + "/book/_toc.yml")
        let (outcome, _) = render(["book"], scratch)
        #expect(!outcome.failed)
        #expect(try scratch.read("out/index.md") == "# Lessons\n\n- [Alpha](a.md)\n- [Beta](b.md)\n- [Gamma](c.md)\n")
        #expect(try scratch.read("out/b.md").hasSuffix("← Previous: [Alpha](a.md) · Next: [Gamma](c.md) →\n"))
    }
}
