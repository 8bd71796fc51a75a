/// Why a math span cannot be typeset, and where: `offset` counts UTF-8 bytes from the start of
/// the span's TeX, so the report can point at the page's line and column.
struct TeXProblem: Error, Equatable {
    var message: String
    var offset: Int
}

/// Reads the TeX subset lessons write into a `MathNode` tree. Whitespace separates tokens and is
/// otherwise ignored, as in TeX math mode; anything outside the subset is a `TeXProblem`, never a
/// guess.
struct TeXParser {
    private let scalars: [Unicode.Scalar]
    /// UTF-8 offset of each scalar, and of the end.
    private let offsets: [Int]
    private var position = 0

    static func parse(_ tex: String) throws(TeXProblem) -> [MathNode] {
        var parser = TeXParser(tex)
        return try parser.parseRow(until: .end, openedAt: 0)
    }

    private init(_ tex: String) {
        scalars = Array(tex.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.offsets = offsets
    }

    private enum Closer { case end, brace, bracket, right }

    private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func problem(_ message: String, at index: Int) -> TeXProblem {
        TeXProblem(message: message, offset: offsets[min(index, scalars.count)])
    }

    private mutating func skipSpaces() {
        while let c = peek, c.properties.isWhitespace { position += 1 }
    }

    /// Atoms up to `closer`, which is consumed (except `\right`, which `\left` reads itself).
    private mutating func parseRow(until closer: Closer, openedAt opener: Int) throws(TeXProblem) -> [MathNode] {
        var nodes: [MathNode] = []
        while true {
            skipSpaces()
            guard let c = peek else {
                switch closer {
                case .end: return nodes
                case .brace: throw problem("this '{' is never closed", at: opener)
                case .bracket: throw problem("this '[' is never closed", at: opener)
                case .right: throw problem("this \\left has no matching \\right", at: opener)
                }
            }
            switch c {
            case "}":
                guard closer == .brace else { throw problem("this '}' closes no group", at: position) }
                position += 1
                return nodes
            case "]" where closer == .bracket:
                position += 1
                return nodes
            case "\\" where closer == .right && word(at: position + 1) == "right":
                return nodes
            case "_", "^", "'":
                try attachScript(to: &nodes)
            default:
                nodes.append(try parseAtom())
            }
        }
    }

    /// The control word starting at `index` (letters only), or "" when there is none.
    private func word(at index: Int) -> String {
        var end = index
        while end < scalars.count, scalars[end].isASCIILetter { end += 1 }
        return String(String.UnicodeScalarView(scalars[index..<end]))
    }

    private mutating func parseAtom() throws(TeXProblem) -> MathNode {
        let start = position
        let c = scalars[position]
        if c == "\\" { return try parseCommand() }
        position += 1
        if c == "{" { return .row(try parseRow(until: .brace, openedAt: start)) }
        if c.isASCIILetter { return .identifier(String(c), upright: false) }
        if c.isASCIIDigit || (c == "." && peek?.isASCIIDigit == true) {
            position = start
            return .number(readNumber())
        }
        if c == "~" { return .space(TeXSymbols.spaces[" "]!) }
        if c == "&" || c == "#" || c == "%" {
            throw problem("'\(c)' has no meaning in inline TeX here (write \\\(c) for the character)", at: start)
        }
        if let symbol = TeXSymbols.asciiOperator(c) {
            return .symbol(symbol, stretchy: !"()[]|".unicodeScalars.contains(c))
        }
        if c.properties.isAlphabetic { return .identifier(String(c), upright: false) }
        if c.properties.numericType != nil { return .number(String(c)) }
        return .symbol(String(c))
    }

    /// Digits with at most one decimal point between digits: `3`, `0.5`, `.25`.
    private mutating func readNumber() -> String {
        var text = ""
        var seenPoint = false
        while let c = peek {
            if c.isASCIIDigit {
                text.unicodeScalars.append(c)
            } else if c == ".", !seenPoint, position + 1 < scalars.count, scalars[position + 1].isASCIIDigit {
                seenPoint = true
                text.unicodeScalars.append(c)
            } else {
                break
            }
            position += 1
        }
        return text
    }

    /// A script's or a command's argument: a braced group, one digit, or one atom (TeX's rule,
    /// so `x^23` is x² followed by 3 and `\frac12` is one half).
    private mutating func parseArgument(for what: String) throws(TeXProblem) -> MathNode {
        skipSpaces()
        guard let c = peek, !"}_^&".unicodeScalars.contains(c) else {
            throw problem("\(what) needs an argument here", at: position)
        }
        if c.isASCIIDigit {
            position += 1
            return .number(String(c))
        }
        return try parseAtom()
    }

    /// `_`, `^` or primes after the last atom. Primes and a superscript share one superscript
    /// (`F'^2`), as in TeX; a second subscript or superscript is TeX's "double script" error.
    private mutating func attachScript(to nodes: inout [MathNode]) throws(TeXProblem) {
        let start = position
        var base = MathNode.row([])
        var sub: MathNode?
        var sup: MathNode?
        var isLimits = false
        switch nodes.last {
        case .scripts(let b, let s, let p)?:
            (base, sub, sup) = (b, s, p)
            nodes.removeLast()
        case .limits(let b, let u, let o)?:
            (base, sub, sup, isLimits) = (b, u, o, true)
            nodes.removeLast()
        case let last?:
            base = last
            if case .largeOperator = last { isLimits = true }
            nodes.removeLast()
        case nil:
            break
        }
        let primesOnly: (MathNode?) -> Bool = { node in
            if case .symbol(let text, _)? = node { return text.unicodeScalars.allSatisfy { $0 == "′" } }
            return false
        }
        switch scalars[position] {
        case "'":
            var count = 0
            while peek == "'" { count += 1; position += 1 }
            let primes = MathNode.symbol(String(repeating: "′", count: count))
            if sup != nil { throw problem("a prime after a superscript is a double superscript; put both in one group", at: start) }
            sup = primes
        case "^":
            position += 1
            let argument = try parseArgument(for: "'^'")
            if let existing = sup {
                guard primesOnly(existing) else { throw problem("double superscript; group the base, e.g. {x^a}^b", at: start) }
                sup = .row([existing, argument])
            } else {
                sup = argument
            }
        default:
            position += 1
            if sub != nil { throw problem("double subscript; group the base, e.g. {x_a}_b", at: start) }
            sub = try parseArgument(for: "'_'")
        }
        nodes.append(isLimits ? .limits(base: base, under: sub, over: sup) : .scripts(base: base, sub: sub, sup: sup))
    }

    private mutating func parseCommand() throws(TeXProblem) -> MathNode {
        let start = position
        position += 1
        guard let first = peek else { throw problem("a lone backslash ends this math", at: start) }
        let name: String
        if first.isASCIILetter {
            name = word(at: position)
            position += name.unicodeScalars.count
        } else {
            name = String(first)
            position += 1
        }
        if let symbol = TeXSymbols.greek[name] {
            return .identifier(symbol, upright: name.first?.isUppercase == true)
        }
        if let symbol = TeXSymbols.uprightIdentifiers[name] { return .identifier(symbol, upright: true) }
        if let symbol = TeXSymbols.operators[name] { return .symbol(symbol) }
        if TeXSymbols.functions.contains(name) { return .function(name) }
        if let symbol = TeXSymbols.largeOperators[name] { return .largeOperator(symbol) }
        if let symbol = TeXSymbols.integrals[name] { return .symbol(symbol) }
        if let width = TeXSymbols.spaces[name] { return .space(width) }
        if let alphabet = MathAlphabet(command: name) { return alphabet.apply(try parseArgument(for: "\\\(name)")) }
        if let mark = TeXSymbols.accents[name] { return .accent(try parseArgument(for: "\\\(name)"), mark: mark) }
        switch name {
        case "operatorname":
            return .function(try readBracedText(for: name))
        case "text", "textrm", "textnormal", "mbox":
            return .text(try readBracedText(for: name))
        case "mathrm":
            return Self.upright(try parseArgument(for: "\\mathrm"))
        case "frac", "tfrac", "dfrac":
            let numerator = try parseArgument(for: "\\\(name)")
            let denominator = try parseArgument(for: "\\\(name)")
            return .fraction(numerator: numerator, denominator: denominator,
                             displayStyle: name == "frac" ? nil : name == "dfrac")
        case "sqrt":
            skipSpaces()
            var index: MathNode?
            if peek == "[" {
                let opener = position
                position += 1
                index = .row(try parseRow(until: .bracket, openedAt: opener))
            }
            return .root(try parseArgument(for: "\\sqrt"), index: index)
        case "left":
            let open = try parseDelimiter(after: "\\left")
            let contents = try parseRow(until: .right, openedAt: start)
            position += 1 + "right".unicodeScalars.count
            let close = try parseDelimiter(after: "\\right")
            return .fenced(open: open, close: close, contents)
        case "right":
            throw problem("this \\right has no matching \\left", at: start)
        default:
            throw problem("unknown TeX command \\\(name)", at: start)
        }
    }

    /// The delimiter after `\left` or `\right`; nil for the invisible `.`.
    private mutating func parseDelimiter(after command: String) throws(TeXProblem) -> String? {
        skipSpaces()
        guard let c = peek else { throw problem("\(command) needs a delimiter", at: position) }
        let start = position
        position += 1
        switch c {
        case ".": return nil
        case "(", ")", "[", "]", "|", "/": return String(c)
        case "<": return "⟨"
        case ">": return "⟩"
        case "\\":
            let name = peek?.isASCIILetter == true ? word(at: position) : peek.map { String($0) } ?? ""
            position += name.unicodeScalars.count
            if let symbol = TeXSymbols.delimiterWords[name] { return symbol }
            throw problem("\\\(name) is not a delimiter \(command) can take", at: start)
        default:
            throw problem("'\(c)' is not a delimiter \(command) can take", at: start)
        }
    }

    /// The braced text of `\text{…}` or `\operatorname{…}`, taken literally: nested braces are
    /// kept balanced, `\_`-style escapes give their character, and a control word is a problem.
    private mutating func readBracedText(for command: String) throws(TeXProblem) -> String {
        skipSpaces()
        guard peek == "{" else { throw problem("\\\(command) needs its text in braces", at: position) }
        let opener = position
        position += 1
        var text = ""
        var depth = 0
        while let c = peek {
            position += 1
            switch c {
            case "{":
                depth += 1
                text.unicodeScalars.append(c)
            case "}":
                if depth == 0 { return text }
                depth -= 1
                text.unicodeScalars.append(c)
            case "\\":
                guard let escaped = peek, !escaped.isASCIILetter else {
                    throw problem("unknown TeX command \\\(word(at: position)) inside \\\(command)", at: position - 1)
                }
                position += 1
                text.unicodeScalars.append(escaped)
            default:
                text.unicodeScalars.append(c)
            }
        }
        throw problem("this '{' is never closed", at: opener)
    }

    /// `\mathrm`: letters set upright, and a run of letters read as one name (`GELU`, `erf`).
    static func upright(_ node: MathNode) -> MathNode {
        switch node {
        case .identifier(let name, _):
            return .identifier(name, upright: true)
        case .row(let children):
            var merged: [MathNode] = []
            for child in children {
                if case .identifier(let letter, upright: false) = child,
                   case .identifier(let name, upright: true)? = merged.last, letter.first?.isLetter == true, name.first?.isLetter == true {
                    merged[merged.count - 1] = .identifier(name + letter, upright: true)
                } else if case .identifier(let letter, upright: false) = child {
                    merged.append(.identifier(letter, upright: true))
                } else {
                    merged.append(child)
                }
            }
            return .row(merged)
        default:
            return node
        }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
