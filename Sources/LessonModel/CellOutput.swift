/// What one cell produced, in the order it produced it. Consecutive prints are merged into one
/// `.text` item, so a report shows one output block between two figures.
public struct CellOutput: Hashable, Sendable, Codable {
    public enum Item: Hashable, Sendable, Codable {
        /// Text the cell printed (with its newlines, as `print` wrote it).
        case text(String)
        /// A warning the engine raised while the cell ran (e.g. the MSE broadcast warning).
        case warning(String)
        /// A rich value the cell displayed: a gradient table or a chart.
        case figure(Figure)
        /// The error that stopped the cell. Nothing after it in the cell ran.
        case error(Diagnostic)
    }

    public var items: [Item]

    public init(items: [Item] = []) { self.items = items }

    /// Everything the cell printed, concatenated: what `check` compares with an `output` block.
    public var printedText: String {
        items.reduce(into: "") { text, item in
            if case .text(let s) = item { text += s }
        }
    }

    public var warnings: [String] {
        items.compactMap { if case .warning(let w) = $0 { return w } else { return nil } }
    }

    public var figures: [Figure] {
        items.compactMap { if case .figure(let f) = $0 { return f } else { return nil } }
    }

    public var error: Diagnostic? {
        for case .error(let d) in items { return d }
        return nil
    }

    /// Appends printed text, merging with a text item just before it.
    public mutating func appendText(_ s: String) {
        if case .text(let previous)? = items.last {
            items[items.count - 1] = .text(previous + s)
        } else {
            items.append(.text(s))
        }
    }
}
