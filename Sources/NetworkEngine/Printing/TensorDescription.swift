// `print(tensor)`: PyTorch's `repr`, the one way a tensor prints (Swift's `description` and a
// cell's `print` both come here).

extension Tensor: CustomStringConvertible {
    /// `tensor([[ 0.1000, -2.0000]], grad_fn=<MulBackward0>)`, as PyTorch 2.13 prints it with this
    /// thread's print options (`setPrintOptions`): the elements in their dtype, `grad_fn=<…>`
    /// naming the rule an operation recorded, `requires_grad=True` for a leaf that requires grad,
    /// and `Parameter containing:` above a module's parameter.
    public var description: String {
        TensorFormatter.string(shape: shape, elements: printedElements, gradFunction: ruleType?.name,
                               requiresGrad: requiresGrad, isParameter: isParameter)
    }

    /// How many elements `description` shows under this thread's print options: all of them, or,
    /// past the threshold, at most `2 · edgeItems` along each dimension (PyTorch's summary). Lets
    /// a caller bound the text before it is made.
    public var printedElementCount: Int {
        let options = PrintOptions.current
        guard count > options.threshold else { return count }
        return shape.reduce(1) { shown, size in shown * Swift.min(size, 2 * options.edgeItems) }
    }

    private var printedElements: PrintedElements {
        switch dtype {
        case .float32: .float32(scalars)
        case .int64: .int64(integers)
        case .bool: .bool(booleans)
        }
    }
}
