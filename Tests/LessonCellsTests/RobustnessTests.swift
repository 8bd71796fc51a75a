import LessonCells
import Testing

/// Hostile or careless cells end with an error item (or run), never a crash or a hang.
@Suite struct RobustnessTests {
    static let snippets: [(code: String, fails: Bool)] = [
        ("let x = [1, 2, 3]\nprint(x[-1])", true),
        ("var d: [String: Int] = [:]\nprint(d[\"a\"]!)", true),
        ("print(1 / 0.0, -1 / 0.0)", false),
        ("let t = Tensor([[1.0], [2.0, 3.0]])", true),
        ("let t = Tensor.randn(-1)", true),
        ("let l = Linear(0, 3)", true),
        ("let f = { (a: Int, b: Int) in a + b }\nprint(f(1))", true),
        ("func f() { f() }\nf()", true),
        ("let s = \"abc\"\nprint(s[5])", true),
        ("for i in stride(from: 0, to: 10, by: 0) { print(i) }", true),
        ("let n = -1\nfor i in 0..<n { print(i) }", true),
        ("let a = Int.min\nprint(a / -1)", true),
        ("print(abs(Int.min))", true),
        ("manualSeed(-1)", true),
        ("print(Sequential()(Tensor([1.0])).scalars)", false),
        ("print([1, 2].map { $0 + $1 })", true),
        ("print(self)", true),
        ("print(\"\\(1)\" + 2)", true),
        ("let (a, b) = (1, 2)\nprint(a + b)", false),
        ("display(GradientTable(models: [1]))", true),
        ("let = 5", true),
        ("let é = \"🙂\"\nprint(é, nope)", true),
        ("struct S { var a: Int }\nlet s = S(a: 1)\ns.a = 2", true),
        ("let t = Tensor([1.0])\nt.grad = Tensor([2.0])\nprint(t.grad!.scalars)", false),
        ("var xs = [1]\nxs[0] = \"a\"\nprint(xs)", false),
        ("let x = 3\nx.foo()", true),
        ("print(Tensor([1.0, 2.0]).item())", true),
        ("let y = Tensor.zeros(2, 2).matmul(Tensor.ones(3, 1))", true),
        ("mseLoss(Tensor([1.0]), Tensor([1.0, 2.0, 3.0])).backward()", true),
        ("Tensor([1.0, 2.0]).backward(gradient: Tensor([1.0]))", true),
        ("print(Tensor([1.0]).mean(dim: 3))", true),
        ("var i = 0\nwhile i < 10 { i += 1 }\nprint(i)", false),
        ("print(zip([1], [2, 3]).count, [Int]().isEmpty)", false),
        ("let xs = [Int](repeating: 0, count: -1)", true),
        ("let xs = [Double](repeating: 0, count: 100_000_000)", true),
        ("let big = (0..<100_000_000).map { $0 }", true),
        ("func g(_ x: Int) -> Int { if x > 0 { return 1 } }\nprint(g(-1))", true),
        ("struct P { let x: Int\n init(x: Int) { } }\nlet p = P(x: 1)", true),
        ("let c = { $0 }\nprint(c(1, 2))", true),
        ("print(\"a\" < \"b\", [1, 2] == [1, 2], (1, \"a\") == (1, \"a\"))", false),
        ("enum E { case a }", true),
        ("let x = 1 as? Int", true),
        ("let k = \\String.count", true),
        ("async let x = 1", true),
        ("func f(_ n: Int) -> Int { n == 0 ? 0 : [n].map { f($0 - 1) + 1 }[0] }\nprint(f(100_000))", true),
        ("struct N: Module { func callAsFunction(_ x: Tensor) -> Tensor { self(x) } }\nprint(N()(Tensor([1.0])))", true),
    ]

    @Test(arguments: 0..<snippets.count)
    func neverCrashes(_ index: Int) {
        let (code, fails) = Self.snippets[index]
        let output = runCell(code, limits: .init(maxSteps: 1_000_000, wallClock: .seconds(5), maxTensorElements: 10_000_000))
        #expect((output.error != nil) == fails, "\(code) -> \(output)")
        if let error = output.error {
            #expect(error.location?.file == "page.md" && (error.location?.line ?? 0) >= 1, "\(error)")
        }
    }
}
