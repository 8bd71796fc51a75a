import LessonCells
import Testing

@Suite struct DeclarationTests {
    @Test func letAndVarWithAndWithoutAnnotations() {
        #expect(printed("let a = 2\nvar b: Double = 3\nb += 0.5\nlet c: Int\nc = 4\nprint(a, b, c)") == "2 3.5 4\n")
    }

    @Test func functionsWithLabelsUnderscoreAndDefaults() {
        let code = """
        func scale(_ x: Double, by factor: Double = 2, offset: Double = 0) -> Double { x * factor + offset }
        print(scale(3), scale(3, by: 10), scale(1, offset: 0.5), scale(1, by: 3, offset: 1))
        """
        #expect(printed(code) == "6.0 30.0 2.5 4.0\n")
    }

    @Test func functionsCalledBeforeTheirDeclaration() {
        #expect(printed("print(twice(4))\nfunc twice(_ n: Int) -> Int { return 2 * n }") == "8\n")
    }

    @Test func recursion() {
        #expect(printed("func fact(_ n: Int) -> Int { n <= 1 ? 1 : n * fact(n - 1) }\nprint(fact(10))") == "3628800\n")
    }

    @Test func variadicParameters() {
        #expect(printed("func total(_ xs: Int...) -> Int { xs.reduce(0, +) }\nprint(total(1, 2, 3))") == "6\n")
    }

    @Test func structMemberwiseInitAndMethods() {
        let code = """
        struct Point {
            var x: Double
            var y: Double = 0
            let tag = "p"
            func length() -> Double { sqrt(x * x + y * y) }
            mutating func moveRight(by dx: Double) { x += dx }
        }
        var p = Point(x: 3, y: 4)
        print(p.length(), p.tag)
        p.moveRight(by: 1)
        print(p.x, Point(x: 1).y)
        print(p)
        """
        #expect(printed(code) == "5.0 p\n4.0 0.0\nPoint(x: 4.0, y: 4.0, tag: \"p\")\n")
    }

    @Test func structCustomInit() {
        let code = """
        struct Box {
            let width: Int
            var area: Int
            init(side: Int) {
                width = side
                self.area = side * side
            }
        }
        print(Box(side: 3).area)
        """
        #expect(printed(code) == "9\n")
    }

    @Test func structValueSemantics() {
        let code = """
        struct Counter { var n = 0 }
        var a = Counter()
        var b = a
        b.n = 5
        var xs = [1, 2]
        var ys = xs
        ys.append(3)
        print(a.n, b.n, xs, ys)
        """
        #expect(printed(code) == "0 5 [1, 2] [1, 2, 3]\n")
    }

    @Test func tensorsHaveReferenceSemantics() {
        let code = """
        let t = Tensor([1.0, 2.0])
        let u = t
        u.requiresGrad = true
        print(t.requiresGrad)
        """
        #expect(printed(code) == "true\n")
    }

    @Test func closuresStoredInProperties() {
        let code = """
        struct Activation: Module {
            let f: (Tensor) -> Tensor
            init(_ f: @escaping (Tensor) -> Tensor) { self.f = f }
            func callAsFunction(_ x: Tensor) -> Tensor { f(x) }
        }
        let double = Activation { $0 * 2 }
        print(double(Tensor([1.5])).item())
        """
        #expect(printed(code) == "3.0\n")
    }

    @Test func closuresCaptureVariables() {
        let code = """
        var total = 0
        let add = { (n: Int) in total += n }
        add(3)
        add(4)
        print(total)
        """
        #expect(printed(code) == "7\n")
    }

    @Test func moduleExistentialsAndSequentialOfPageModules() {
        let code = """
        struct Doubler: Module { func callAsFunction(_ x: Tensor) -> Tensor { x * 2 } }
        let layers: [any Module] = [Doubler(), ReLU()]
        let model: Module = Sequential(Doubler(), Sequential(ReLU(), Doubler()))
        var x = Tensor([-1.0, 1.0])
        for layer in layers { x = layer(x) }
        print(x.scalars, model(Tensor([-1.0, 1.0])).scalars)
        """
        #expect(printed(code) == "[0.0, 2.0] [0.0, 4.0]\n")
    }

    @Test func pageDeclarationsShadowBuiltins() {
        let code = """
        struct ReLU: Module { func callAsFunction(_ x: Tensor) -> Tensor { x * 0 + 7 } }
        func tanh(_ x: Double) -> Double { 42 }
        print(ReLU()(Tensor([1.0])).item(), tanh(0.5))
        """
        #expect(printed(code) == "7.0 42.0\n")
    }

    @Test func importsAreAccepted() {
        #expect(printed("import NetworkEngine\nimport Foundation\nprint(1)") == "1\n")
    }

    @Test func laterCellsSeeEarlierBindings() {
        let outputs = runPage([(1, "let a = 20\nfunc f() -> Int { a + 1 }"), (10, "struct S { var v: Int }"), (20, "print(f(), S(v: a).v)")])
        #expect(outputs[2].printedText == "21 20\n")
    }

    @Test func aFailedCellLeavesNoHalfDeclaredNames() {
        let outputs = runPage([(1, "let a = 1\nlet b = nope"), (5, "print(a)")])
        #expect(outputs[1].error?.description == "page.md:5:7: error: cannot find 'a' in scope")
    }
}

@Suite struct StructMemberTests {
    @Test func computedProperties() {
        let code = """
        struct Net {
            var layers: [Int]
            var depth: Int { layers.count }
            var summary: String {
                get { "depth \\(depth)" }
            }
        }
        print(Net(layers: [3, 3, 1]).summary)
        """
        #expect(printed(code) == "depth 3\n")
    }

    @Test func mutatingMethodsCallEachOther() {
        let code = """
        struct Counter {
            var n = 0
            mutating func bump() { n += 1 }
            mutating func bumpTwice() {
                bump()
                self.bump()
            }
        }
        var c = Counter()
        c.bumpTwice()
        print(c.n)
        """
        #expect(printed(code) == "2\n")
    }
}
