import Foundation
import LessonDocument
import LessonExecution
import Testing
@testable import LessonReport

/// Raw HTML from a page, after OWASP's XSS filter evasion cheat sheet: every vector, in the HTML
/// report (whole prose) and the Markdown report (each piece), must come out with only allowed
/// tags, allowed attributes and safe URLs. (The same vectors, rendered, were loaded in headless
/// Chromium with nothing run.)
let xssVectors = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://x.example/xss.js></SCRIPT>",
    "<script/x>alert(1)</script>",
    "<div><script/x>alert(1)</script></div>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<details open ontoggle=alert(1)><summary>s</summary></details>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"  javascript:alert(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=# onclick=alert(1)>x</a>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=\"stylesheet\" href=\"https://x.example/x.css\">",
    "<style>@import 'https://x.example/x.css';</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<body onload=alert(1)>",
    "<input onfocus=alert(1) autofocus>",
    "<input type=checkbox onclick=alert(1)>",
    "<select onfocus=alert(1) autofocus>",
    "<textarea onfocus=alert(1) autofocus>",
    "<video><source onerror=\"alert(1)\">",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<!--><img src=x onerror=alert(1)>-->",
    "<img \"\"\"><script>alert(1)</script>\">",
    "<<script>alert(1);//<</script>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<div onmouseover=\"alert(1)\">x</div>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<a href=\"java\u{0}script:alert(1)\">x</a>",
    "<a/href=\"javascript:alert(1)\">x</a>",
]

/// The tags in sanitizer output (which writes every attribute as `name="escaped value"`), each
/// checked against the allowlist; a problem per offending tag.
func unsafeTags(in html: String) -> [String] {
    var problems: [String] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
        rest = rest[rest.index(after: open)...]
        guard let close = rest.firstIndex(of: ">") else { problems.append("unclosed tag"); break }
        var tag = rest[..<close]
        rest = rest[rest.index(after: close)...]
        if tag.hasPrefix("/") { tag = tag.dropFirst() }
        if tag.hasSuffix("/") { tag = tag.dropLast() }
        let name = String(tag.prefix { $0 != " " })
        guard HTMLAllowlist.elements.contains(name) else { problems.append("<\(tag)>"); continue }
        var attributes = tag.dropFirst(name.count)
        while let equals = attributes.firstIndex(of: "=") {
            let attribute = attributes[..<equals].trimmingCharacters(in: .whitespaces)
            let valueStart = attributes.index(equals, offsetBy: 2)
            guard attributes[attributes.index(after: equals)] == "\"", let end = attributes[valueStart...].firstIndex(of: "\"") else {
                problems.append("malformed <\(tag)>")
                break
            }
            let value = attributes[valueStart..<end].lowercased().filter { !$0.isWhitespace }
            if !HTMLAllowlist.keeps(name, attribute, String(attributes[valueStart..<end])) || attribute.hasPrefix("on")
                || value.contains("javascript:") || value.contains("vbscript:") || value.contains("data:") {
                problems.append("\(attribute) in <\(tag)>")
            }
            attributes = attributes[attributes.index(after: end)...]
        }
    }
    return problems
}

@Suite struct HTMLSanitizerTests {
    @Test(arguments: xssVectors) func aVectorKeepsNothingExecutable(_ vector: String) {
        let balanced = HTMLSanitizer.sanitize("<p>before " + vector + " after</p>\n", mode: .balanced)
        #expect(unsafeTags(in: balanced) == [], "\(balanced)")
        let piece = HTMLSanitizer.sanitize(vector, mode: .piece)
        #expect(unsafeTags(in: piece) == [], "\(piece)")
    }

    @Test(arguments: xssVectors) func aVectorInAPageReachesNeitherReport(_ vector: String) throws {
        let page = "# Page\n\nText \(vector) more.\n\n\(vector)\n\n> \(vector)\n"
        let document = try Document.parse(path: "p.md", contents: Array(page.utf8))
        let executed = ExecutedDocument(document: document, outputs: [])
        let html = ReportRenderer.html(executed, name: "p")
        // The report's own skeleton around the prose.
        var body = String(html[html.range(of: "<main")!.lowerBound...])
        // The report's own anchor on the page's heading is skeleton too.
        for skeleton in ["<main class=\"lesson\">", "</main>", "<div class=\"prose\">", "</body>", "</html>", " id=\"page\""] {
            body = body.replacingOccurrences(of: skeleton, with: "")
        }
        #expect(unsafeTags(in: body) == [], "\(body)")
        // The Markdown report's raw HTML, as a viewer that shows raw HTML would read it.
        let markdown = ReportRenderer.markdown(executed, name: "p").markdown
        let rendered = GFMTree(ArraySlice(markdown.utf8)).html()
        #expect(unsafeTags(in: rendered) == [], "\(markdown)")
    }

    @Test func whatGitHubAllowsIsKept() {
        let allowed = [
            "<details open=\"\"><summary>More <kbd>Ctrl</kbd>+<kbd>C</kbd></summary>x<sup>2</sup> and H<sub>2</sub>O<br /></details>",
            "<a href=\"https://example.org/a?b=1&amp;c=2\" title=\"t\">web</a> <a href=\"other.html#part\">page</a> <a href=\"mailto:a@example.org\">mail</a>",
            "<img src=\"figure.png\" alt=\"A chart\" width=\"300\" /> <img src=\"https://example.org/x.png\" alt=\"\" />",
            "<div align=\"center\"><p>centred</p></div>",
        ]
        for html in allowed {
            #expect(HTMLSanitizer.sanitize(html, mode: .balanced) == html)
            #expect(HTMLSanitizer.sanitize(html, mode: .piece) == html)
        }
    }

    @Test func disallowedMarkupIsShownAsText() {
        #expect(HTMLSanitizer.sanitize("<p>a <iframe src=\"x\"></iframe> b</p>", mode: .balanced)
            == "<p>a &lt;iframe src=&quot;x&quot;&gt; b</p>")
        #expect(HTMLSanitizer.sanitize("<a href=\"javascript:alert(1)\" onclick=\"x\">link</a>", mode: .balanced) == "<a>link</a>")
    }

    @Test func piecesKeepTagsOpenAcrossMarkdownBlocks() {
        // `<details>` opened in one HTML block and closed in a later one, Markdown between.
        #expect(HTMLSanitizer.sanitize("<details>\n<summary>More</summary>\n", mode: .piece) == "<details>\n<summary>More</summary>\n")
        #expect(HTMLSanitizer.sanitize("</details>\n", mode: .piece) == "</details>\n")
        #expect(HTMLSanitizer.sanitize("</details>\n", mode: .balanced) == "\n")
        #expect(HTMLSanitizer.sanitize("<div>\n", mode: .balanced) == "<div>\n</div>")
    }

    @Test func theReportForbidsBaseAndFormTargets() {
        #expect(HTMLPage.head(title: "t").contains("base-uri 'none'; form-action 'none'"))
    }
}
