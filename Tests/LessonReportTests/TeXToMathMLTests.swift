@testable import LessonReport
import Testing

@Suite struct TeXToMathMLTests {
    func mathML(_ tex: String) throws -> String {
        MathMLWriter.children(try TeXParser.parse(tex))
    }

    @Test(arguments: [
        ("x_1", "<msub><mi>x</mi><mn>1</mn></msub>"),
        ("x^3", "<msup><mi>x</mi><mn>3</mn></msup>"),
        ("x_{k+1}", "<msub><mi>x</mi><mrow><mi>k</mi><mo>+</mo><mn>1</mn></mrow></msub>"),
        ("x_1^2", "<msubsup><mi>x</mi><mn>1</mn><mn>2</mn></msubsup>"),
        ("x^23", "<msup><mi>x</mi><mn>2</mn></msup><mn>3</mn>"),
        ("1 + F'(x)", "<mn>1</mn><mo>+</mo><msup><mi>F</mi><mo>′</mo></msup><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo>"),
        ("F'^2", "<msup><mi>F</mi><mrow><mo>′</mo><mn>2</mn></mrow></msup>"),
        ("x + F(x)", "<mi>x</mi><mo>+</mo><mi>F</mi><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo>"),
        ("a - 3.25", "<mi>a</mi><mo>−</mo><mn>3.25</mn>"),
        ("\\frac{a}{b}", "<mfrac><mi>a</mi><mi>b</mi></mfrac>"),
        ("\\frac12", "<mfrac><mn>1</mn><mn>2</mn></mfrac>"),
        ("\\tfrac{1}{2}", "<mstyle displaystyle=\"false\"><mfrac><mn>1</mn><mn>2</mn></mfrac></mstyle>"),
        ("\\sqrt{x+1}", "<msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt>"),
        ("\\sqrt[3]{x}", "<mroot><mi>x</mi><mn>3</mn></mroot>"),
        ("\\sigma(\\theta) \\approx \\pi", "<mi>σ</mi><mo stretchy=\"false\">(</mo><mi>θ</mi><mo stretchy=\"false\">)</mo><mo>≈</mo><mi>π</mi>"),
        ("\\alpha \\Phi", "<mi>α</mi><mi mathvariant=\"normal\">Φ</mi>"),
        ("\\partial L / \\partial x_1", "<mi mathvariant=\"normal\">∂</mi><mi>L</mi><mo lspace=\"0\" rspace=\"0\">/</mo><mi mathvariant=\"normal\">∂</mi><msub><mi>x</mi><mn>1</mn></msub>"),
        ("a \\cdot b \\times c \\cdots d", "<mi>a</mi><mo>⋅</mo><mi>b</mi><mo>×</mo><mi>c</mi><mo>⋯</mo><mi>d</mi>"),
        ("f_1, \\dots, f_5", "<msub><mi>f</mi><mn>1</mn></msub><mo>,</mo><mo>…</mo><mo>,</mo><msub><mi>f</mi><mn>5</mn></msub>"),
        ("a \\le b \\ge c \\ne d \\ldots", "<mi>a</mi><mo>≤</mo><mi>b</mi><mo>≥</mo><mi>c</mi><mo>≠</mo><mi>d</mi><mo>…</mo>"),
        ("\\tanh(x)", "<mi>tanh</mi><mo>&#x2061;</mo><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo>"),
        ("\\exp x + \\log_2 y", "<mi>exp</mi><mo>&#x2061;</mo><mi>x</mi><mo>+</mo><msub><mi>log</mi><mn>2</mn></msub><mo>&#x2061;</mo><mi>y</mi>"),
        ("\\operatorname{softmax} z", "<mi>softmax</mi><mo>&#x2061;</mo><mi>z</mi>"),
        ("\\mathrm{GELU}(x)", "<mi>GELU</mi><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo>"),
        ("\\mathrm{d}x", "<mi mathvariant=\"normal\">d</mi><mi>x</mi>"),
        ("\\text{ if } x < 0", "<mtext>\u{A0}if\u{A0}</mtext><mi>x</mi><mo>&lt;</mo><mn>0</mn>"),
        ("\\pm 1/\\sqrt{\\text{fan-in}}", "<mo>±</mo><mn>1</mn><mo lspace=\"0\" rspace=\"0\">/</mo><msqrt><mtext>fan-in</mtext></msqrt>"),
        ("\\left(\\frac{1}{2}\\right)", "<mrow><mo>(</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><mo>)</mo></mrow>"),
        ("\\left. x \\right|", "<mrow><mi>x</mi><mo>|</mo></mrow>"),
        ("\\sum_{i=1}^{n} x_i", "<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><msub><mi>x</mi><mi>i</mi></msub>"),
        ("{a+b}^2", "<msup><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mn>2</mn></msup>"),
        ("a\\,b", "<mi>a</mi><mspace width=\"0.1667em\"/><mi>b</mi>"),
        ("\\hat{y}", "<mover accent=\"true\"><mi>y</mi><mo>^</mo></mover>"),
        ("\\mathbf{W} x \\in \\mathbb{R}^3", "<mi>𝐖</mi><mi>x</mi><mo>∈</mo><msup><mi>ℝ</mi><mn>3</mn></msup>"),
        ("\\mathcal{L} + \\mathcal{D} + \\boldsymbol{x}_1", "<mi>ℒ</mi><mo>+</mo><mi>𝒟</mi><mo>+</mo><msub><mi>𝒙</mi><mn>1</mn></msub>"),
        ("x \\to \\infty", "<mi>x</mi><mo>→</mo><mi mathvariant=\"normal\">∞</mi>"),
    ])
    func translates(tex: String, expected: String) throws {
        #expect(try mathML(tex) == expected)
    }

    @Test func mathElementCarriesTheTeXAsAltText() throws {
        let inline = MathMLWriter.math(try TeXParser.parse("a<b \\& \"c\""), tex: "a<b \\& \"c\"", display: false)
        #expect(inline == "<math alttext=\"a&lt;b \\&amp; &quot;c&quot;\"><mi>a</mi><mo>&lt;</mo><mi>b</mi><mi mathvariant=\"normal\">&amp;</mi><mo>&quot;</mo><mi>c</mi><mo>&quot;</mo></math>")
        let display = MathMLWriter.math(try TeXParser.parse("x"), tex: "\n  x\n", display: true)
        #expect(display == "<math display=\"block\" alttext=\"x\"><mi>x</mi></math>")
    }

    @Test(arguments: [
        ("a + \\foo{b}", "unknown TeX command \\foo", 4),
        ("x_1_2", "double subscript; group the base, e.g. {x_a}_b", 3),
        ("x^2^3", "double superscript; group the base, e.g. {x^a}^b", 3),
        ("{x + 1", "this '{' is never closed", 0),
        ("x }", "this '}' closes no group", 2),
        ("\\left( x", "this \\left has no matching \\right", 0),
        ("x \\right)", "this \\right has no matching \\left", 2),
        ("\\frac{1}", "\\frac needs an argument here", 8),
        ("a & b", "'&' has no meaning in inline TeX here (write \\& for the character)", 2),
        ("é + \\bogus", "unknown TeX command \\bogus", 5),
        ("\\text{a \\b}", "unknown TeX command \\b inside \\text", 8),
    ])
    func rejectsWithALocatedProblem(tex: String, message: String, offset: Int) {
        #expect(throws: TeXProblem(message: message, offset: offset)) { try TeXParser.parse(tex) }
    }
}
