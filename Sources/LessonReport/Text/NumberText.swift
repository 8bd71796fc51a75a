#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers as reports show them. Written with integer arithmetic rather than `printf`, so the
/// same value gives the same characters on every machine.
enum NumberText {
    /// A number rounded to `digits` significant digits, as a mantissa and a power of ten when
    /// the value is far from 1 (below 0.001 or from 100 000 up) and as a plain decimal otherwise.
    struct Rounded: Equatable {
        /// "2.017", "0.2217", "1099".
        var mantissa: String
        /// The power of ten the mantissa is multiplied by, when written in scientific notation.
        var exponent: Int?

        /// `2.017e-4`, for plain text and Markdown.
        var plain: String { exponent.map { "\(mantissa)e\($0)" } ?? mantissa }

        /// `2.017 × 10⁻⁴` with a real superscript, for HTML and SVG.
        var typeset: String { exponent.map { "\(mantissa)×10\(NumberText.superscript($0))" } ?? mantissa }
    }

    static func significant(_ value: Double, digits: Int = 4) -> Rounded {
        guard value.isFinite else { return Rounded(mantissa: value.isNaN ? "NaN" : (value < 0 ? "−∞" : "∞")) }
        if value == 0 { return Rounded(mantissa: "0") }
        var exponent = Int(floor(log10(abs(value))))
        var scaled = Self.shifted(abs(value), byPowersOfTen: digits - 1 - exponent).rounded()
        if scaled >= pow(10, Double(digits)) {
            exponent += 1
            scaled = (scaled / 10).rounded()
        }
        let digitText = String(Int(scaled))
        let sign = value < 0 ? "-" : ""
        if exponent < -3 || exponent >= 5 {
            let rest = digitText.dropFirst()
            return Rounded(mantissa: sign + String(digitText.prefix(1)) + (rest.isEmpty ? "" : "." + rest), exponent: exponent)
        }
        if exponent >= digits - 1 {
            return Rounded(mantissa: sign + digitText + String(repeating: "0", count: exponent - digits + 1))
        }
        if exponent >= 0 {
            let whole = digitText.prefix(exponent + 1)
            return Rounded(mantissa: sign + whole + "." + digitText.dropFirst(exponent + 1))
        }
        return Rounded(mantissa: sign + "0." + String(repeating: "0", count: -exponent - 1) + digitText)
    }

    /// `value × 10^shift` in two steps when one power of ten would overflow (values near
    /// Double's extremes: subnormal gradients, exploding ones).
    private static func shifted(_ value: Double, byPowersOfTen shift: Int) -> Double {
        if shift > 300 { return value * 1e300 * pow(10, Double(shift - 300)) }
        if shift < -300 { return value * 1e-300 * pow(10, Double(shift + 300)) }
        return value * pow(10, Double(shift))
    }

    /// A coordinate with at most `digits` decimals and no trailing zeros: byte-stable SVG.
    static func coordinate(_ value: Double, digits: Int = 2) -> String {
        // Layout keeps coordinates on the canvas; the clamp only guards against a bad scale.
        guard value.isFinite else { return "0" }
        let value = min(max(value, -1e9), 1e9)
        let factor = Int(pow(10, Double(digits)))
        let scaled = Int((value * Double(factor)).rounded())
        if scaled == 0 { return "0" }
        let magnitude = abs(scaled)
        var text = (scaled < 0 ? "-" : "") + String(magnitude / factor)
        var fraction = magnitude % factor
        if fraction != 0 {
            var width = digits
            while fraction % 10 == 0 { fraction /= 10; width -= 1 }
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: width - fractionText.count) + fractionText
        }
        return text
    }

    /// A value with exactly `fractionDigits` decimals (axis labels: 0.0, 0.5, 1.0).
    static func decimal(_ value: Double, fractionDigits: Int) -> String {
        guard value.isFinite, abs(value) < 1e12, fractionDigits <= 6 else { return significant(value).plain }
        let factor = Int(pow(10, Double(fractionDigits)))
        let scaled = Int((value * Double(factor)).rounded())
        let magnitude = abs(scaled)
        var text = (scaled < 0 ? "-" : "") + String(magnitude / factor)
        if fractionDigits > 0 {
            let fraction = String(magnitude % factor)
            text += "." + String(repeating: "0", count: fractionDigits - fraction.count) + fraction
        }
        return text
    }

    /// A value as Swift prints a `Double`: the shortest digits that round-trip. This is the full
    /// precision a reader can copy.
    static func full(_ value: Double) -> String { "\(value)" }

    /// Whole numbers without Swift's ".0" (step 3, not 3.0); other values in full.
    static func compact(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return full(value)
    }

    static func superscript(_ exponent: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (exponent < 0 ? "⁻" : "") + String(abs(exponent)).map { digits[Int(String($0))!] }
    }
}
