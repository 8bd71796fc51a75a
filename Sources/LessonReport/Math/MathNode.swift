/// Typeset math as a tree, between the TeX a page writes and the MathML the report shows.
/// Each case is one MathML Core construct, so the writer is a direct spelling of the tree.
indirect enum MathNode: Equatable, Sendable {
    /// A variable or named symbol (`<mi>`). A single letter is italic unless `upright`, as in TeX;
    /// a longer name (`\mathrm{GELU}`) is upright by MathML's own rule.
    case identifier(String, upright: Bool)
    /// Digits, possibly with a decimal point (`<mn>`).
    case number(String)
    /// An operator, relation, delimiter or punctuation (`<mo>`). `stretchy: false` keeps a bare
    /// `(` at text height, as TeX does unless the page writes `\left(`.
    case symbol(String, stretchy: Bool = true)
    /// A function name such as `\tanh` or `\operatorname{softmax}`: upright, and followed by an
    /// invisible function application so screen readers say "tanh of x".
    case function(String)
    /// Words inside math (`\text{fan-in}`).
    case text(String)
    /// Horizontal space of the given width in em (`\,`, `\quad`).
    case space(Double)
    /// A braced group.
    case row([MathNode])
    case scripts(base: MathNode, sub: MathNode?, sup: MathNode?)
    /// Limits written above and below in display math (`\sum_{i=1}^{n}`); MathML shows them as
    /// scripts in inline math because `∑` has movable limits.
    case limits(base: MathNode, under: MathNode?, over: MathNode?)
    /// `\frac`, or `\tfrac`/`\dfrac` with `displayStyle` forcing the text or display size.
    case fraction(numerator: MathNode, denominator: MathNode, displayStyle: Bool?)
    case root(MathNode, index: MathNode?)
    /// `\left( … \right)`: delimiters that grow with their contents; nil for `\left.`.
    case fenced(open: String?, close: String?, [MathNode])
    /// `\hat{x}` and the like: a mark over its base.
    case accent(MathNode, mark: String)
    /// `\sum`, `\prod`: an operator whose scripts are limits.
    case largeOperator(String)
}
