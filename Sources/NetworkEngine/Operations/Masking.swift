// `masked_fill`: a value where a bool mask is true (an attention mask's -inf), the tensor's own
// values elsewhere.

extension Tensor {
    /// `masked_fill(mask, value)`: `value` where the bool `mask` (broadcast to this shape) is true.
    public func maskedFill(_ mask: Tensor, _ value: Double) throws -> Tensor {
        try Tensor.requireBooleanMask(mask)
        let broadcast = try broadcastShapes(shape, mask.shape)
        guard broadcast == shape else {
            throw TensorError("masked_fill: the mask of shape \(mask.shape) does not broadcast to the tensor's shape \(shape) (got \(broadcast))")
        }
        if dtype != .float32 { return try Tensor(validShape: shape, integers: integers, dtype: dtype).maskedFill_(mask, value) }
        let v = Float(value), x = values, m = mask.values, shape = shape
        let out = Tensor(validShape: shape, count: count) { out in
            broadcastMap(shape, x, shape, m, mask.shape, into: out) { a, masked in masked != 0 ? v : a }
        }
        if requiresGrad { out.record(self, mask, as: MaskedFillBackward()) }
        return out
    }
}

/// The gradient where the mask is false, zero where it is true (`grad.masked_fill(mask, 0)`).
struct MaskedFillBackward: BackwardRule {
    static let name = "MaskedFillBackward0"
    static let saved = SavedTensors.secondInput
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        let shape = result.shape
        result.withInputs { x, mask in
            x.accumulate(writing: { broadcastMap(shape, g, shape, mask.values, mask.shape, into: $0) { g, masked in masked != 0 ? 0 : g } })
        }
    }
}
