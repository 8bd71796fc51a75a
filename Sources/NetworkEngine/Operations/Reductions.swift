// Sums and means, over everything, one dimension or several. PyTorch's CPU `mean` is `sum`
// followed by one float division by the count, so both share the summation order of
// `contiguousSum` (docs/pytorch-numerics.md 1a). Reduced dimensions next to each other are one
// dimension to ATen's reduction kernel (TensorIterator coalesces them), so they are summed as
// rows (a trailing block) or columns (a leading or middle block) in its order; others as
// TensorIterator lays them out (1d).

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
        try reduce(dims: [dim], keepDim: keepDim, divideBySize: false)
    }

    public func mean(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try reduce(dims: [dim], keepDim: keepDim, divideBySize: true)
    }

    /// `x.sum((d0, d1, …), keepdim)`: the sum over several dimensions (an empty list: all).
    public func sum(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try reduce(dims: dims, keepDim: keepDim, divideBySize: false)
    }

    /// `x.mean((d0, d1, …), keepdim)`: the sum over the dimensions divided by their element count.
    public func mean(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try reduce(dims: dims, keepDim: keepDim, divideBySize: true)
    }

    private func reduce(dims: [Int], keepDim: Bool, divideBySize: Bool) throws -> Tensor {
        if dtype != .float32 && divideBySize {
            throw TensorError("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(dtype.scalarTypeName)")
        }
        let reduction = try ReducedDimensions(shape, dims)
        let outShape = reduction.resultShape(keepDim: keepDim)
        if dtype != .float32 {
            let exact = integers
            var sums = [Int64](repeating: 0, count: reduction.resultCount)
            reduction.forEachElement { i, o in sums[o] &+= exact[i] }
            return Tensor(validShape: outShape, integers: sums, dtype: .int64)
        }
        let n = Float(reduction.reducedCount)
        var values = reduction.sums(values)
        if divideBySize {
            for i in values.indices { values[i] /= n }
        }
        let out = Tensor(validShape: outShape, scalars: values)
        if requiresGrad {
            if divideBySize {
                out.record(self, as: MeanDimsBackward(mask: reduction.mask))
            } else {
                out.record(self, as: SumDimsBackward(mask: reduction.mask))
            }
        }
        return out
    }
}

/// The dimensions a reduction removes (`mask`, bit d for dimension d) and how the input's
/// elements map onto the result's. A rank-0 tensor is seen as one dimension of size 1.
struct ReducedDimensions {
    let mask: UInt64
    let shape: [Int]
    /// The input's shape with the reduced dimensions set to 1.
    let keptShape: [Int]
    let resultCount: Int
    /// How many input elements meet in each result element.
    let reducedCount: Int
    /// The reduced dimensions as one `outer × size × inner` block when they are neighbours.
    let block: AxisLayout?
    private let isScalar: Bool

    /// Validates `dims` (PyTorch's errors); an empty list reduces every dimension.
    init(_ shape: [Int], _ dims: [Int]) throws {
        guard shape.count <= 64 else { throw TensorError("reductions support tensors of at most 64 dimensions, got \(shape.count)") }
        var mask: UInt64 = 0
        for dim in dims {
            let axis = try normalizedDimension(dim, rank: shape.count)
            guard mask & (1 << UInt64(axis)) == 0 else {
                throw TensorError("dim \(axis) appears multiple times in the list of dims")
            }
            mask |= 1 << UInt64(axis)
        }
        let rank = Swift.max(shape.count, 1)
        if dims.isEmpty { mask = rank >= 64 ? .max : (1 << UInt64(rank)) - 1 }
        self.init(shape: shape, mask: mask)
    }

    /// From a mask recorded by a backward rule.
    init(shape: [Int], mask: UInt64) {
        isScalar = shape.isEmpty
        let dims = shape.isEmpty ? [1] : shape
        self.shape = dims
        self.mask = mask
        let reduced = dims.indices.filter { mask & (1 << UInt64($0)) != 0 }
        keptShape = dims.indices.map { reduced.contains($0) ? 1 : dims[$0] }
        resultCount = elementCount(keptShape)
        reducedCount = reduced.reduce(1) { $0 * dims[$1] }
        if let first = reduced.first, let last = reduced.last, last - first + 1 == reduced.count {
            block = AxisLayout(outer: dims[..<first].reduce(1, *), size: reducedCount, inner: dims[(last + 1)...].reduce(1, *))
        } else {
            block = nil
        }
    }

    func resultShape(keepDim: Bool) -> [Int] {
        if isScalar { return [] }
        if keepDim { return keptShape }
        return shape.indices.filter { mask & (1 << UInt64($0)) == 0 }.map { shape[$0] }
    }

    /// `body(inputIndex, resultIndex)` for every input element, in row-major order.
    func forEachElement(_ body: (Int, Int) -> Void) {
        if let block {
            for o in 0..<block.outer {
                for k in 0..<block.size {
                    for i in 0..<block.inner { body((o * block.size + k) * block.inner + i, o * block.inner + i) }
                }
            }
            return
        }
        let zeros = [Int](repeating: 0, count: shape.count)
        forEachBroadcastElement(shape, broadcastStrides(keptShape, to: shape), zeros) { i, o, _ in body(i, o) }
    }

    /// The sums of `x` (of `shape`) in PyTorch's order: a block as rows along the contiguous
    /// dimension, else columns; reduced dimensions that are not neighbours as TensorIterator
    /// lays them out (`reductionSums`).
    func sums(_ x: UnsafePointer<Float>) -> [Float] {
        if let block {
            if block.inner == 1 { return rowSums(x, rows: block.outer, columns: block.size) }
            return (0..<block.outer).flatMap { columnSums(x + $0 * block.size * block.inner, rows: block.size, columns: block.inner) }
        }
        return reductionSums(x, shape: shape, reduced: shape.indices.map { mask & (1 << UInt64($0)) != 0 })
    }
}

extension AxisLayout {
    init(outer: Int, size: Int, inner: Int) {
        self.outer = outer
        self.size = size
        self.inner = inner
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

/// Each gradient value spread over the summed dimensions (`mask`) of the input.
struct SumDimsBackward: BackwardRule {
    static let name = "SumBackward1"
    let mask: UInt64
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        spreadOver(mask, g, of: result, dividingBySize: false)
    }
}

/// Each gradient value divided by the number of elements averaged (the same float division as
/// the forward's), spread over the dimensions `mask` of the input.
struct MeanDimsBackward: BackwardRule {
    static let name = "MeanBackward1"
    let mask: UInt64
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        spreadOver(mask, g, of: result, dividingBySize: true)
    }
}

/// The gradient of a reduction over the dimensions `mask`, spread back over the input.
private func spreadOver(_ mask: UInt64, _ g: UnsafePointer<Float>, of result: Tensor, dividingBySize divide: Bool) {
    result.withInput { x in
        let reduction = ReducedDimensions(shape: x.shape, mask: mask)
        let n = Float(reduction.reducedCount)
        x.accumulate(writing: { spread in
            reduction.forEachElement { i, o in spread[i] = divide ? g[o] / n : g[o] }
        })
    }
}
