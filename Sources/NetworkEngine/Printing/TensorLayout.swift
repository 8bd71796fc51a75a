/// The bracketed body of a printed tensor (`_tensor_str`): nested rows, blank lines between
/// blocks of higher dimensions, rows wrapped at the line width, and `...` for the middle of
/// each long dimension when the tensor has more elements than the threshold.
struct TensorLayout {
    private let shape: [Int]
    /// Row-major strides of `shape`.
    private let strides: [Int]
    private let options: PrintOptions
    private let summarize: Bool
    private let formatter: ElementFormatter

    init(shape: [Int], elements: PrintedElements, options: PrintOptions) {
        self.shape = shape
        self.options = options
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.reversed().dropFirst() { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        self.strides = strides
        summarize = elements.count > options.threshold
        // A summarised tensor chooses its notation and width from the elements it shows.
        let shown: [Int]
        if summarize {
            var indices: [Int] = []
            Self.collectSummarized(shape: shape, strides: strides, edgeItems: options.edgeItems,
                                   offset: 0, axis: 0, into: &indices)
            shown = indices
        } else {
            shown = Array(0..<elements.count)
        }
        formatter = ElementFormatter(elements, examining: shown, options: options)
    }

    /// The body after `tensor(`, whose width is `indent`.
    func text(indent: Int) -> String {
        shape.isEmpty ? formatter.text(at: 0) : block(offset: 0, axis: 0, indent: indent)
    }

    private func block(offset: Int, axis: Int, indent: Int) -> String {
        if axis == shape.count - 1 { return row(offset: offset, indent: indent) }
        let slices = kept(shape[axis]).map { index in
            index.map { block(offset: offset + $0 * strides[axis], axis: axis + 1, indent: indent + 1) } ?? "..."
        }
        // Between blocks: one line break per remaining dimension, then the next bracket's indent.
        let separator = "," + String(repeating: "\n", count: shape.count - axis - 1)
            + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: separator) + "]"
    }

    /// `_vector_str`: as many elements per line as fit in the line width after `indent`.
    private func row(offset: Int, indent: Int) -> String {
        let items: [String]
        if summarize && options.edgeItems == 0 {
            items = ["..."]
        } else {
            // The gap in a row is the element " ...", counted as one element in the line fitting.
            items = kept(shape[shape.count - 1]).map { index in index.map { formatter.text(at: offset + $0) } ?? " ..." }
        }
        // Python floors the quotient and Swift truncates it; they differ only below zero, where
        // both give way to the minimum of one element per line.
        let perLine = Swift.max(1, (options.lineWidth - indent) / (formatter.width + 2))
        let lines = stride(from: 0, to: items.count, by: perLine).map {
            items[$0..<Swift.min($0 + perLine, items.count)].joined(separator: ", ")
        }
        return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
    }

    /// The indices a dimension of `size` shows, `nil` standing for the elided middle.
    private func kept(_ size: Int) -> [Int?] {
        let edge = options.edgeItems
        guard summarize && size > 2 * edge else { return Array(0..<size) }
        return Array(0..<edge) + [nil] + Array((size - edge)..<size)
    }

    /// The elements `get_summarized_data` keeps for choosing the notation and width: the shown
    /// ones, except with `edgeItems` 0, where a 1-D tensor keeps all of them (PyTorch's
    /// `t[-0:]` is all of `t`) and a tensor of more dimensions none.
    private static func collectSummarized(shape: [Int], strides: [Int], edgeItems edge: Int, offset: Int, axis: Int,
                                          into indices: inout [Int]) {
        if shape.isEmpty { indices.append(offset); return }
        let size = shape[axis]
        let isRow = axis == shape.count - 1
        if !isRow && edge == 0 { return }
        let positions = size > 2 * edge && edge > 0 ? Array(0..<edge) + Array((size - edge)..<size) : Array(0..<size)
        for position in positions {
            let start = offset + position * strides[axis]
            if isRow {
                indices.append(start)
            } else {
                collectSummarized(shape: shape, strides: strides, edgeItems: edge, offset: start, axis: axis + 1,
                                  into: &indices)
            }
        }
    }
}
