import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LessonExecution
import LessonModel
import Testing
@testable import LessonCheck

/// Three pages: one passing block; one failing block (a number off, and a line printed extra)
/// with a passing one; one page that stopped at an error, leaving a block unchecked.
private func sampleSummary() throws -> CheckSummary {
    let passing = try parsePage(lessonPage, path: "notebooks/pass.md")
    let twoBlocks = lessonPage.replacingOccurrences(of: "```swift\nlet layerSizes = [3, 3, 3, 3, 3, 1]\n```\n",
                                                    with: "```swift\nprint(\"a, b: <&> 1.5\")\n```\n\n```output\na, b: <&> 1.5\n```\n")
    let failing = try parsePage(twoBlocks, path: "notebooks/fail, 100%.md")
    let produced = gradientLines.replacingOccurrences(of: "0.00020173587836325169", with: "0.00030173587836325169") + "extra line\n"
    let failure = Diagnostic.error("cannot find 'model' in scope", at: at(14, 16, "notebooks/stop.md"))
    let stopped = try parsePage(lessonPage, path: "notebooks/stop.md")
    return CheckSummary(pages: [
        PageCheck.check(executed(passing, printed: ["", gradientLines]), tolerance: Tolerance()),
        PageCheck.check(executed(failing, printed: ["a, b: <&> 1.5\n", produced]), tolerance: Tolerance()),
        PageCheck.check(.init(document: stopped, outputs: [CellOutput(), CellOutput(items: [.error(failure)])]), tolerance: Tolerance()),
        PageResult(path: "notebooks/unreadable.md", error: .error("cannot read page notebooks/unreadable.md: No such file or directory", at: nil)),
    ])
}

@Test func textReportLocatesEveryProblemAndEndsWithTheOutcome() throws {
    let text = CheckFormat.text.render(try sampleSummary())
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.contains("notebooks/fail, 100%.md:22:40: error: expected 0.00020173587836325169, produced 0.00030173587836325169 (relative difference 4.96e-01)"))
    #expect(lines.contains("notebooks/fail, 100%.md:27:1: error: 1 extra line printed (- published, + produced)"))
    #expect(lines.contains("    +extra line"))
    #expect(lines.contains("notebooks/stop.md:14:16: error: cannot find 'model' in scope"))
    #expect(lines.contains("notebooks/stop.md: 0 passed, 0 failed, 1 not checked (the page stopped)"))
    #expect(lines.contains("notebooks/unreadable.md: error: cannot read page notebooks/unreadable.md: No such file or directory"))
    #expect(lines.suffix(2) == ["2 passed, 1 failed", ""])
}

/// Counts what an XML parser sees, so the report is checked as XML, not as text.
private final class JUnitCounter: NSObject, XMLParserDelegate {
    var suites: [[String: String]] = []
    var cases = 0
    var failures = 0
    var errors = 0
    var root: [String: String] = [:]
    var failureText = ""
    private var inFailure = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch name {
        case "testsuites": root = attributes
        case "testsuite": suites.append(attributes)
        case "testcase": cases += 1
        case "failure": failures += 1; inFailure = true
        case "error": errors += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "failure" { inFailure = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inFailure { failureText += string }
    }
}

@Test func junitIsValidXMLWithOneTestCasePerBlock() throws {
    let xml = CheckFormat.junit.render(try sampleSummary())
    let parser = XMLParser(data: Data(xml.utf8))
    let counter = JUnitCounter()
    parser.delegate = counter
    #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")\n\(xml)")
    // pass: 1 block; fail: 2 blocks; stop: 1 unchecked block; unreadable: 1 page case.
    #expect(counter.cases == 5)
    #expect(counter.failures == 1)
    #expect(counter.errors == 2)
    #expect(counter.root["tests"] == "5" && counter.root["failures"] == "1" && counter.root["errors"] == "2")
    #expect(counter.suites.map { $0["name"] ?? "" } == ["notebooks/pass.md", "notebooks/fail, 100%.md", "notebooks/stop.md", "notebooks/unreadable.md"])
    #expect(counter.suites.map { $0["tests"] ?? "" } == ["1", "2", "1", "1"])
    #expect(counter.failureText.contains("notebooks/fail, 100%.md:22:40: expected 0.00020173587836325169"))
    #expect(counter.failureText.contains("\n+extra line"))
    #expect(!xml.contains("time"))
}

@Test func xmlEscapingCoversMarkupAndControlCharacters() {
    #expect(XMLText.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
    #expect(XMLText.escape("x\u{1}y\nz") == "x\u{FFFD}y&#10;z")
}

@Test func githubAnnotationsAreWellFormed() throws {
    let output = CheckFormat.github.render(try sampleSummary())
    let lines = output.split(separator: "\n").map(String.init)
    #expect(lines.last == "2 passed, 1 failed")
    let annotations = lines.dropLast()
    #expect(annotations.count == 4)
    for line in annotations {
        // `::error key=value,key=value::message`, nothing unescaped that would end a field early.
        #expect(line.hasPrefix("::error "))
        let body = line.dropFirst("::error ".count)
        let parts = body.components(separatedBy: "::")
        #expect(parts.count == 2, "\(line)")
        for property in parts[0].split(separator: ",") {
            let pair = property.split(separator: "=", maxSplits: 1)
            #expect(pair.count == 2 && ["file", "line", "col", "title"].contains(String(pair[0])), "\(property)")
        }
    }
    #expect(annotations.first == "::error file=notebooks/fail%2C 100%25.md,line=22,col=40,title=output differs (cell 2)::"
        + "expected 0.00020173587836325169, produced 0.00030173587836325169 (relative difference 4.96e-01)")
    #expect(annotations.contains { $0.contains("::1 extra line printed (- published, + produced)%0A@@ -5,1 +5,2 @@%0A") })
    #expect(annotations.contains("::error file=notebooks/unreadable.md,title=page could not be checked::"
        + "cannot read page notebooks/unreadable.md: No such file or directory"))
}

@Test func githubEscapingFollowsTheWorkflowCommandRules() {
    #expect(GitHubAnnotations.escapeData("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b")
    #expect(GitHubAnnotations.escapeProperty("dir:a,b%.md") == "dir%3Aa%2Cb%25.md")
}

@Test func jsonIsMachineReadable() throws {
    let json = CheckFormat.json.render(try sampleSummary())
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["passed"] as? Int == 2 && object["failed"] as? Int == 1 && object["errors"] as? Int == 2)
    let pages = try #require(object["pages"] as? [[String: Any]])
    #expect(pages.count == 4)
    let blocks = try #require(pages[1]["blocks"] as? [[String: Any]])
    #expect(blocks.map { $0["status"] as? String } == ["passed", "failed"])
    let mismatch = try #require((blocks[1]["mismatches"] as? [[String: Any]])?.first)
    #expect(mismatch["kind"] as? String == "number")
    #expect(mismatch["line"] as? Int == 22 && mismatch["column"] as? Int == 40)
    #expect(mismatch["expected"] as? String == "0.00020173587836325169")
    #expect(json == CheckFormat.json.render(try sampleSummary()))
}

@Test func aPageThatStopsAfterItsLastBlockStillReportsAnError() throws {
    let document = try parsePage(lessonPage + "\n```swift\nbreakSomething()\n```\n")
    let failure = Diagnostic.error("cannot find 'breakSomething' in scope", at: at(25, 1))
    let run = ExecutedDocument(document: document, outputs: [CellOutput(), CellOutput(items: [.text(gradientLines)]), CellOutput(items: [.error(failure)])])
    let summary = CheckSummary(pages: [PageCheck.check(run, tolerance: Tolerance())])
    #expect(summary.exitCode == 2 && summary.passedCount == 1)
    let xml = CheckFormat.junit.render(summary)
    #expect(xml.contains("tests=\"2\" failures=\"0\" errors=\"1\""))
    #expect(xml.contains("<testcase name=\"page\""))
}

@Test func githubAnnotationsCarryNoRawControlCharacters() {
    let line = GitHubAnnotations.command(
        "error", file: "notebooks/a\nb.md", at: at(3, 1, "notebooks/a\nb.md"), title: "t\u{1B}[31m",
        message: "bell\u{07} nul\u{00} esc\u{1B}[2J tab\tend\r\nnext")
    #expect(line == "::error file=notebooks/a%0Ab.md,line=3,col=1,title=t\\u{1B}[31m::bell\\u{7} nul\\u{0} esc\\u{1B}[2J tab\tend%0D%0Anext")
    #expect(!line.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" })
}

@Test func aFileNameWithANewlineStaysOneMessageInEveryFormat() throws {
    let path = "notebooks/evil\n::error file=x.md::forged.md"
    let page = try parsePage(lessonPage, path: path)
    let produced = gradientLines.replacingOccurrences(of: "0.00020173587836325169", with: "0.00030173587836325169")
    let summary = CheckSummary(pages: [
        PageCheck.check(executed(page, printed: ["", produced]), tolerance: Tolerance()),
        PageResult(path: path, error: .error("cannot read page", at: nil)),
    ])
    let text = CheckFormat.text.render(summary)
    // Every line of the text report starts with the escaped name or is the outcome.
    #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("notebooks/evil\\n::error file=x.md::forged.md") || $0 == "1 passed, 1 failed" || $0 == "0 passed, 1 failed" })
    #expect(text.contains("notebooks/evil\\n::error file=x.md::forged.md:18:40: error: expected"))
    let github = CheckFormat.github.render(summary)
    #expect(github.split(separator: "\n").allSatisfy { $0.hasPrefix("::error file=notebooks/evil%0A%3A%3Aerror") || $0.hasSuffix("failed") })
    let junit = CheckFormat.junit.render(summary)
    #expect(!junit.contains("evil\n"))
    let json = CheckFormat.json.render(summary)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect((object["pages"] as? [[String: Any]])?.first?["path"] as? String == path)
}

@Test func jsonRelativeDifferenceIsAlwaysANumberOrNull() throws {
    let page = try parsePage("```swift\nprint(1)\n```\n\n```output\n0.5 0.0 nan\n```\n")
    let summary = CheckSummary(pages: [PageCheck.check(executed(page, printed: ["0.75 1.0 2.0\n"]), tolerance: Tolerance())])
    let json = CheckFormat.json.render(summary)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let block = try #require(((object["pages"] as? [[String: Any]])?.first?["blocks"] as? [[String: Any]])?.first)
    let differences = try #require(block["mismatches"] as? [[String: Any]]).map { $0["relativeDifference"] }
    #expect(differences.count == 3)
    #expect(differences[0] as? Double == 0.5)
    // Infinite (published 0) and undefined (published nan) are null, never the strings "inf" and "nan".
    #expect(differences[1] is NSNull && differences[2] is NSNull)
    #expect(!json.contains("\"relativeDifference\" : \""))
}
