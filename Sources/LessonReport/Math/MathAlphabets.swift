/// `\mathbf`, `\boldsymbol`, `\mathbb` and `\mathcal` as Unicode's mathematical alphanumeric
/// letters (𝐱, ℝ, ℒ): MathML Core draws styled letters only through these code points, since it
/// dropped every `mathvariant` but `normal`.
enum MathAlphabet: Sendable {
    case bold, boldItalic, doubleStruck, script

    init?(command: String) {
        switch command {
        case "mathbf": self = .bold
        case "boldsymbol", "bm": self = .boldItalic
        case "mathbb": self = .doubleStruck
        case "mathcal", "mathscr": self = .script
        default: return nil
        }
    }

    /// Letters that Unicode encoded earlier in Letterlike Symbols, leaving holes in the
    /// mathematical blocks.
    private static let doubleStruckHoles: [Unicode.Scalar: Unicode.Scalar] = ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
    private static let scriptHoles: [Unicode.Scalar: Unicode.Scalar] = [
        "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ",
    ]

    /// The styled form of an ASCII letter or digit; other characters have none.
    func letter(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        let (upper, lower, digit): (UInt32, UInt32, UInt32?) = switch self {
        case .bold: (0x1D400, 0x1D41A, 0x1D7CE)
        case .boldItalic: (0x1D468, 0x1D482, 0x1D7CE)
        case .doubleStruck: (0x1D538, 0x1D552, 0x1D7D8)
        case .script: (0x1D49C, 0x1D4B6, nil)
        }
        if self == .doubleStruck, let hole = Self.doubleStruckHoles[c] { return hole }
        if self == .script, let hole = Self.scriptHoles[c] { return hole }
        switch c {
        case "A"..."Z": return Unicode.Scalar(upper + c.value - 0x41)
        case "a"..."z": return Unicode.Scalar(lower + c.value - 0x61)
        case "0"..."9": return digit.flatMap { Unicode.Scalar($0 + c.value - 0x30) }
        default: return nil
        }
    }

    /// The node with its letters and digits restyled; structure and other symbols unchanged.
    func apply(_ node: MathNode) -> MathNode {
        switch node {
        case .identifier(let name, let upright):
            let styled = restyle(name)
            return styled == name ? .identifier(name, upright: upright) : .identifier(styled, upright: false)
        case .number(let digits): return .number(restyle(digits))
        case .row(let children): return .row(children.map(apply))
        case .scripts(let base, let sub, let sup): return .scripts(base: apply(base), sub: sub, sup: sup)
        default: return node
        }
    }

    private func restyle(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { letter($0) ?? $0 }))
    }
}
