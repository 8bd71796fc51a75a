/// One piece of a printed line. `check` compares text exactly and numbers within tolerance.
public enum OutputToken: Hashable, Sendable {
    case text(String)
    case number(PrintedNumber)
}

/// A number as a cell printed it or a page published it.
public struct PrintedNumber: Hashable, Sendable {
    /// The characters as written (`-1.5e-05`, `nan`).
    public var spelling: String
    public var value: Double
    /// UTF-8 offset of the first character in its line.
    public var offset: Int
    /// Place value of the last digit written (`0.0002` → 1e-4, `2.5e-3` → 1e-4), or `nil` when
    /// the number is an integer, `nan` or `inf`: integers are counts, exact at any precision.
    public var lastDigitPlace: Double?

    public init(spelling: String, value: Double, offset: Int, lastDigitPlace: Double?) {
        self.spelling = spelling
        self.value = value
        self.offset = offset
        self.lastDigitPlace = lastDigitPlace
    }

    /// Half the last digit's place: how far the true value can be from a number printed rounded.
    var roundingRadius: Double { (lastDigitPlace ?? 0) / 2 }

    /// Written with digits only (and a sign, and thousands commas): no point, no exponent, not `nan` or `inf`.
    var isInteger: Bool {
        let digits = spelling.utf8.drop { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        return !digits.isEmpty && digits.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ",") }
    }

    /// The spelling without thousands commas (`163,009,536` → `163009536`).
    var ungroupedSpelling: String { isGrouped ? spelling.filter { $0 != "," } : spelling }

    /// An integer's sign and digits without leading zeros (`-0` is `0`) or commas, so two spellings
    /// of one integer compare equal as strings at any length, beyond what a Double holds exactly.
    var integerDigits: (negative: Bool, digits: Substring) {
        let negative = spelling.hasPrefix("-")
        let body = ungroupedSpelling.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" }
        return (negative && !body.isEmpty, body)
    }

    /// Digits grouped in threes by commas (the tokenizer only reads commas that way).
    var isGrouped: Bool { spelling.utf8.contains(UInt8(ascii: ",")) }

    /// Whether the two numbers could come from one way of printing: a grouped `8,224` and a plain
    /// `8224` cannot (a number of four or more integer digits shows its style); `999` fits either.
    func hasSameGrouping(as other: PrintedNumber) -> Bool {
        func style(_ n: PrintedNumber) -> Bool? {
            if n.isGrouped { return true }
            let integerPart = n.spelling.utf8.drop { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
                .prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            return integerPart.count >= 4 ? false : nil
        }
        guard let mine = style(self), let theirs = style(other) else { return true }
        return mine == theirs
    }
}
