import LessonCells
import Testing

@Suite struct ExpressionTests {
    @Test func literalsAndInterpolation() {
        #expect(printed("let n = 3\nprint(\"n = \\(n), half = \\(Double(n) / 2), ok = \\(true), s = \\(\"x\")\")") == "n = 3, half = 1.5, ok = true, s = x\n")
    }

    @Test func doublesPrintShortestRoundTrip() {
        #expect(printed("print(0.1 + 0.2, 1e-5, 100.0, 2.0 / 3, Float.pi, Double.pi)") == "0.30000000000000004 1e-05 100.0 0.6666666666666666 3.1415925 3.141592653589793\n")
    }

    @Test func arraysDictionariesTuplesRanges() {
        let code = """
        var d = ["b": 2, "a": 1]
        d["c"] = 3
        let t = (name: "w", size: 3)
        print([1, 2, 3][1], d, d.count, t.name, t.1, (0..<4).count, Array(2...4))
        """
        #expect(printed(code) == "2 [\"b\": 2, \"a\": 1, \"c\": 3] 3 w 3 4 [2, 3, 4]\n")
    }

    @Test func closuresWithDollarAndNamedParameters() {
        let code = """
        let xs = [1, 2, 3, 4]
        print(xs.map { $0 * $0 }, xs.filter { n in n % 2 == 0 }, xs.reduce(0) { $0 + $1 }, xs.map { (x: Int) -> Int in x + 1 })
        """
        #expect(printed(code) == "[1, 4, 9, 16] [2, 4] 10 [2, 3, 4, 5]\n")
    }

    @Test func ternaryAndLogicalOperators() {
        #expect(printed("let a = 3\nprint(a > 2 ? \"big\" : \"small\", a > 1 && a < 3, a == 3 || false, !(a == 3))") == "big false true false\n")
    }

    @Test func forceUnwrapOptionalChainingAndNilCoalescing() {
        let code = """
        let xs: [Int] = []
        let ys = [5]
        print(ys.first!, xs.first ?? 0, xs.first?.magnitude == nil, ys.first?.magnitude ?? 0)
        """
        #expect(printed(code) == "5 0 true 5\n")
    }

    @Test func subscriptsAndMemberAccess() {
        let code = """
        var grid = [[1, 2], [3, 4]]
        grid[1][0] = 30
        struct W { var values: [Int] }
        var w = W(values: [1, 2])
        w.values[0] += 10
        print(grid, w.values, grid[0].count)
        """
        #expect(printed(code) == "[[1, 2], [30, 4]] [11, 2] 2\n")
    }

    @Test func enumeratedZipCountHasSuffix() {
        let code = """
        let names = ["a.weight", "a.bias"]
        for (n, v) in zip(names, [1.5, 2.5]) where n.hasSuffix("weight") { print(n, v) }
        print(names.enumerated().map { "\\($0.offset):\\($0.element)" }, names.count)
        """
        #expect(printed(code) == "a.weight 1.5\n[\"0:a.weight\", \"1:a.bias\"] 2\n")
    }

    @Test func integerArithmetic() {
        #expect(printed("print(7 / 2, -7 % 3, 2 * 3 + 4, 10 - 2 - 3)") == "3 -1 10 5\n")
    }

    @Test func ifExpression() {
        #expect(printed("let x = 4\nlet kind = if x > 3 { \"big\" } else { \"small\" }\nprint(kind)") == "big\n")
    }
}

@Suite struct CollectionTests {
    @Test func dictionaryIterationIsInInsertionOrder() {
        #expect(printed("let d = [\"z\": 1, \"a\": 2]\nfor (k, v) in d { print(k, v) }") == "z 1\na 2\n")
    }

    @Test func optionalChainingThroughStructs() {
        let code = """
        struct Node { var next: [Int]? }
        let a = Node(next: [1, 2])
        let b = Node(next: nil)
        print(a.next?.count ?? -1, b.next?.count ?? -1)
        """
        #expect(printed(code) == "2 -1\n")
    }

    @Test func stringMethods() {
        #expect(printed("let s = \"layers.0.weight\"\nprint(s.hasPrefix(\"layers\"), s.contains(\"0.w\"), s.split(separator: \".\"), s.uppercased())") == "true true [\"layers\", \"0\", \"weight\"] LAYERS.0.WEIGHT\n")
    }

    @Test func sortedMinMaxJoined() {
        #expect(printed("let xs = [3, 1, 2]\nprint(xs.sorted(), xs.sorted { $0 > $1 }, xs.min()!, xs.max()!, xs.map { String($0) }.joined(separator: \"-\"))") == "[1, 2, 3] [3, 2, 1] 1 3 3-1-2\n")
    }

    @Test func strideAndMath() {
        #expect(printed("print(Array(stride(from: 0, to: 10, by: 4)), pow(2.0, 10), sqrt(16.0), exp(0.0), max(2, 5))") == "[0, 4, 8] 1024.0 4.0 1.0 5\n")
    }
}

@Suite struct MoreCollectionTests {
    @Test func mutatingArrayMethods() {
        let code = """
        var xs = [5, 1, 4]
        xs.insert(9, at: 1)
        let removed = xs.remove(at: 0)
        xs.sort()
        let last = xs.popLast()!
        let first = xs.removeFirst()
        xs.append(contentsOf: [7, 8])
        xs.reverse()
        print(xs, removed, last, first)
        xs.removeAll()
        print(xs.isEmpty, xs.popLast() == nil)
        """
        #expect(printed(code) == "[8, 7, 4] 5 9 1\ntrue true\n")
    }

    @Test func sequenceQueries() {
        let code = """
        let xs = [1, 2, 3, 4]
        print(xs.compactMap { $0 % 2 == 0 ? $0 : nil }, xs.allSatisfy { $0 > 0 }, xs.firstIndex(of: 3)!, xs.prefix(2), xs.suffix(1), xs.dropFirst(), xs.dropLast(2), xs.contains(where: { $0 > 3 }), xs.first { $0 > 1 }!)
        """
        #expect(printed(code) == "[2, 4] true 2 [1, 2] [4] [2, 3, 4] [1, 2] true 2\n")
    }

    @Test func numberConversionsAndRounding() {
        #expect(printed("print(Int(3.9), Int(-3.9), round(2.5), floor(-1.5), ceil(1.2), Double(7) / 2, min(3.0, 1.5))") == "3 -3 3.0 -2.0 2.0 3.5 1.5\n")
    }

    @Test func lossAsAValueAndMatmul() {
        let code = """
        let loss = MSELoss()
        let a = Tensor([[1.0, 2.0]])
        let b = Tensor([[3.0], [4.0]])
        print(loss(matmul(a, b), Tensor([[10.0]])).item(), a.matmul(b).shape)
        """
        #expect(printed(code) == "1.0 [1, 1]\n")
    }
}

@Suite struct FormattingTests {
    @Test func stringFormatWithNumbers() {
        #expect(printed("print(String(format: \"%.4f | %5d | %.2e | %@ | 100%%\", 0.123456, 42, 12345.678, \"w\"))") == "0.1235 |    42 | 1.23e+04 | w | 100%\n")
    }

    @Test func stringFormatChecksItsArguments() {
        #expect(failure("let s = String(format: \"%d\", 1.5)") == "page.md:1:9: error: '%d' formats an Int, found 'Double'")
        #expect(failure("let s = String(format: \"%f %f\", 1.5)") == "page.md:1:9: error: format string has more conversions than arguments")
        #expect(failure("let s = String(format: \"%s\", \"x\")") == "page.md:1:9: error: '%s' is not supported in String(format:); use %d, %f, %e, %g or %@")
    }
}

@Suite struct PaddingTests {
    @Test func paddingToAColumn() {
        #expect(printed("print(\"ab\".padding(toLength: 5, withPad: \".\", startingAt: 0) + \"|\", \"abcdef\".padding(toLength: 3, withPad: \" \", startingAt: 0))") == "ab...| abc\n")
    }
}
