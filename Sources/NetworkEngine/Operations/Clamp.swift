// `clamp(min, max)` with numbers: ATen's `min(max(x, min), max)`, NaN staying NaN; when min
// exceeds max every element becomes max. A missing bound is an infinite one, which changes no
// value and no gradient.

extension Tensor {
    /// `x.clamp(min=, max=)`; at least one bound (PyTorch's error otherwise).
    public func clamp(min: Double? = nil, max: Double? = nil) throws -> Tensor {
        guard min != nil || max != nil else {
            throw TensorError("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        let low = min.map { Float($0) } ?? -.infinity
        let high = max.map { Float($0) } ?? .infinity
        if dtype != .float32 {
            // Integer bounds keep an int64 tensor int64 (PyTorch promotes for fractional bounds).
            if dtype == .int64, min.map({ $0 == $0.rounded() }) ?? true, max.map({ $0 == $0.rounded() }) ?? true {
                let lo = min.map { Int64($0) } ?? .min, hi = max.map { Int64($0) } ?? .max
                return Tensor(validShape: shape, integers: integers.map { Swift.min(Swift.max($0, lo), hi) }, dtype: .int64)
            }
        }
        return map(ClampBackward(low: low, high: high)) { x in
            x.isNaN ? x : Swift.min(Swift.max(x, low), high)
        }
    }
}

/// `clamp_backward`: the gradient where `min <= x <= max` (NaN: no), zero elsewhere.
struct ClampBackward: ElementwiseRule {
    static let name = "ClampBackward1"
    static let saved = SavedTensors.firstInput
    let low: Float
    let high: Float
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float {
        x >= low && x <= high ? g : 0
    }
}
