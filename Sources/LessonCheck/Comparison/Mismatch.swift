import LessonModel

/// One way a cell's output differs from its published `output` block, located in the page.
public struct Mismatch: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A number outside tolerance; located at the published number.
        case number(expected: String, produced: String, relativeDifference: Double)
        /// A line whose words differ; located at the first differing character.
        case text(expected: String, produced: String)
        /// Published lines the cell no longer prints, or printed lines the page lacks.
        case lines(missing: Int, extra: Int, diff: [String])
        /// The cell has the `error` option but finished without raising one.
        case errorNotRaised
        /// `--verify-cache`: the cell's cached output is not what it produces now.
        case staleCache(detail: String)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// One line saying what differs, without the location.
    public var summary: String {
        switch kind {
        case .number(let expected, let produced, let difference):
            return "expected \(expected), produced \(produced) (relative difference \(Self.format(difference)))"
        case .text(let expected, let produced):
            return "expected line \(Self.quote(expected)), produced \(Self.quote(produced))"
        case .lines(let missing, let extra, _):
            var parts: [String] = []
            if missing > 0 { parts.append("\(missing) published line\(missing == 1 ? "" : "s") missing") }
            if extra > 0 { parts.append("\(extra) extra line\(extra == 1 ? "" : "s") printed") }
            return parts.joined(separator: ", ") + " (- published, + produced)"
        case .errorNotRaised:
            return "the cell has the 'error' option but finished without an error"
        case .staleCache(let detail):
            return "the cached output differs from a fresh run: \(detail)"
        }
    }

    /// Lines shown under the summary: the diff of a `lines` mismatch.
    public var details: [String] {
        if case .lines(_, _, let diff) = kind { return diff }
        return []
    }

    /// Three significant digits in scientific form (`8.70e-07`), so tiny and large differences read alike.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return "inf" }
        if value == 0 { return "0" }
        var exponent = 0
        var mantissa = value
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        var hundredths = Int((mantissa * 100).rounded())
        if hundredths >= 1000 { hundredths /= 10; exponent += 1 }
        let sign = exponent < 0 ? "-" : "+"
        let digits = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)e\(sign)\(digits)"
    }

    private static func quote(_ line: String) -> String { "'\(line)'" }
}
