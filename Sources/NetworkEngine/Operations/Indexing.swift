// Basic indexing, as PyTorch's `x[0]`, `x[:, -1, :]`, `x[1:]`, `x[::2]`: integers (negative
// ones count from the end), ranges, strided ranges and whole axes, one per leading dimension.
// Reading applies them left to right as PyTorch does (a `select` or `slice` each, whole axes
// skipped), so the history has PyTorch's nodes; writing changes the tensor in place. The Swift
// spellings (`x[0, ..., 1..<3]`) are in IndexingSubscripts.swift.

/// One index of a subscript: PyTorch's integer, `start:end:step` slice, or `:`.
public enum TensorIndex: Sendable, Equatable {
    /// One element; the dimension goes away (`x[2]`, `x[-1]`).
    case index(Int)
    /// Python's `start:end:step` (nil: from the start, to the end); negative bounds count from
    /// the end and bounds beyond the size are clamped, as in Python; the step must be positive.
    case slice(start: Int?, end: Int?, step: Int)
    /// The whole dimension (PyTorch's `:`).
    case all
}

/// A Swift value that reads as a tensor index: `Int`, every kind of `Int` range, `stride(…)`.
/// (A whole axis is `...`, which is a function, so the subscripts take it separately.)
public protocol TensorIndexExpression {
    var tensorIndex: TensorIndex { get }
}

extension TensorIndex: TensorIndexExpression {
    public var tensorIndex: TensorIndex { self }
}

extension Int: TensorIndexExpression {
    public var tensorIndex: TensorIndex { .index(self) }
}

extension Range: TensorIndexExpression where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, end: upperBound, step: 1) }
}

extension ClosedRange: TensorIndexExpression where Bound == Int {
    // `a...(-1)` runs to the end (an end of 0 would be empty).
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, end: upperBound == -1 ? nil : upperBound + 1, step: 1) }
}

extension PartialRangeFrom: TensorIndexExpression where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, end: nil, step: 1) }
}

extension PartialRangeUpTo: TensorIndexExpression where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: nil, end: upperBound, step: 1) }
}

extension PartialRangeThrough: TensorIndexExpression where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: nil, end: upperBound == -1 ? nil : upperBound + 1, step: 1) }
}

extension StrideTo: TensorIndexExpression where Element == Int {
    public var tensorIndex: TensorIndex { TensorIndex(stridedElements: Array(self)) }
}

extension StrideThrough: TensorIndexExpression where Element == Int {
    public var tensorIndex: TensorIndex { TensorIndex(stridedElements: Array(self)) }
}

extension TensorIndex {
    /// The slice that visits `elements` (a `stride`'s; its bounds are not public).
    init(stridedElements elements: [Int]) {
        guard let first = elements.first, let last = elements.last else {
            self = .slice(start: 0, end: 0, step: 1)
            return
        }
        let step = elements.count > 1 ? elements[1] - elements[0] : 1
        self = step > 0 ? .slice(start: first, end: last == -1 ? nil : last + 1, step: step) : .slice(start: first, end: last, step: step)
    }
}

extension Tensor {
    /// `x[indices]`: the values at `indices`, one per leading dimension (PyTorch's basic
    /// indexing, with its errors and its history: SelectBackward0, SliceBackward0).
    public func get(_ indices: [TensorIndex]) throws -> Tensor {
        try checkIndexCount(indices.count)
        var result = self
        var dim = 0
        let skipsWholeAxes = indices.count > 1
        for (position, index) in indices.enumerated() {
            switch index {
            case .index(let i):
                let size = result.shape[dim]
                result = try result.select(dim, Tensor.resolvedIndex(i, size: size, dimension: position))
            case .all, .slice:
                let size = result.shape[dim]
                let (start, step, length) = try Tensor.resolvedSlice(index, size: size)
                // PyTorch skips a slice written from 0 (not from -size) that reaches the end.
                var writtenFromZero = true
                if case .slice(let written?, _, _) = index { writtenFromZero = written == 0 }
                if !(skipsWholeAxes && writtenFromZero && start == 0 && step == 1 && length == size) {
                    result = result.slice(dim, start: start, step: step, length: length)
                }
                dim += 1
            }
        }
        if result === self {
            // PyTorch's `x[:, :]`: an alias, here a copy.
            result = reshapedCopy(shape)
            if requiresGrad { result.record(self, as: AliasBackward()) }
        }
        return result
    }

    public func get(_ indices: any TensorIndexExpression...) throws -> Tensor { try get(indices.map(\.tensorIndex)) }

    /// `x[indices] = value`: the selected values replaced by `value` (broadcast to their shape,
    /// cast to this tensor's type), in place. Refused on a leaf that requires grad (PyTorch's
    /// error) and, while recording, on a tensor in a graph (PyTorch records CopySlices; this
    /// engine does not); inside `noGrad {}` any tensor may change.
    public func set(_ indices: [TensorIndex], to value: Tensor) throws {
        try checkIndexCount(indices.count)
        var region = StridedRegion(contiguous: shape)
        var dim = 0
        for (position, index) in indices.enumerated() {
            switch index {
            case .index(let i):
                region.select(dim, try Tensor.resolvedIndex(i, size: region.shape[dim], dimension: position))
            case .all, .slice:
                let (start, step, length) = try Tensor.resolvedSlice(index, size: region.shape[dim])
                region.slice(dim, start: start, step: step, length: length)
                dim += 1
            }
        }
        try write(value, into: region)
    }

    public func set(_ indices: [TensorIndex], to value: Double) throws {
        try set(indices, to: Tensor(value))
    }

    /// Writes `value`, broadcast to the region's shape, into the region, in place.
    func write(_ value: Tensor, into region: StridedRegion) throws {
        // PyTorch writes through a view of the tensor, so a leaf is refused in its words for views.
        if isGradEnabled && requiresGrad && !hasHistory {
            throw TensorError("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        }
        // `value` stretched to the region's shape, with `expand`'s errors (PyTorch's `copy_`).
        let source = try noGrad { try value.strippingLeadingOnes(value === self).expand(region.shape) }
        var places = [Int](repeating: 0, count: region.count)
        region.forEach { out, stored in places[out] = stored }
        try writeValues(source, of: value, at: places, shape: region.shape, recording: CopySlicesBackward())
    }

    /// Writes `source` (the value as stretched to `shape`) at the stored `places`, in place;
    /// recorded as `rule` on a float32 tensor with history or a value that needs a gradient.
    func writeValues<Rule: BackwardRule>(_ source: Tensor, of value: Tensor, at places: [Int], shape: [Int],
                                         reading more: [Tensor] = [], recording rule: Rule) throws {
        if dtype == .float32 && isGradEnabled && (hasHistory || value.requiresGrad) {
            // The places, in the shape the value was stretched to, for the rule.
            let written = Tensor(validShape: shape, integers: places.map(Int64.init), dtype: .int64)
            let v = source.values
            try changeInPlace(recording: rule, reading: value, alsoReading: written) { x in
                for n in places.indices { x[places[n]] = v[n] }
            }
        } else if dtype == .float32 {
            let v = source.values
            try changeInPlace(reading: [value] + more) { x in for n in places.indices { x[places[n]] = v[n] } }
        } else {
            try Tensor.refuseRecordedWrite(into: self, of: value)
            var exact = integers
            let v = dtype == .bool ? source.booleans.map { $0 ? Int64(1) : 0 } : source.integers
            for n in places.indices { exact[places[n]] = v[n] }
            try changeIntegersInPlace(reading: [value] + more, to: exact)
        }
    }

    /// The value of an index write without its leading dimensions of size 1 (PyTorch's
    /// `x[0] = torch.tensor([5])`), copied when it is the tensor being written.
    func strippingLeadingOnes(_ copy: Bool) -> Tensor {
        let kept = Array(shape.drop(while: { $0 == 1 }))
        return kept.count == shape.count ? (copy ? detach() : self) : reshapedCopy(kept)
    }

    /// An int64 or bool tensor has no gradient: a value that needs one cannot be written into it.
    static func refuseRecordedWrite(into tensor: Tensor, of value: Tensor) throws {
        guard isGradEnabled, value.requiresGrad else { return }
        throw TensorError("a value that needs a gradient cannot be written into a \(tensor.dtype) tensor, which has none; detach it, or write inside noGrad { }")
    }

    private func checkIndexCount(_ count: Int) throws {
        guard count <= shape.count else { throw TensorError("too many indices for tensor of dimension \(shape.count)") }
    }

    /// An integer index made non-negative, with PyTorch's error when it is outside the dimension.
    static func resolvedIndex(_ index: Int, size: Int, dimension: Int) throws -> Int {
        guard index >= -size && index < size else {
            throw TensorError("index \(index) is out of bounds for dimension \(dimension) with size \(size)")
        }
        return index < 0 ? index + size : index
    }

    /// Python's slice of a dimension of `size`: first element, step, and how many.
    static func resolvedSlice(_ index: TensorIndex, size: Int) throws -> (start: Int, step: Int, length: Int) {
        guard case .slice(let start, let end, let step) = index else { return (0, 1, size) }
        // (Python's own error for a zero step, PyTorch's for a negative one.)
        guard step != 0 else { throw TensorError("slice step cannot be zero") }
        guard step > 0 else { throw TensorError("step must be greater than zero") }
        func clamped(_ bound: Int?, _ otherwise: Int) -> Int {
            guard var bound else { return otherwise }
            if bound < 0 { bound += size }
            return Swift.min(Swift.max(bound, 0), size)
        }
        let first = clamped(start, 0), stop = clamped(end, size)
        return (first, step, stop > first ? (stop - first + step - 1) / step : 0)
    }

    /// `select(dim, index)` of a valid index: dimension `dim` removed (SelectBackward0).
    func select(_ dim: Int, _ index: Int) throws -> Tensor {
        var region = StridedRegion(contiguous: shape)
        region.select(dim, index)
        let out = copying(region)
        if requiresGrad { out.record(self, as: SelectBackward(dim: dim, index: index)) }
        return out
    }

    /// `slice(dim, start, start + step·length, step)` of a valid range (SliceBackward0).
    func slice(_ dim: Int, start: Int, step: Int, length: Int) -> Tensor {
        var region = StridedRegion(contiguous: shape)
        region.slice(dim, start: start, step: step, length: length)
        let out = copying(region)
        if requiresGrad { out.record(self, as: SliceBackward(dim: dim, start: start, step: step)) }
        return out
    }
}

/// The gradient in the selected row, zero elsewhere.
struct SelectBackward: BackwardRule {
    static let name = "SelectBackward0"
    let dim: Int, index: Int
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInput { input in
            var region = StridedRegion(contiguous: input.shape)
            region.select(dim, index)
            result.scatterGradient(g, to: input, through: region)
        }
    }
}

/// The gradient in the sliced places, zero elsewhere.
struct SliceBackward: BackwardRule {
    static let name = "SliceBackward0"
    let dim: Int, start: Int, step: Int
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInput { input in
            var region = StridedRegion(contiguous: input.shape)
            region.slice(dim, start: start, step: step, length: result.shape[dim])
            result.scatterGradient(g, to: input, through: region)
        }
    }
}

/// A write by index recorded (PyTorch's CopySlices for `x[…] = v`, IndexPutBackward0 for
/// `x[mask] = v`): the tensor as it was receives the gradient except where the write landed;
/// the value receives the gradient there, summed back to its own shape (`expand`'s backward).
/// The third input holds the places written, in the shape the value was stretched to.
protocol IndexWriteRule: BackwardRule {}

extension IndexWriteRule {
    static var saved: SavedTensors { .thirdInput }

    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        var places: [Int64] = [], shape: [Int] = []
        result.withThirdInput { written in
            places = written.integers
            shape = written.shape
        }
        var overwritten = [Bool](repeating: false, count: result.count)
        for place in places { overwritten[Int(place)] = true }
        result.withInputs { previous, value in
            previous.accumulate { overwritten[$0] ? 0 : g[$0] }
            guard value.requiresGrad else { return }
            let picked = places.map { g[Int($0)] }
            let stripped = Array(value.shape.drop(while: { $0 == 1 }))
            value.accumulate(sumToShape(picked, from: shape, to: stripped.count < value.shape.count ? stripped : value.shape))
        }
    }
}

struct CopySlicesBackward: IndexWriteRule { static let name = "CopySlices" }
struct IndexPutBackward: IndexWriteRule { static let name = "IndexPutBackward0" }

/// `x[:, :]`: the same values.
struct AliasBackward: OrderKeepingRule { static let name = "AliasBackward0" }
