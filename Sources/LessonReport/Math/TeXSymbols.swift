/// The TeX control words lessons use, by what they become in MathML. Anything not listed here is
/// an unknown command, which the report shows as source with a warning.
enum TeXSymbols {
    /// Lower-case Greek is italic, like Latin letters; upper-case Greek is upright, as in TeX.
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
        "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
        "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Symbols that are ordinary identifiers, drawn upright (MathJax's choice for `\partial`).
    static let uprightIdentifiers: [String: String] = [
        "partial": "∂", "infty": "∞", "nabla": "∇", "ell": "ℓ", "emptyset": "∅",
        "$": "$", "%": "%", "#": "#", "&": "&", "_": "_",
    ]

    /// Binary operators, relations, arrows, dots and escaped delimiters.
    static let operators: [String: String] = [
        "cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "circ": "∘",
        "cdots": "⋯", "dots": "…", "ldots": "…", "vdots": "⋮", "ddots": "⋱",
        "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝",
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "ll": "≪", "gg": "≫",
        "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒",
        "Leftarrow": "⇐", "leftrightarrow": "↔", "mapsto": "↦", "implies": "⟹", "iff": "⟺",
        "{": "{", "}": "}", "|": "‖", "langle": "⟨", "rangle": "⟩", "mid": "∣",
        "forall": "∀", "exists": "∃", "neg": "¬", "land": "∧", "lor": "∨",
    ]

    /// Operator names set upright: TeX's `\log`-style commands.
    static let functions: Set<String> = [
        "exp", "log", "ln", "lg", "sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin", "arccos",
        "arctan", "max", "min", "sup", "inf", "lim", "arg", "det", "dim", "ker", "deg", "gcd", "Pr",
    ]

    /// Operators whose scripts are limits.
    static let largeOperators: [String: String] = ["sum": "∑", "prod": "∏", "coprod": "∐", "bigcup": "⋃", "bigcap": "⋂"]

    /// Integrals keep their scripts beside them.
    static let integrals: [String: String] = ["int": "∫", "iint": "∬", "oint": "∮"]

    /// Horizontal spaces in em (TeX's thin, medium and thick spaces are 3, 4 and 5 mu of 18).
    static let spaces: [String: Double] = [",": 3.0 / 18, ":": 4.0 / 18, ">": 4.0 / 18, ";": 5.0 / 18, " ": 1.0 / 3, "quad": 1, "qquad": 2]

    /// Accents over a base.
    static let accents: [String: String] = ["hat": "^", "widehat": "^", "bar": "¯", "overline": "¯", "tilde": "~", "widetilde": "~", "vec": "→", "dot": "˙", "ddot": "¨"]

    /// Delimiters after `\left` and `\right`; `.` is the empty one.
    static let delimiterWords: [String: String] = ["{": "{", "}": "}", "|": "‖", "langle": "⟨", "rangle": "⟩", "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉"]

    /// ASCII characters TeX math sets as operators; `-` and `*` are TeX's minus and asterisk.
    static func asciiOperator(_ c: Unicode.Scalar) -> String? {
        switch c {
        case "-": return "−"
        case "*": return "∗"
        case "+", "=", "<", ">", "/", "(", ")", "[", "]", "|", ",", ";", ":", "!", "?", ".", "@", "\"": return String(c)
        default: return nil
        }
    }
}
