/// A page's budgets by the names its author uses: the keys of the front matter's `limits:` and
/// the names of `--limit NAME=VALUE` on the command line. Budget errors name them, so a message
/// says how to raise the limit that stopped the page.
public enum LimitName: String, CaseIterable, Sendable, Hashable, Codable, CodingKeyRepresentable {
    /// Seconds of wall-clock time the page's cells may run.
    case time
    /// Evaluation steps (statements, calls and loop iterations).
    case steps
    /// Elements in one tensor, array or string.
    case tensorElements = "tensor-elements"
    /// Bytes the page's values hold at once.
    case memory
    /// Bytes of text and figures the page's cells produce.
    case output
    /// Figures (tables and charts) the page's cells display.
    case figures

    /// How to raise this limit, for the end of a budget message.
    public var howToRaise: String {
        "raise it with 'limits: { \(rawValue): … }' in the page's front matter or '--limit \(rawValue)=…'"
    }
}

/// Limits set by name (front matter or command line); unset names keep their defaults.
public struct LimitSettings: Sendable, Hashable, Codable {
    public var values: [LimitName: Double] = [:]

    public init(_ values: [LimitName: Double] = [:]) { self.values = values }

    public subscript(name: LimitName) -> Double? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// `self` with `other`'s settings taking precedence.
    public func overridden(by other: LimitSettings) -> LimitSettings {
        LimitSettings(values.merging(other.values) { _, new in new })
    }

    /// Reads one setting; the error says what is wrong in the user's terms.
    public static func parse(name: String, value: String) -> Result<(LimitName, Double), LimitError> {
        guard let limit = LimitName(rawValue: name) else {
            return .failure(LimitError("unknown limit '\(name)' (known limits: \(LimitName.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        let text = String(value.filter { $0 != "_" })
        let number = limit == .time ? Double(text) : Int(text).map(Double.init)
        guard let number, number.isFinite, number > 0, number <= 9e15 else {
            let kind = limit == .time ? "a positive number of seconds" : "a positive whole number"
            return .failure(LimitError("limit '\(name)' must be \(kind), not '\(value)'"))
        }
        return .success((limit, number))
    }
}

public struct LimitError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
