import LessonModel
import Testing
@testable import LessonCheck

/// The tokens of `line`, numbers shown as `#spelling`.
private func shape(_ line: String) -> [String] {
    OutputTokenizer.tokens(in: line).map {
        switch $0 {
        case .text(let text): text
        case .number(let number): "#" + number.spelling
        }
    }
}

private func compare(_ expected: String, _ produced: String) -> [Mismatch] {
    OutputComparison.compare(expected: expected, produced: produced, tolerance: Tolerance(), textLocation: at(10, 1))
}

@Test func thousandsSeparatedIntegersAreOneNumber() {
    #expect(shape("params: 8,224") == ["params: ", "#8,224"])
    #expect(shape("163,009,536 parameters") == ["#163,009,536", " parameters"])
    #expect(shape("total -1,234.5 and 12,345.") == ["total ", "#-1,234.5", " and ", "#12,345."])
    let values = OutputTokenizer.tokens(in: "8,224 163,009,536 -1,234.5").compactMap { if case .number(let n) = $0 { n.value } else { nil } }
    #expect(values == [8224, 163_009_536, -1234.5])
}

@Test func commaListsAndShapesStaySeparateNumbers() {
    // PyTorch and Python lists without spaces, shapes, and groups that are not exactly three digits.
    #expect(shape("[1,2,3]") == ["[", "#1", ",", "#2", ",", "#3", "]"])
    #expect(shape("(2,3)") == ["(", "#2", ",", "#3", ")"])
    #expect(shape("1,2") == ["#1", ",", "#2"])
    #expect(shape("[1,234,5]") == ["[", "#1", ",", "#234", ",", "#5", "]"])
    #expect(shape("1,2345") == ["#1", ",", "#2345"])
    #expect(shape("1234,567") == ["#1234", ",", "#567"])
    // A leading zero is never en_US grouping; nor is a run that continues another.
    #expect(shape("(0,125)") == ["(", "#0", ",", "#125"  , ")"])
    #expect(shape("0.5,125,000") == ["#0.5", ",", "#125", ",", "#000"])
    #expect(shape("8, 224") == ["#8", ", ", "#224"])
    #expect(shape("x1,234") == ["x1,", "#234"])
}

@Test func groupedIntegersAreComparedExactly() {
    #expect(compare("params: 163,009,536\n", "params: 163,009,536\n").isEmpty)
    let mismatches = compare("params: 8,224\n", "params: 8,225\n")
    #expect(mismatches.map(\.kind) == [.number(expected: "8,224", produced: "8,225", relativeDifference: 1.0 / 8224)])
    #expect(mismatches.first?.location == at(10, 9))
    // Before grouping, only the last three digits were compared: "expected 224, produced 064".
    #expect(compare("163,009,536\n", "163,009,064\n").map(\.kind)
        == [.number(expected: "163,009,536", produced: "163,009,064", relativeDifference: 472.0 / 163_009_536)])
}

@Test func groupedAndPlainSpellingsOfOneNumberDiffer() {
    // The page shows what the cell prints: `8,224` is `formatted()`, `8224` is `description`.
    let mismatches = compare("params: 8,224\n", "params: 8224\n")
    #expect(mismatches.map(\.kind) == [.text(expected: "params: 8,224", produced: "params: 8224")])
    #expect(mismatches.first?.location == at(10, 10))
    #expect(!compare("1,234.5\n", "1234.5\n").isEmpty)
    // Below a thousand both styles print alike, so the number is compared.
    #expect(compare("loss 999 of 1,024\n", "loss 999 of 1,024\n").isEmpty)
    #expect(compare("count 1,000\n", "count 999\n").map(\.kind)
        == [.number(expected: "1,000", produced: "999", relativeDifference: 1.0 / 1000)])
}
