// max, min, argmax and argmin: over the whole tensor or along one dimension. Along a dimension
// ATen's kernel keeps the first extreme (`!(value <= max)` replaces it) and stops at the first
// NaN, which wins; `max()` of everything is NaN when any element is. Gradients: the whole
// tensor's max shares the gradient evenly among the elements equal to it (MaxBackward1,
// `evenly_distribute_backward`); along a dimension it goes to the chosen index (MaxBackward0).

extension Tensor {
    /// `x.max()`: the largest element, rank 0 (NaN if any is NaN).
    public func max() throws -> Tensor { try extreme(largest: true) }

    /// `x.min()`: the smallest element, rank 0 (NaN if any is NaN).
    public func min() throws -> Tensor { try extreme(largest: false) }

    /// `x.max(dim, keepdim)`: the largest values along `dim` and their first indices (int64).
    public func max(dim: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremes(dim: dim, keepDim: keepDim, largest: true, name: "max")
    }

    /// `x.min(dim, keepdim)`: the smallest values along `dim` and their first indices (int64).
    public func min(dim: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremes(dim: dim, keepDim: keepDim, largest: false, name: "min")
    }

    /// `argmax()`: the index of the largest value of the flattened tensor (the first one; NaN
    /// counts as largest), as a rank-0 int64 tensor.
    public func argmax() throws -> Tensor { try extremeIndex(largest: true, name: "argmax") }

    /// `argmin()`: the index of the smallest value of the flattened tensor (the first one; NaN
    /// counts as smallest), as a rank-0 int64 tensor.
    public func argmin() throws -> Tensor { try extremeIndex(largest: false, name: "argmin") }

    /// `argmax(dim, keepdim)`: the index of the largest value along `dim`, as int64.
    public func argmax(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try extremes(dim: dim, keepDim: keepDim, largest: true, name: "argmax").indices
    }

    /// `argmin(dim, keepdim)`: the index of the smallest value along `dim`, as int64.
    public func argmin(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try extremes(dim: dim, keepDim: keepDim, largest: false, name: "argmin").indices
    }

    private func extreme(largest: Bool) throws -> Tensor {
        let name = largest ? "max" : "min"
        guard count > 0 else {
            throw TensorError("\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
        }
        let index = extremePlace(start: 0, count: count, stride: 1, largest: largest)
        if dtype != .float32 {
            return Tensor(validShape: [], integers: [integers[index]], dtype: dtype == .bool ? .bool : .int64)
        }
        let value = values[index]
        let out = Tensor(validShape: [], count: 1) { $0[0] = value }
        if requiresGrad {
            if largest { out.record(self, as: MaxAllBackward()) } else { out.record(self, as: MinAllBackward()) }
        }
        return out
    }

    private func extremeIndex(largest: Bool, name: String) throws -> Tensor {
        guard count > 0 else {
            throw TensorError("\(name)(): Expected reduction dim to be specified for input.numel() == 0.")
        }
        return Tensor(validShape: [], integers: [Int64(extremePlace(start: 0, count: count, stride: 1, largest: largest))], dtype: .int64)
    }

    private func extremes(dim: Int, keepDim: Bool, largest: Bool, name: String) throws -> (values: Tensor, indices: Tensor) {
        let axis = try normalizedDimension(dim, rank: shape.count)
        let layout = AxisLayout(shape, axis)
        guard layout.size > 0 else {
            throw TensorError("\(name)(): Expected reduction dim \(axis) to have non-zero size.")
        }
        let outShape = ReducedDimensions(shape: shape, mask: 1 << UInt64(axis)).resultShape(keepDim: keepDim)
        var places = [Int](repeating: 0, count: layout.outer * layout.inner)
        for o in 0..<layout.outer {
            for i in 0..<layout.inner {
                places[o * layout.inner + i] = extremePlace(start: o * layout.size * layout.inner + i, count: layout.size,
                                                            stride: layout.inner, largest: largest)
            }
        }
        let indices = Tensor(validShape: outShape, integers: places.map(Int64.init), dtype: .int64)
        let offsets = places.indices.map { ($0 / layout.inner * layout.size + places[$0]) * layout.inner + $0 % layout.inner }
        if dtype != .float32 {
            let exact = integers
            return (Tensor(validShape: outShape, integers: offsets.map { exact[$0] }, dtype: dtype), indices)
        }
        let x = values
        let out = Tensor(validShape: outShape, count: offsets.count) { y in
            for (k, offset) in offsets.enumerated() { y[k] = x[offset] }
        }
        if requiresGrad {
            if largest { out.record(self, as: MaxDimBackward(axis: axis)) } else { out.record(self, as: MinDimBackward(axis: axis)) }
        }
        return (out, indices)
    }

    /// The place (0..<count) of the extreme of `count` values read from `start` by `stride`:
    /// the first one, or the first NaN.
    func extremePlace(start: Int, count: Int, stride: Int, largest: Bool) -> Int {
        if dtype != .float32 {
            let exact = integers
            var best = 0
            for k in 1..<Swift.max(count, 1) {
                let value = exact[start + k * stride], extreme = exact[start + best * stride]
                if largest ? value > extreme : value < extreme { best = k }
            }
            return best
        }
        let x = values
        var best = 0
        var extreme = x[start]
        if extreme.isNaN { return 0 }
        for k in 1..<Swift.max(count, 1) {
            let value = x[start + k * stride]
            if largest ? !(value <= extreme) : !(value >= extreme) {
                best = k
                extreme = value
                if value.isNaN { break }
            }
        }
        return best
    }
}

/// `evenly_distribute_backward`: `grad / mask.sum()` where the mask marks the elements equal to
/// the result (or NaN when it is), +0 elsewhere (PyTorch 2.13 gives +0 for a negative share too).
private func distributeEvenly(_ g: UnsafePointer<Float>, of result: Tensor) {
    let value = result.values[0]
    result.withInput { x in
        let v = x.values
        func chosen(_ a: Float) -> Bool { a == value || (a.isNaN && value.isNaN) }
        var ties = 0
        for i in 0..<x.count where chosen(v[i]) { ties += 1 }
        let share = g[0] / Float(ties)
        x.accumulate { chosen(v[$0]) ? share : 0 }
    }
}

struct MaxAllBackward: BackwardRule {
    static let name = "MaxBackward1"
    static let saved: SavedTensors = [.firstInput, .result]
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) { distributeEvenly(g, of: result) }
}

struct MinAllBackward: BackwardRule {
    static let name = "MinBackward1"
    static let saved: SavedTensors = [.firstInput, .result]
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) { distributeEvenly(g, of: result) }
}

/// `value_selecting_reduction_backward`: each gradient value to the index chosen along `axis`,
/// zeros elsewhere. (PyTorch saves the indices; here they are found again from the input, which
/// therefore must not change before the backward pass.)
private func scatterToChosen(_ g: UnsafePointer<Float>, of result: Tensor, axis: Int, largest: Bool) {
    result.withInput { x in
        let layout = AxisLayout(x.shape, axis)
        x.accumulate(writing: { out in
            for i in 0..<x.count { out[i] = 0 }
            for o in 0..<layout.outer {
                for i in 0..<layout.inner {
                    let start = o * layout.size * layout.inner + i
                    let place = x.extremePlace(start: start, count: layout.size, stride: layout.inner, largest: largest)
                    out[start + place * layout.inner] = g[o * layout.inner + i]
                }
            }
        })
    }
}

struct MaxDimBackward: BackwardRule {
    static let name = "MaxBackward0"
    static let saved = SavedTensors.firstInput
    let axis: Int
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) { scatterToChosen(g, of: result, axis: axis, largest: true) }
}

struct MinDimBackward: BackwardRule {
    static let name = "MinBackward0"
    static let saved = SavedTensors.firstInput
    let axis: Int
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) { scatterToChosen(g, of: result, axis: axis, largest: false) }
}
