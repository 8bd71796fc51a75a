import LessonModel
import Testing
@testable import LessonCheck

private func compare(_ expected: String, _ produced: String, tolerance: Tolerance = Tolerance()) -> [Mismatch] {
    OutputComparison.compare(expected: expected, produced: produced, tolerance: tolerance, textLocation: at(20, 1))
}

@Test func identicalOutputMatches() {
    #expect(compare(gradientLines, gradientLines).isEmpty)
}

@Test func trailingSpacesAndFinalNewlineAreIgnored() {
    #expect(compare("a 1.5\nb\n", "a 1.5   \nb").isEmpty)
    #expect(compare("a 1.5\nb\n", "a 1.5\r\nb\r\n").isEmpty)
    #expect(compare("", "").isEmpty)
    #expect(!compare("a\n", "a\n\n").isEmpty)
    #expect(!compare("a b\n", "a  b\n").isEmpty)
}

@Test func perturbedDigitFailsAtTheExpectedNumber() throws {
    let produced = gradientLines.replacingOccurrences(of: "0.0007152040489017963", with: "0.0007162040489017963")
    let mismatches = compare(gradientLines, produced)
    let mismatch = try #require(mismatches.first)
    #expect(mismatches.count == 1)
    // Third line of the block; the number starts after "layers.2.0.weight has gradient mean of ".
    #expect(mismatch.location == at(22, 40))
    #expect(mismatch.kind == .number(expected: "0.0007152040489017963", produced: "0.0007162040489017963",
                                     relativeDifference: (0.0007162040489017963 - 0.0007152040489017963) / 0.0007152040489017963))
    #expect(mismatch.summary.hasPrefix("expected 0.0007152040489017963, produced 0.0007162040489017963 (relative difference 1.40e-03)"))
}

@Test func columnsCountFromTheFenceIndent() throws {
    let mismatches = OutputComparison.compare(
        expected: "w 1.5\n", produced: "w 2.5\n", tolerance: Tolerance(), textLocation: at(7, 3))
    #expect(mismatches.map(\.location) == [at(7, 5)])
}

@Test func changedWordsAreATextMismatchAtTheFirstDifference() throws {
    let mismatches = compare("loss is 0.5\n", "loss was 0.5\n")
    #expect(mismatches == [Mismatch(.text(expected: "loss is 0.5", produced: "loss was 0.5"), at: at(20, 6))])
}

@Test func missingLineIsAShortDiff() throws {
    var lines = gradientLines.split(separator: "\n").map(String.init)
    lines.remove(at: 1)
    let mismatches = compare(gradientLines, lines.joined(separator: "\n") + "\n")
    let mismatch = try #require(mismatches.first)
    #expect(mismatches.count == 1)
    #expect(mismatch.location == at(21, 1))
    guard case .lines(let missing, let extra, let diff) = mismatch.kind else {
        Issue.record("expected a lines mismatch, got \(mismatch.kind)")
        return
    }
    #expect(missing == 1 && extra == 0)
    #expect(diff == [
        "@@ -1,3 +1,2 @@",
        " layers.0.0.weight has gradient mean of 0.00020173587836325169",
        "-layers.1.0.weight has gradient mean of 0.00012011159560643137",
        " layers.2.0.weight has gradient mean of 0.0007152040489017963",
    ])
}

@Test func extraLinesAtTheEndPointAtTheClosingFence() throws {
    let mismatches = compare("a 1\nb 2\n", "a 1.0\nb 2\nc 3\nd 4\n")
    let mismatch = try #require(mismatches.first)
    #expect(mismatches.count == 1)
    #expect(mismatch.location == at(22, 1))
    #expect(mismatch.kind == .lines(missing: 0, extra: 2, diff: ["@@ -2,1 +2,3 @@", " b 2", "+c 3", "+d 4"]))
    #expect(mismatch.summary == "2 extra lines printed (- published, + produced)")
}

@Test func alignedLinesStillReportNumbersPrecisely() throws {
    // One line gone and, further down, one number off: a diff for the first, a location for the second.
    let expected = "a 1\nb 2\nc 3\nd 4\n"
    let produced = "a 1\nc 3\nd 5\n"
    let mismatches = compare(expected, produced)
    #expect(mismatches.count == 2)
    #expect(mismatches.first?.location == at(21, 1))
    #expect(mismatches.last == Mismatch(.number(expected: "4", produced: "5", relativeDifference: 0.25), at: at(23, 3)))
}

@Test func longDiffsAreCut() throws {
    let expected = (1...40).map { "line \($0) of text" }.joined(separator: "\n") + "\n"
    let mismatch = try #require(compare(expected, "").first)
    #expect(mismatch.details.count == 1 + OutputComparison.maximumDiffLines + 1)
    #expect(mismatch.details.last == "… 28 more lines")
}
