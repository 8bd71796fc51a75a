import LessonModel
import Testing
@testable import LessonCheck

private func compare(_ expected: String, _ produced: String) -> [Mismatch] {
    OutputComparison.compare(expected: expected, produced: produced, tolerance: Tolerance(), textLocation: at(10, 1))
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
