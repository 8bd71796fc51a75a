// Sums and means. PyTorch's CPU `mean` is `sum` followed by one float division by the count,
// so both share the summation order of `contiguousSum`.

extension Tensor {
    /// The sum of all elements, rank 0.
    public func sum() -> Tensor {
        if dtype != .float32 {
            // Integers and bools sum exactly, to int64.
            return Tensor(validShape: [], integers: [integers.reduce(0, &+)], dtype: .int64)
        }
        let total = contiguousSum(values, count)
        let out = Tensor(validShape: [], count: 1) { $0[0] = total }
        if requiresGrad { out.record(self, as: SumBackward()) }
        return out
    }

    /// The mean of all elements, rank 0: `sum / count`. (PyTorch refuses an int64 or bool tensor;
    /// here its float32 values are averaged.)
    public func mean() -> Tensor {
        let n = Float(count)
        let mean = contiguousSum(values, count) / n
        let out = Tensor(validShape: [], count: 1) { $0[0] = mean }
        if requiresGrad { out.record(self, as: MeanBackward()) }
        return out
    }

    public func sum(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try reduce(dim: dim, keepDim: keepDim, divideBySize: false)
    }

    public func mean(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try reduce(dim: dim, keepDim: keepDim, divideBySize: true)
    }

    private func reduce(dim: Int, keepDim: Bool, divideBySize: Bool) throws -> Tensor {
        if dtype != .float32 {
            guard !divideBySize else {
                throw TensorError("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(dtype.scalarTypeName)")
            }
            return try integerSum(dim: dim, keepDim: keepDim)
        }
        let rank = Swift.max(shape.count, 1)
        guard dim >= -rank && dim < rank else {
            throw TensorError("Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(dim))")
        }
        let axis = dim < 0 ? dim + rank : dim
        let dims = shape.isEmpty ? [1] : shape
        let size = dims[axis]
        let outer = dims[..<axis].reduce(1, *)
        let inner = dims[(axis + 1)...].reduce(1, *)
        var keptShape = dims
        keptShape[axis] = 1
        var outShape = shape.isEmpty ? [] : keptShape
        if !keepDim && !shape.isEmpty { outShape.remove(at: axis) }
        let n = Float(size)
        // Summed as PyTorch's reduction kernel sums: along the contiguous dimension as row sums,
        // along an outer one as column sums.
        var values = scalars.withUnsafeBufferPointer { x -> [Float] in
            guard let base = x.baseAddress else { return [Float](repeating: 0, count: outer * inner) }
            if inner == 1 { return rowSums(base, rows: outer, columns: size) }
            return (0..<outer).flatMap { columnSums(base + $0 * size * inner, rows: size, columns: inner) }
        }
        if divideBySize {
            for i in values.indices { values[i] /= n }
        }
        let out = Tensor(validShape: outShape, scalars: values)
        if requiresGrad {
            if divideBySize { out.record(self, as: MeanDimBackward(axis: axis)) } else { out.record(self, as: SumDimBackward(axis: axis)) }
        }
        return out
    }
}

extension Tensor {
    /// `sum(dim)` of an int64 or bool tensor: exact, to int64.
    private func integerSum(dim: Int, keepDim: Bool) throws -> Tensor {
        let axis = try normalizedDimension(dim, rank: shape.count)
        let dims = shape.isEmpty ? [1] : shape
        let size = dims[axis], inner = dims[(axis + 1)...].reduce(1, *), outer = dims[..<axis].reduce(1, *)
        var outShape = shape.isEmpty ? [] : dims
        if !shape.isEmpty { if keepDim { outShape[axis] = 1 } else { outShape.remove(at: axis) } }
        let exact = integers
        var sums = [Int64](repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for k in 0..<size {
                for i in 0..<inner { sums[o * inner + i] &+= exact[(o * size + k) * inner + i] }
            }
        }
        return Tensor(validShape: outShape, integers: sums, dtype: .int64)
    }
}

/// The gradient spread to every element.
struct SumBackward: BackwardRule {
    static let name = "SumBackward0"
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        let upstream = g[0]
        result.withInput { x in x.accumulate { _ in upstream } }
    }
}

/// `grad / count` to every element.
struct MeanBackward: BackwardRule {
    static let name = "MeanBackward0"
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInput { x in
            let share = g[0] / Float(x.count)
            x.accumulate { _ in share }
        }
    }
}

/// Each gradient value spread along the summed dimension `axis` of the input.
struct SumDimBackward: BackwardRule {
    static let name = "SumBackward1"
    let axis: Int
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        spreadAlong(axis, g, of: result, dividingBySize: false)
    }
}

/// Each gradient value divided by the dimension's size (the same float division as the
/// forward's), spread along the dimension `axis` of the input.
struct MeanDimBackward: BackwardRule {
    static let name = "MeanBackward1"
    let axis: Int
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        spreadAlong(axis, g, of: result, dividingBySize: true)
    }
}

/// The gradient of a reduction over `axis`, spread back over that dimension of the input.
private func spreadAlong(_ axis: Int, _ g: UnsafePointer<Float>, of result: Tensor, dividingBySize divide: Bool) {
    result.withInput { x in
        let dims = x.shape.isEmpty ? [1] : x.shape
        let size = dims[axis]
        let outer = dims[..<axis].reduce(1, *)
        let inner = dims[(axis + 1)...].reduce(1, *)
        let n = Float(size)
        x.accumulate(writing: { spread in
            for o in 0..<outer {
                for k in 0..<size {
                    for i in 0..<inner {
                        let value = g[o * inner + i]
                        spread[(o * size + k) * inner + i] = divide ? value / n : value
                    }
                }
            }
        })
    }
}
