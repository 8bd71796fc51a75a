#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PyTorch's `_Formatter` (torch/_tensor_str.py): one notation and one width for every element
/// a tensor prints, chosen from the elements it shows.
struct ElementFormatter {
    private enum Notation { case plain, whole, fixed, scientific }

    private let elements: PrintedElements
    private let notation: Notation
    private let precision: Int
    /// Every element's text is padded on the left to this many characters.
    let width: Int

    /// Examines the elements at `shown` (all of them, or the summarised ones): floats choose
    /// their notation from the nonzero finite ones, as PyTorch does.
    init(_ elements: PrintedElements, examining shown: [Int], options: PrintOptions) {
        self.elements = elements
        precision = options.precision
        guard case .float32(let values) = elements else {
            // Integers and booleans print as Python prints them, padded to the widest shown.
            notation = .plain
            width = shown.reduce(1) { Swift.max($0, Self.text(elements, $1, .plain, 0).count) }
            return
        }
        let nonzeroFinite = shown.map { values[$0] }.filter { $0.isFinite && $0 != 0 }
        guard let first = nonzeroFinite.first else {
            // No number to go by: PyTorch keeps its starting state, whole numbers of width 1,
            // whatever `sciMode` says.
            notation = .whole
            width = 1
            return
        }
        var smallest = Double(Swift.abs(first)), largest = smallest, wholeNumbers = true
        for value in nonzeroFinite {
            let magnitude = Double(Swift.abs(value))
            smallest = Swift.min(smallest, magnitude)
            largest = Swift.max(largest, magnitude)
            if value != value.rounded(.up) { wholeNumbers = false }
        }
        // PyTorch compares the float32 extremes widened to double.
        let scientific = options.sciMode ?? (largest / smallest > 1000 || largest > 1e8 || smallest < 1e-4)
        notation = scientific ? .scientific : wholeNumbers ? .whole : .fixed
        var widest = 1
        for value in nonzeroFinite {
            widest = Swift.max(widest, Self.floatText(value, notation, precision).count)
        }
        width = widest
    }

    /// The element at `index`, padded to `width`.
    func text(at index: Int) -> String {
        let text = Self.text(elements, index, notation, precision)
        let padding = width - text.count
        return padding > 0 ? String(repeating: " ", count: padding) + text : text
    }

    private static func text(_ elements: PrintedElements, _ index: Int, _ notation: Notation, _ precision: Int) -> String {
        switch elements {
        case .float32(let values): floatText(values[index], notation, precision)
        case .int64(let values): String(values[index])
        case .bool(let values): values[index] ? "True" : "False"
        }
    }

    /// Python's `'{:.Nf}'` / `'{:.Ne}'` of the float32 widened to double. glibc's printf rounds
    /// the exact binary value to nearest, ties to even, as Python does (checked against Python
    /// for 1.3 million floats at precisions 0, 1, 4 and 8); only nan and inf are spelled here,
    /// because printf writes `-nan` where Python writes `nan`.
    private static func floatText(_ value: Float, _ notation: Notation, _ precision: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        switch notation {
        case .scientific: return printed("%.*e", precision, Double(value))
        case .whole: return printed("%.*f", 0, Double(value)) + "."
        case .fixed, .plain: return printed("%.*f", precision, Double(value))
        }
    }

    private static func printed(_ format: String, _ precision: Int, _ value: Double) -> String {
        let digits = Int32(clamping: precision)
        var buffer = [CChar](repeating: 0, count: 64)
        // A large value or precision needs more room: printf says how much.
        let needed = Int(withVaList([digits, value]) { vsnprintf(&buffer, buffer.count, format, $0) })
        if needed >= buffer.count {
            buffer = [CChar](repeating: 0, count: needed + 1)
            _ = withVaList([digits, value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
