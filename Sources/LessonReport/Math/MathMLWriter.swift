/// Spells a `MathNode` tree as MathML Core, which current Chromium, Firefox and Safari typeset
/// natively: no script and no font fetched, so the report stays one self-contained file.
enum MathMLWriter {
    /// A whole `<math>` element. `alttext` keeps the TeX (without the blank lines around display
    /// math) for copying and for screen readers.
    static func math(_ nodes: [MathNode], tex: String, display: Bool) -> String {
        let block = display ? " display=\"block\"" : ""
        let scalars = tex.unicodeScalars
        let first = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
        let last = scalars.lastIndex { !$0.properties.isWhitespace }.map { scalars.index(after: $0) } ?? first
        let alttext = String(scalars[first..<max(first, last)])
        return "<math\(block) alttext=\"\(Escape.html(alttext))\">\(children(nodes))</math>"
    }

    /// Siblings in one row. A function name applied to what follows gets U+2061 FUNCTION
    /// APPLICATION between them, as MathML asks, so `tanh(x)` is read as "tanh of x".
    static func children(_ nodes: [MathNode]) -> String {
        var markup = ""
        for (i, node) in nodes.enumerated() {
            markup += element(node)
            if node.isFunctionName, i + 1 < nodes.count { markup += "<mo>&#x2061;</mo>" }
        }
        return markup
    }

    /// One node as exactly one element, as script and fraction parts must be.
    static func element(_ node: MathNode) -> String {
        switch node {
        case .identifier(let name, let upright):
            let normal = upright && name.unicodeScalars.count == 1 ? " mathvariant=\"normal\"" : ""
            return "<mi\(normal)>\(Escape.html(name))</mi>"
        case .number(let digits):
            return "<mn>\(digits)</mn>"
        case .symbol("/", _):
            // TeX sets `/` as an ordinary symbol, without the space MathML gives an operator.
            return "<mo lspace=\"0\" rspace=\"0\">/</mo>"
        case .symbol(let symbol, let stretchy):
            return "<mo\(stretchy ? "" : " stretchy=\"false\"")>\(Escape.html(symbol))</mo>"
        case .function(let name):
            return "<mi>\(Escape.html(name))</mi>"
        case .text(let words):
            return "<mtext>\(Escape.html(keepingEdgeSpaces(words)))</mtext>"
        case .space(let width):
            return "<mspace width=\"\(em(width))\"/>"
        case .row(let children):
            if children.count == 1, !children[0].isFunctionName { return element(children[0]) }
            return "<mrow>\(self.children(children))</mrow>"
        case .scripts(let base, let sub, let sup):
            return scripted(base, sub, sup, names: ("msub", "msup", "msubsup"))
        case .limits(let base, let under, let over):
            return scripted(base, under, over, names: ("munder", "mover", "munderover"))
        case .fraction(let numerator, let denominator, let displayStyle):
            let fraction = "<mfrac>\(element(numerator))\(element(denominator))</mfrac>"
            guard let displayStyle else { return fraction }
            return "<mstyle displaystyle=\"\(displayStyle)\">\(fraction)</mstyle>"
        case .root(let radicand, let index?):
            return "<mroot>\(element(radicand))\(element(index))</mroot>"
        case .root(let radicand, nil):
            if case .row(let children) = radicand { return "<msqrt>\(self.children(children))</msqrt>" }
            return "<msqrt>\(element(radicand))</msqrt>"
        case .fenced(let open, let close, let contents):
            // Bare `<mo>` fences stretch: MathML's operator dictionary marks them stretchy.
            let opening = open.map { "<mo>\(Escape.html($0))</mo>" } ?? ""
            let closing = close.map { "<mo>\(Escape.html($0))</mo>" } ?? ""
            return "<mrow>\(opening)\(children(contents))\(closing)</mrow>"
        case .accent(let base, let mark):
            return "<mover accent=\"true\">\(element(base))<mo>\(Escape.html(mark))</mo></mover>"
        case .largeOperator(let symbol):
            return "<mo>\(symbol)</mo>"
        }
    }

    private static func scripted(_ base: MathNode, _ below: MathNode?, _ above: MathNode?, names: (String, String, String)) -> String {
        let b = element(base)
        switch (below, above) {
        case (let below?, let above?): return "<\(names.2)>\(b)\(element(below))\(element(above))</\(names.2)>"
        case (let below?, nil): return "<\(names.0)>\(b)\(element(below))</\(names.0)>"
        case (nil, let above?): return "<\(names.1)>\(b)\(element(above))</\(names.1)>"
        case (nil, nil): return b
        }
    }

    /// MathML trims spaces at the ends of token text; `\text{ if }` means them, so they become
    /// no-break spaces.
    private static func keepingEdgeSpaces(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        for i in scalars.indices {
            guard scalars[i] == " " else { break }
            scalars[i] = "\u{A0}"
        }
        for i in scalars.indices.reversed() {
            guard scalars[i] == " " else { break }
            scalars[i] = "\u{A0}"
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// A width in em with at most four decimals: `0.1667em`, `1em`.
    private static func em(_ width: Double) -> String {
        let tenThousandths = Int((width * 10_000).rounded())
        let whole = tenThousandths / 10_000
        var fraction = String(tenThousandths % 10_000)
        guard fraction != "0" else { return "\(whole)em" }
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)em"
    }
}

extension MathNode {
    /// A function name, possibly with scripts (`\log_2`), which applies to what follows it.
    var isFunctionName: Bool {
        switch self {
        case .function: return true
        case .scripts(let base, _, _), .limits(let base, _, _): return base.isFunctionName
        default: return false
        }
    }
}
