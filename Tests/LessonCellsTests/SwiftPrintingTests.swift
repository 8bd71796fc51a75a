import LessonCells
import Testing

/// `print` and interpolation spell optionals and `Float`s as compiled Swift does.
@Suite struct SwiftPrintingTests {
    @Test func optionalsPrintAsSwiftPrintsThem() {
        let code = """
        let d = ["a": 1]
        let xs = [2.5, 3.0]
        var best: Int? = nil
        print(d["a"], d["z"], Int("3"), Int("x"), xs.first, best)
        best = best ?? 7
        let words: [String?] = ["w", nil]
        print("got \\(d["a"]) and \\(xs.last!) and \\(words)")
        print(d["a"]!, d["a"] == 1, d["z"] == nil, xs.firstIndex(of: 3.0), Double("0.5"))
        if let a = d["a"] { print(a + 1) }
        """
        #expect(printed(code) == """
            Optional(1) nil Optional(3) nil Optional(2.5) nil
            got Optional(1) and 3.0 and [Optional("w"), nil]
            1 true true Optional(1) Optional(0.5)
            2

            """)
    }

    @Test func optionalChainsAndFunctionsReturningOptionals() {
        let code = """
        func half(_ n: Int) -> Int? { n % 2 == 0 ? n / 2 : nil }
        let xs = [1, 2]
        print(half(4), half(3), xs.first?.magnitude, xs.dropFirst(2).first?.magnitude, xs.max(), xs.min()! + 1)
        """
        #expect(printed(code) == "Optional(2) nil Optional(1) nil Optional(2) 2\n")
    }

    @Test func membersOfAnOptionalNeedUnwrapping() {
        #expect(failure("let d = [\"a\": 1.5]\nprint(d[\"a\"].isNaN)") == "page.md:2:14: error: value of optional type 'Double?' must be unwrapped to refer to member 'isNaN'; use '!' or '?.'")
    }

    @Test func arithmeticOnAnOptionalNeedsUnwrapping() {
        #expect(failure("let d = [\"a\": 1]\nprint(d[\"a\"] + 1)") == "page.md:2:14: error: value of optional type 'Int?' must be unwrapped to a value of type 'Int'; use '!' or '??'")
    }

    @Test func floatsAreFloat32() {
        let code = """
        let third: Float = 1.0 / 3
        let x = Float(0.1) + Float(0.2)
        print(Float.pi, third, x, Float(2).squareRoot(), Float(1) / 3 * 3, Double(Float(0.1)))
        print("\\(Float(16777217)) \\(Float(0.5) * 3) \\(sqrt(Float(2))) \\(Int(Float(2.75)))")
        """
        #expect(printed(code) == """
            3.1415925 0.33333334 0.3 1.4142135 1.0 0.10000000149011612
            16777216.0 1.5 1.4142135 2

            """)
    }

    @Test func doubleStaysTheDefaultForFloatLiterals() {
        #expect(printed("let x = 0.1\nprint(x + 0.2, 1.0 / 3)") == "0.30000000000000004 0.3333333333333333\n")
    }
}

/// Assignments keep a variable's or stored property's annotated type, as Swift's static types do.
@Suite struct AnnotatedTypeTests {
    @Test func assignmentsConvertToTheAnnotatedType() {
        let code = """
        var best: Int? = nil
        best = 3
        var rate: Float = 0.1
        rate = rate + 0.2
        var total: Float = 1
        total = 0.1
        struct Tracker {
            var lowest: Double? = nil
            mutating func see(_ x: Double) { if lowest == nil || x < lowest! { lowest = x } }
        }
        var t = Tracker()
        t.see(2.5)
        func f() {
            var local: Double? = nil
            local = 1
            print(local)
        }
        f()
        print(best, rate, total + 0.2, t.lowest, t)
        """
        #expect(printed(code) == "Optional(1.0)\nOptional(3) 0.3 0.3 Optional(2.5) Tracker(lowest: Optional(2.5))\n")
    }
}
