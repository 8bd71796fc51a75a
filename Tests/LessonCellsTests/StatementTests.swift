import LessonCells
import Testing

@Suite struct StatementTests {
    @Test func assignmentAndCompoundAssignment() {
        #expect(printed("var x = 10\nx = 4\nx += 2\nx -= 1\nx *= 3\nx /= 5\nx %= 2\nprint(x)") == "1\n")
    }

    @Test func ifElseIfElse() {
        let code = """
        for n in [1, 5, 9] {
            if n < 3 { print("small") } else if n < 7 { print("medium") } else { print("large") }
        }
        """
        #expect(printed(code) == "small\nmedium\nlarge\n")
    }

    @Test func ifLetAndGuard() {
        let code = """
        func first(_ xs: [Int]) -> Int {
            guard let f = xs.first else { return -1 }
            return f
        }
        let d = ["a": 1]
        if let v = d["a"], v > 0 { print("found", v) }
        if let w = d["b"] { print(w) } else { print("missing") }
        print(first([]), first([7]))
        """
        #expect(printed(code) == "found 1\nmissing\n-1 7\n")
    }

    @Test func forInWhereWithTuples() {
        let code = """
        for (i, name) in ["a", "b", "c"].enumerated() where i != 1 { print(i, name) }
        for _ in 0..<2 { print("x") }
        for k in 1...3 { print(k, terminator: " ") }
        print()
        """
        #expect(printed(code) == "0 a\n2 c\nx\nx\n1 2 3 \n")
    }

    @Test func whileBreakContinue() {
        let code = """
        var i = 0
        var seen: [Int] = []
        while true {
            i += 1
            if i % 2 == 0 { continue }
            if i > 7 { break }
            seen.append(i)
        }
        repeat { i -= 1 } while i > 5
        print(seen, i)
        """
        #expect(printed(code) == "[1, 3, 5, 7] 5\n")
    }

    @Test func returnFromNestedLoops() {
        let code = """
        func find(_ target: Int) -> (Int, Int)? {
            for i in 0..<4 { for j in 0..<4 where i * j == target { return (i, j) } }
            return nil
        }
        print(find(6)!, find(100) == nil)
        """
        #expect(printed(code) == "(2, 3) true\n")
    }
}

@Suite struct CaptureTests {
    @Test func closuresCaptureEachIterationsVariables() {
        let code = """
        var makers: [() -> Int] = []
        for i in 0..<3 {
            let square = i * i
            makers.append { square + i }
        }
        print(makers.map { $0() })
        func build() -> [() -> Int] {
            var result: [() -> Int] = []
            for k in [10, 20] { result.append({ k }) }
            return result
        }
        print(build().map { $0() })
        """
        #expect(printed(code) == "[0, 2, 6]\n[10, 20]\n")
    }

    @Test func closuresMadeInWhileBodiesCaptureEachIteration() {
        let code = """
        var makers: [() -> Int] = []
        var n = 0
        while n < 3 {
            let doubled = n * 2
            var counter = doubled
            makers.append { counter += 1; return counter + n }
            n += 1
        }
        print(makers.map { $0() }, makers.map { $0() })
        var queue = [4, 5]
        var readers: [() -> Int] = []
        while let last = queue.popLast() {
            readers.append { last * 10 }
            if last == 5 { continue }
        }
        print(readers.map { $0() })
        func collect() -> [() -> String] {
            var out: [() -> String] = []
            var i = 0
            while true {
                let word = "w\\(i)"
                out.append { word }
                i += 1
                if i == 2 { break }
            }
            return out
        }
        print(collect().map { $0() })
        """
        #expect(printed(code) == "[4, 6, 8] [5, 7, 9]\n[50, 40]\n[\"w0\", \"w1\"]\n")
    }
}

/// Collections that grow in place (`append`, `+=`) keep Swift's value semantics and declared types.
@Suite struct GrowingValueTests {
    @Test func newElementsTakeTheDeclaredType() {
        let code = """
        struct Log {
            var losses: [Double] = []
            var best: Double? = nil
            var total = 0.0
        }
        var log = Log()
        log.losses.append(1)
        log.losses += [2]
        log.losses.insert(0, at: 0)
        log.best = 3
        log.total += 1
        var a: [Double] = []
        a.append(1)
        a += [2]
        a[0] = 5
        var grid: [[Double]] = [[], []]
        grid[1].append(7)
        print(log.losses, log.best!, log.total, a, grid)
        """
        #expect(printed(code) == "[0.0, 1.0, 2.0] 3.0 1.0 [5.0, 2.0] [[], [7.0]]\n")
    }

    @Test func copiesDoNotSeeAnotherCopysGrowth() {
        let code = """
        struct Log { var losses: [Double] = [] }
        var log = Log()
        log.losses.append(1)
        var saved = log
        saved.losses.append(2)
        var a = [1]
        var b = a
        b.append(2)
        a += [3]
        var s = "x"
        var t = s
        t += "y"
        s += "z"
        var rows = [[1], [2]]
        let firstRow = rows[0]
        rows[0].append(9)
        print(log.losses, saved.losses, a, b, s, t, rows, firstRow)
        """
        #expect(printed(code) == "[1.0] [1.0, 2.0] [1, 3] [1, 2] xz xy [[1, 9], [2]] [1]\n")
    }

    @Test func aLetStructsArrayCannotGrow() {
        let message = failure("struct Log { var losses: [Double] = [] }\nlet fixed = Log()\nfixed.losses.append(1)")
        #expect(message.hasSuffix(":3:1: error: cannot use mutating member 'append' on immutable value: 'fixed' is a 'let' constant"), "\(message)")
    }

    @Test func compoundAssignmentThroughAPath() {
        let code = """
        struct Counter { var counts: [Int] = [0, 0]; var label = "n" }
        var c = Counter()
        c.counts[1] += 5
        c.label += "!"
        c.counts += [7]
        print(c.counts, c.label)
        """
        #expect(printed(code) == "[0, 5, 7] n!\n")
    }
}

@Suite struct ArrayInitializerTests {
    @Test func arraysMadeByType() {
        let code = """
        var losses = [Double]()
        losses.append(1)
        let zeros = [Double](repeating: 0, count: 3)
        let halves: [Float] = [Float](repeating: 0.5, count: 2)
        let grid = [[Int]](repeating: [], count: 2)
        let counts = Array(repeating: 7, count: 2)
        let copied = [Int](1...3)
        print(losses, zeros, halves, grid, counts, copied, [String]().isEmpty)
        """
        #expect(printed(code) == "[1.0] [0.0, 0.0, 0.0] [0.5, 0.5] [[], []] [7, 7] [1, 2, 3] true\n")
    }

    @Test func badArrayInitializersAreLocated() {
        #expect(failure("let xs = [Int](count: 3)").hasSuffix(":1:10: error: no array initializer takes arguments (count:); use [T](), [T](repeating:count:) or [T](sequence)"))
        #expect(failure("let n = -1\nlet xs = Array(repeating: 0, count: n)").hasSuffix(":2:10: error: Array(repeating:count:) takes a count that is a non-negative Int"))
    }
}
