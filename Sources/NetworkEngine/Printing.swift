#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `print(tensor)` in PyTorch's style: `tensor([[ 1.0000, -0.5000]], requires_grad=True)`.
// Whole numbers print as `1.`, small or widely spread values in scientific notation, otherwise
// four decimals; every element padded to one width.

extension Tensor: CustomStringConvertible {
    public var description: String {
        let texts: [String]
        switch dtype {
        case .int64: texts = integers.map { String($0) }
        case .bool: texts = booleans.map { $0 ? "True" : "False" }
        case .float32:
            let format = ElementFormat(scalars)
            texts = scalars.map(format.text)
        }
        let width = texts.map(\.count).max() ?? 0
        let padded = texts.map { String(repeating: " ", count: width - $0.count) + $0 }
        var body = shape.isEmpty ? (padded.first ?? "") : nested(padded[...], dims: shape[...], indent: 8)
        if shape.count >= 1 && count == 0 { body = "[]" }
        let suffix = requiresGrad && !hasHistory ? ", requires_grad=True" : ""
        return "tensor(\(body)\(suffix))"
    }

    private func nested(_ items: ArraySlice<String>, dims: ArraySlice<Int>, indent: Int) -> String {
        guard let size = dims.first else { return items.first ?? "" }
        if dims.count == 1 { return "[" + items.joined(separator: ", ") + "]" }
        let step = size == 0 ? 0 : items.count / size
        let rows = (0..<size).map { i in
            nested(items[(items.startIndex + i * step)..<(items.startIndex + (i + 1) * step)],
                   dims: dims.dropFirst(), indent: indent + 1)
        }
        let separator = "," + String(repeating: "\n", count: dims.count - 1) + String(repeating: " ", count: indent)
        return "[" + rows.joined(separator: separator) + "]"
    }
}

private struct ElementFormat {
    enum Style { case whole, fixed, scientific }
    let style: Style

    init(_ values: [Float]) {
        let finite = values.filter { $0.isFinite }.map { Swift.abs(Double($0)) }
        if finite.allSatisfy({ $0 == $0.rounded() }) {
            style = finite.contains { $0 >= 1e8 } ? .scientific : .whole
            return
        }
        let nonzero = finite.filter { $0 != 0 }
        let largest = nonzero.max() ?? 0, smallest = nonzero.min() ?? 0
        style = largest / Swift.max(smallest, .leastNonzeroMagnitude) > 1000 || largest > 1e8 || smallest < 1e-4
            ? .scientific : .fixed
    }

    func text(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        switch style {
        case .whole: return formatted("%.0f", value) + "."
        case .fixed: return formatted("%.4f", value)
        case .scientific: return formatted("%.4e", value)
        }
    }

    private func formatted(_ pattern: String, _ value: Float) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([Double(value)]) { vsnprintf(&buffer, buffer.count, pattern, $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
