/// One line of output as `check` compares it: trailing spaces, tabs and carriage returns dropped.
struct PrintedLine: Sendable {
    var text: String
    var tokens: [OutputToken]

    init(_ line: Substring) {
        var end = line.endIndex
        while end > line.startIndex, let last = line[..<end].last, last == " " || last == "\t" || last == "\r" {
            end = line.index(before: end)
        }
        text = String(line[..<end])
        tokens = OutputTokenizer.tokens(in: text)
    }

    /// The lines of `output`; a final newline does not start another line.
    static func lines(of output: String) -> [PrintedLine] {
        output.textLines.map(PrintedLine.init)
    }

    /// The tokens with the spaces just before each number left out: they are layout, not words.
    /// PyTorch pads every element of a tensor to one width, so a value whose sign flips within
    /// tolerance (`[ 1.9868e-08]` against `[-5.9605e-08]`) moves the padding of its neighbours.
    var comparedTokens: [OutputToken] {
        var result: [OutputToken] = []
        for (index, token) in tokens.enumerated() {
            guard case .text(let text) = token, index + 1 < tokens.count, case .number = tokens[index + 1] else {
                result.append(token)
                continue
            }
            let words = String(text.reversed().drop { $0 == " " }.reversed())
            if !words.isEmpty { result.append(.text(words)) }
        }
        return result
    }

    /// Same words in the same places, numbers possibly different (but grouped alike: `8,224`
    /// against `8224` is a text difference, not a number within tolerance).
    func hasSameShape(as other: PrintedLine) -> Bool {
        let tokens = comparedTokens, otherTokens = other.comparedTokens
        guard tokens.count == otherTokens.count else { return false }
        for (a, b) in zip(tokens, otherTokens) {
            switch (a, b) {
            case (.text(let x), .text(let y)) where x == y: continue
            case (.number(let x), .number(let y)) where x.hasSameGrouping(as: y): continue
            default: return false
            }
        }
        return true
    }

    /// The number pairs (published, produced) of two lines of the same shape.
    func numberPairs(with other: PrintedLine) -> [(PrintedNumber, PrintedNumber)] {
        zip(comparedTokens, other.comparedTokens).compactMap { pair in
            if case .number(let e) = pair.0, case .number(let a) = pair.1 { return (e, a) }
            return nil
        }
    }

    func matches(_ produced: PrintedLine, within tolerance: Tolerance) -> Bool {
        if text == produced.text { return true }
        return hasSameShape(as: produced)
            && numberPairs(with: produced).allSatisfy { tolerance.accepts(expected: $0.0, produced: $0.1) }
    }
}
