/// A tensor's elements in row-major order, in their dtype, for printing.
public enum PrintedElements: Sendable, Equatable {
    case float32([Float])
    case int64([Int64])
    case bool([Bool])

    public var count: Int {
        switch self {
        case .float32(let values): values.count
        case .int64(let values): values.count
        case .bool(let values): values.count
        }
    }

    /// PyTorch's name of the dtype, which an empty tensor prints unless it is float32.
    var dtypeName: String {
        switch self {
        case .float32: "torch.float32"
        case .int64: "torch.int64"
        case .bool: "torch.bool"
        }
    }
}

/// `repr(tensor)` as PyTorch 2.13 writes it (torch/_tensor_str.py, `_str_intern`), which is
/// also what `str` and `print` show: `tensor([[ 0.1000, -2.0000]], grad_fn=<MulBackward0>)`.
public enum TensorFormatter {
    /// The text of a tensor of `shape` (empty for a 0-dim tensor) holding `elements`.
    /// `gradFunction` is the autograd node's name (`"MulBackward0"`), printed as `grad_fn=<…>`;
    /// without one, `requiresGrad` prints `requires_grad=True`. `isParameter` gives
    /// `nn.Parameter`'s `Parameter containing:` line.
    public static func string(shape: [Int], elements: PrintedElements, gradFunction: String? = nil,
                              requiresGrad: Bool = false, isParameter: Bool = false,
                              options: PrintOptions = .current) -> String {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == elements.count,
                     "shape \(shape) does not hold \(elements.count) elements")
        let prefix = "tensor("
        let indent = prefix.count
        var suffixes: [String] = []
        let body: String
        if elements.count == 0 {
            // NumPy's convention: the shape unless it is (0,), and the dtype, which no element shows.
            if shape.count != 1 { suffixes.append("size=" + pythonTuple(shape)) }
            if elements.dtypeName != "torch.float32" { suffixes.append("dtype=" + elements.dtypeName) }
            body = "[]"
        } else {
            // float32, int64 and bool are PyTorch's default dtypes: no `dtype=` for them.
            if options.edgeItems == 0 { suffixes.append("size=" + pythonTuple(shape)) }
            body = TensorLayout(shape: shape, elements: elements, options: options).text(indent: indent)
        }
        if let gradFunction {
            suffixes.append("grad_fn=<\(gradFunction)>")
        } else if requiresGrad {
            suffixes.append("requires_grad=True")
        }
        let text = appending(suffixes, to: prefix + body, indent: indent, lineWidth: options.lineWidth)
        return isParameter ? "Parameter containing:\n" + text : text
    }

    /// `_add_suffixes`: each suffix after `, ` on the last line, or on a line of its own when the
    /// last line would pass the line width. PyTorch counts the last line two characters longer
    /// than it is; that is kept, since it decides where the suffix goes.
    private static func appending(_ suffixes: [String], to text: String, indent: Int, lineWidth: Int) -> String {
        var result = text
        var lastLineLength = text.unicodeScalars.reversed().prefix { $0 != "\n" }.count + 2
        for suffix in suffixes {
            let length = suffix.unicodeScalars.count
            if lastLineLength + length + 2 > lineWidth {
                result += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLength = indent + length
            } else {
                result += ", " + suffix
                lastLineLength += length + 2
            }
        }
        return result + ")"
    }

    /// Python's `str(tuple(shape))`: `(2, 0)`, `(5,)`, `()`.
    private static func pythonTuple(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    }
}
