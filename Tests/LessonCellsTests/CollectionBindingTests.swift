import Foundation
@testable import LessonCells
import LessonModel
import Testing

/// The methods and properties of arrays, ranges, dictionaries, strings and numbers are registry
/// bindings like the engine's: lowering checks their labels in swiftc's words, a trailing
/// closure takes the parameter it lands on, and the docs list them.
@Suite struct CollectionBindingTests {
    @Test func wrongLabelsStopTheCellBeforeItRuns() {
        let output = runCell("print(\"before\")\nlet xs = [3, 1, 2]\nprint(xs.sorted(using: 1))")
        #expect(output.printedText == "")
        #expect(output.error?.description == "page.md:3:17: error: incorrect argument label in call (have 'using:', expected 'by:'); candidates: sorted(), sorted(by:)")
        #expect(failure("print(\"abc\".hasPrefix(prefix: \"a\"))") == "page.md:1:23: error: extraneous argument label 'prefix:' in call")
        #expect(failure("let xs = [1, 2]\nprint(xs.map(transform: { $0 }))") == "page.md:2:14: error: extraneous argument label 'transform:' in call")
        #expect(failure("print([1, 2].joined(by: \"-\"))") == "page.md:1:21: error: incorrect argument label in call (have 'by:', expected 'separator:')")
        #expect(failure("print(\"ab\".padding(toLength: 3, withPad: \" \"))") == "page.md:1:12: error: missing argument for parameter 'startingAt:' in call to 'padding(toLength:withPad:startingAt:)'")
    }

    /// Foundation repeats the pad from its character at `startingAt`, which must lie inside it.
    @Test func paddingStartsThePadWhereAsked() {
        #expect(printed("print(\"ab\".padding(toLength: 7, withPad: \"xyz\", startingAt: 1) + \"|\")") == "abyzxyz|\n")
        #expect(printed("print(\"ab\".padding(toLength: 5, withPad: \"xyz\", startingAt: 0) + \"|\")") == "abxyz|\n")
        #expect(failure("print(\"ab\".padding(toLength: 5, withPad: \"xy\", startingAt: 2))") == "page.md:1:12: error: startingAt 2 is outside the pad string of 2 characters")
    }

    /// Int(x) of a number at or past 2^63 is Swift's located error, not a crash.
    @Test func intOfAHugeNumberIsALocatedError() {
        #expect(failure("print(Int(9.25e18))") == "page.md:1:7: error: 9.25e+18 cannot be converted to Int because it is outside the representable range")
        #expect(failure("print(Int(Float(-1e19)))") == "page.md:1:7: error: -1e+19 cannot be converted to Int because it is outside the representable range")
        #expect(printed("print(Int(-9.223372036854775808e18))") == "-9223372036854775808\n")
    }

    /// Swift needs `by:` unless the closure trails the call.
    @Test func aTrailingClosureTakesItsParametersLabel() {
        let code = """
            let xs = [3, 1, 2]
            print(xs.sorted { $0 > $1 }, xs.first { $0 < 3 }!, xs.contains { $0 == 2 }, xs.reduce(10) { $0 + $1 })
            print("abc".map { $0 + "!" }, xs.dropFirst(), xs.dropFirst(2), [1.5].first!.rounded())
            """
        #expect(printed(code) == "[3, 2, 1] 1 true 16\n[\"a!\", \"b!\", \"c!\"] [1, 2] [2] 2.0\n")
        #expect(failure("let xs = [3, 1, 2]\nlet f = { (a: Int, b: Int) in a > b }\nprint(xs.sorted(f))") == "page.md:3:17: error: missing argument label 'by:' in call; candidates: sorted(), sorted(by:)")
    }

    /// A receiver of another type than the binding's is Swift's "has no member" error.
    @Test func aMethodOfAnotherTypeIsNotThisOnes() {
        #expect(failure("print(3.rounded())") == "page.md:1:9: error: value of type 'Int' has no method 'rounded'")
        #expect(failure("print(\"abc\".sorted())") == "page.md:1:13: error: value of type 'String' has no method 'sorted'")
        #expect(failure("print([1, 2].hasPrefix(\"a\"))") == "page.md:1:14: error: value of type 'Array' has no method 'hasPrefix'")
        #expect(failure("print((1, 2).count)") == "page.md:1:14: error: value of type 'tuple' has no member 'count'")
    }

    @Test func propertiesOfCollectionsAndNumbers() {
        let code = """
            let xs = [1, 2, 3]
            let d = ["a": 1, "b": 2]
            let r = 2..<5
            print(xs.count, xs.isEmpty, xs.first!, xs.last!, xs.indices, d.count, d.keys, d.values, r.count, r.lowerBound, r.upperBound)
            print("héllo".count, "".isEmpty, (-3).magnitude, 2.5.description, Float(1.5).isFinite, (0.0 / 0.0).isNaN, 163009536.formatted())
            """
        #expect(printed(code) == "3 false 1 3 0..<3 2 [\"a\", \"b\"] [1, 2] 3 2 5\n5 true 3 2.5 true true 163,009,536\n")
    }

    @Test func theRegistryHoldsTheCollectionAPI() {
        let declarations = Set(Registry.shared.all.map(\.declaration))
        for expected in ["Sequence.sorted(by: Any) -> [Any]", "Array.count: Int", "String.hasSuffix(_: String) -> Bool",
                         "Double.rounded() -> Double", "Dictionary.keys: [Any]", "Range<Int>.lowerBound: Int"] {
            #expect(declarations.contains(expected), "\(expected)")
        }
    }
}
