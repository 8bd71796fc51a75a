import Foundation
import LessonModel
import TestData
import Testing
@testable import LessonCheck

private func number(_ spelling: String) throws -> PrintedNumber {
    let tokens = OutputTokenizer.tokens(in: spelling)
    guard tokens.count == 1, case .number(let n) = tokens[0] else {
        Issue.record("'\(spelling)' is not one number")
        throw CancellationError()
    }
    return n
}

private func accepts(_ expected: String, _ produced: String, _ tolerance: Tolerance = Tolerance()) throws -> Bool {
    tolerance.accepts(expected: try number(expected), produced: try number(produced))
}

@Test func relativeToleranceBoundary() throws {
    #expect(try accepts("1.0", "1.000009"))
    #expect(try !accepts("1.0000000", "1.000011"))
    #expect(try !accepts("100", "100.01"))
    #expect(try accepts("100", "100.009", Tolerance(relative: 1e-4)))
    #expect(try accepts("0", "0.0000001", Tolerance(absolute: 1e-6)))
    #expect(try !accepts("0", "0.0000001"))
}

@Test func fewPublishedDigitsAcceptWhatRoundsToThem() throws {
    // 0.0002 is 0.00020173587836325169 rounded to four places...
    #expect(try accepts("0.0002", "0.00020173587836325169"))
    #expect(try accepts("0.0002", "0.000249"))
    // ...but 0.00026 rounds to 0.0003.
    #expect(try !accepts("0.0002", "0.00026"))
    #expect(try accepts("2.0e-04", "0.000204"))
    #expect(try !accepts("2.0e-04", "0.00026"))
}

@Test func fewProducedDigitsDoNotVouchForMorePublishedDigits() throws {
    // A cell that prints four places cannot confirm a published value with seventeen.
    #expect(try !accepts("0.06100733950734138", "0.0610"))
    #expect(try !accepts("0.06104", "0.0610"))
    // Within the relative tolerance it still matches, whatever the digits.
    #expect(try accepts("0.061007", "0.0610070001"))
}

@Test func exactDigitsTurnsPrecisionOff() throws {
    let exact = Tolerance(precisionAware: false)
    #expect(try !accepts("0.0002", "0.00020173587836325169", exact))
    #expect(try !accepts("0.06100733950734138", "0.0610", exact))
    #expect(try accepts("0.00020173587836325169", "0.00020173587836325169", exact))
}

@Test func integersAreExactCounts() throws {
    #expect(try !accepts("3", "3.4"))
    #expect(try accepts("3", "3.0"))
}

@Test func specialValues() throws {
    #expect(try accepts("nan", "nan"))
    #expect(try accepts("-nan", "NaN"))
    #expect(try !accepts("nan", "0.5"))
    #expect(try !accepts("0.5", "nan"))
    #expect(try accepts("inf", "Infinity"))
    #expect(try !accepts("inf", "-inf"))
    #expect(try !accepts("1e308", "inf"))
    #expect(try accepts("-0.0", "0.0"))
    #expect(try !accepts("-0.5", "0.5"))
}

@Test func relativeDifference() {
    #expect(Tolerance.relativeDifference(expected: 2, produced: 2.5) == 0.25)
    #expect(Tolerance.relativeDifference(expected: 0, produced: 1) == .infinity)
    #expect(Tolerance.relativeDifference(expected: 1, produced: 1) == 0)
    #expect(Mismatch.format(8.7e-7) == "8.70e-07")
    #expect(Mismatch.format(0.25) == "2.50e-01")
    #expect(Mismatch.format(9.996) == "1.00e+01")
}

/// The published seeds' numbers against PyTorch 2.15's for the same runs (`scenarios.json`):
/// they differ by up to 8.7e-7 relative, inside the default tolerance, and outside 1e-8.
@Test func publishedNumbersMatchPyTorch215() throws {
    let cases = try TestData.referenceCaseList("scenarios.json")
    var compared = 0
    var largest = 0.0
    for scenario in cases {
        let results = try #require(scenario["results"] as? [[String: Any]])
        let passes = try #require(results.first?["passes"] as? [[String: Any]])
        let means = try #require(passes.last?["weightGradMeanAbs"] as? [[String: Any]])
        let produced = means.compactMap { $0["value"] as? Double }.map { "\($0)" }
        for case let published as [Double] in (scenario["published"] as? [String: Any] ?? [:]).values {
            for (e, a) in zip(published.map { "\($0)" }, produced) {
                #expect(try accepts(e, a), "published \(e) vs PyTorch 2.15 \(a)")
                largest = max(largest, Tolerance.relativeDifference(expected: Double(e)!, produced: Double(a)!))
                compared += 1
            }
        }
    }
    #expect(compared >= 20)
    #expect(largest > 1e-8 && largest < 1e-6)
}

@Test func integersOnBothSidesAreComparedExactly() throws {
    // Each of these passed within rtol 1e-5 (or because a Double cannot tell them apart).
    #expect(try !accepts("1000000", "1000001"))
    #expect(try !accepts("9007199254740992", "9007199254740993"))
    #expect(try !accepts("123456789012345678901234567890", "123456789012345678901234567891"))
    #expect(try !accepts("1000000", "1000001", Tolerance(relative: 1e-3, absolute: 5)))
    #expect(try accepts("123456789012345678901234567890", "123456789012345678901234567890"))
    #expect(try accepts("007", "7"))
    #expect(try accepts("-0", "0"))
    #expect(try accepts("+3", "3"))
    #expect(try !accepts("-3", "3"))
    // A point or an exponent on either side keeps the tolerance.
    #expect(try accepts("1000000", "1000001.0", Tolerance(relative: 1e-5)))
    #expect(try accepts("1000000.0", "1000001"))
    #expect(try accepts("1e6", "1000001"))
}

@Test func integerMismatchesInAShapeAreReportedWithTheirDifference() {
    let mismatches = OutputComparison.compare(
        expected: "shape [3000000, 3]\ncount: 123456789012345678901234567890\n",
        produced: "shape [3000001, 3]\ncount: 123456789012345678901234567891\n",
        tolerance: Tolerance(), textLocation: SourceLocation(file: "p.md", line: 1, column: 1))
    #expect(mismatches.count == 2)
    #expect(mismatches.first?.summary == "expected 3000000, produced 3000001 (relative difference 3.33e-07)")
    #expect(mismatches.last?.summary.hasSuffix("(relative difference 8.10e-30)") == true)
}

@Test func bothRoundedPrintsPassWhenTheirIntervalsMeetWithinTolerance() throws {
    // PyTorch 2.10 printed 1.6754 where 2.13 prints 1.6755 for one float (within ~1e-7): the
    // intervals [1.67535, 1.67545] and [1.67545, 1.67555] touch.
    #expect(try accepts("1.6754", "1.6755"))
    #expect(try accepts("-1.6754", "-1.6755"))
    #expect(try accepts("1.6754e+00", "1.6755e+00"))
    // Two last digits apart, no value within 1e-5 relative rounds to both.
    #expect(try !accepts("1.6754", "1.6756"))
    #expect(try !accepts("1.6754e+00", "1.6756e+00"))
    // Only the published interval when the produced print is coarser (unchanged rule).
    #expect(try !accepts("1.67540", "1.6755"))
    // Integers stay exact; not precision-aware means no intervals at all.
    #expect(try !accepts("16754", "16755"))
    #expect(try !accepts("1.6754", "1.6755", Tolerance(precisionAware: false)))
}

@Test func paddingBeforeANumberMovesWithItsSign() {
    // The chapter's normalised means: rounding noise whose sign flips between machines, printed
    // with PyTorch's common element width. Within atol the lines match; the words still count.
    let atol = Tolerance(relative: 1e-5, absolute: 1e-6)
    func mismatches(_ expected: String, _ produced: String, _ tolerance: Tolerance) -> [Mismatch] {
        OutputComparison.compare(expected: expected, produced: produced, tolerance: tolerance,
                                 textLocation: SourceLocation(file: "p.md", line: 1, column: 1))
    }
    let published = "tensor([[-5.9605e-08],\n        [ 1.9868e-08]], grad_fn=<MeanBackward1>)\n"
    let produced = "tensor([[9.9341e-09],\n        [1.9868e-08]], grad_fn=<MeanBackward1>)\n"
    #expect(mismatches(published, produced, atol).isEmpty)
    #expect(mismatches("tensor([[-0.0000],\n        [ 0.0000]])\n", "tensor([[ 0.0000],\n        [-0.0000]])\n", atol).isEmpty)
    // Without the absolute tolerance the numbers themselves differ, and are reported as numbers.
    #expect(mismatches(published, produced, Tolerance()).count == 1)
    // Words next to a number still count, and so do spaces that are not a number's padding.
    #expect(mismatches("loss: 0.5\n", "cost: 0.5\n", atol).count == 1)
    #expect(mismatches("a b 0.5\n", "a  b 0.5\n", atol).count == 1)
}
