// Indexing by tensors: `indexSelect`, `gather`, advanced indexing with a bool mask or an int64
// index (`x[mask]`, `x[index]`), `maskedSelect` and `where`. Values move exactly; gradients of
// repeated indices are added in index order, as PyTorch's CPU `index_add`/`scatter_add` add them.

extension Tensor {
    /// `index_select(dim, index)`: the slices of `dim` that the int64 vector `index` names.
    public func indexSelect(dim: Int, index: Tensor) throws -> Tensor {
        let axis = try normalizedDimension(dim, rank: shape.count)
        guard index.dtype == .int64 else {
            throw TensorError("index_select(): Expected dtype int32 or int64 for index")
        }
        guard index.shape.count <= 1 else { throw TensorError("index_select(): Index is supposed to be a vector") }
        let dims = shape.isEmpty ? [1] : shape
        let picks = index.integers, size = dims[axis]
        if let bad = picks.first(where: { $0 < 0 || $0 >= size }) {
            throw TensorError("INDICES element is out of DATA bounds, id=\(bad) axis_dim=\(size)")
        }
        let inner = dims[(axis + 1)...].reduce(1, *), outer = dims[..<axis].reduce(1, *)
        var outShape = shape
        if !shape.isEmpty { outShape[axis] = picks.count } else { outShape = index.shape }
        let out = gatheredRows(outShape, rows: picks.map { Int($0) }, outer: outer, size: size, inner: inner)
        if requiresGrad { out.record(self, index, as: IndexSelectBackward(axis: axis)) }
        return out
    }

    /// `gather(dim, index)`: `out[i][j][k] = self[i][index[i][j][k]][k]` (for dim 1); the result
    /// has the int64 `index`'s shape.
    public func gather(dim: Int, index: Tensor) throws -> Tensor {
        let axis = try normalizedDimension(dim, rank: shape.count)
        guard index.dtype == .int64 else { throw TensorError("gather(): Expected dtype int64 for index") }
        let rank = Swift.max(shape.count, 1)
        guard Swift.max(index.shape.count, 1) == rank else {
            throw TensorError("Index tensor must have the same number of dimensions as input tensor")
        }
        let dims = shape.isEmpty ? [1] : shape, indexDims = index.shape.isEmpty ? [1] : index.shape
        for d in 0..<rank where d != axis && indexDims[d] > dims[d] {
            throw TensorError("Size does not match at dimension \(d) expected index \(index.shape) to be no larger than self \(shape) apart from dimension \(axis)")
        }
        let sources = try Tensor.gatherSources(dims, axis: axis, index: index)
        let out = gathered(index.shape, sources)
        if requiresGrad { out.record(self, index, as: GatherBackward(axis: axis)) }
        return out
    }

    /// Where each element of `gather`'s result is read from, with PyTorch's bounds error.
    static func gatherSources(_ dims: [Int], axis: Int, index: Tensor) throws -> [Int] {
        let picks = index.integers, indexDims = index.shape.isEmpty ? [1] : index.shape
        let strides = StridedRegion(contiguous: dims).strides
        var sources = [Int](repeating: 0, count: picks.count)
        var position = [Int](repeating: 0, count: indexDims.count)
        for n in 0..<picks.count {
            let pick = Int(picks[n])
            guard pick >= -dims[axis] && pick < dims[axis] else {
                throw TensorError("index \(pick) is out of bounds for dimension \(axis) with size \(dims[axis])")
            }
            var offset = 0
            for d in 0..<indexDims.count { offset += (d == axis ? (pick < 0 ? pick + dims[axis] : pick) : position[d]) * strides[d] }
            sources[n] = offset
            var d = indexDims.count - 1
            while d >= 0 {
                position[d] += 1
                if position[d] < indexDims[d] { break }
                position[d] = 0
                d -= 1
            }
        }
        return sources
    }

    /// A tensor of `shape` and this tensor's type whose element `n` is stored value `sources[n]`.
    func gathered(_ shape: [Int], _ sources: [Int]) -> Tensor {
        if dtype == .int64 {
            let exact = integers
            return Tensor(validShape: shape, integers: sources.map { exact[$0] }, dtype: .int64)
        }
        let x = values
        let out = Tensor(validShape: shape, count: sources.count) { out in for n in sources.indices { out[n] = x[sources[n]] } }
        out.dtype = dtype
        return out
    }

    /// A tensor of `shape` and this tensor's type made of whole rows: of each of `outer` blocks of
    /// rows of `inner` values (`size` rows a block), the rows `rows` names, in order; copied a row
    /// at a time, with no index per element.
    func gatheredRows(_ shape: [Int], rows: [Int], outer: Int, size: Int, inner: Int) -> Tensor {
        let count = outer * rows.count * inner
        if dtype == .int64 {
            let exact = integers
            var out: [Int64] = []
            out.reserveCapacity(count)
            for o in 0..<outer {
                for r in rows { out += exact[((o * size + r) * inner)..<((o * size + r + 1) * inner)] }
            }
            return Tensor(validShape: shape, integers: out, dtype: .int64)
        }
        let x = values
        let out = Tensor(validShape: shape, count: count) { out in
            var n = 0
            for o in 0..<outer {
                for r in rows {
                    (out + n).update(from: x + (o * size + r) * inner, count: inner)
                    n += inner
                }
            }
        }
        out.dtype = dtype
        return out
    }

    /// `x[mask]` with a bool mask over the leading dimensions (the selected rows, in order), or
    /// `x[index]` with an int64 tensor of indices into the first dimension (IndexBackward0).
    public func get(_ index: Tensor) throws -> Tensor {
        let (shape, rows, inner) = try advancedRows(index)
        let out = gatheredRows(shape, rows: rows, outer: 1, size: self.shape.first ?? 1, inner: inner)
        if requiresGrad { out.record(self, index, as: IndexBackward()) }
        return out
    }

    /// `x[mask] = value` or `x[index] = value`: in place, `value` broadcast to the selected
    /// shape (the rules of `set(_:to:)`).
    public func set(_ index: Tensor, to value: Tensor) throws {
        let (target, sources) = try advancedSources(index)
        // `value` stretched to the selected shape, with `expand`'s errors.
        let source = try noGrad { try value.strippingLeadingOnes(value === self).expand(target) }
        try writeValues(source, of: value, at: sources, shape: target, reading: [index], recording: IndexPutBackward())
    }

    public func set(_ index: Tensor, to value: Double) throws { try set(index, to: Tensor(value)) }

    /// The result shape of advanced indexing by `index`, and where each element is read from.
    func advancedSources(_ index: Tensor) throws -> (shape: [Int], sources: [Int]) {
        let (shape, rows, inner) = try advancedRows(index)
        return (shape, rows.flatMap { r in (0..<inner).map { r * inner + $0 } })
    }

    /// The result shape of advanced indexing by `index`, the rows of the leading dimensions it
    /// reads (each index resolved once), and the values per row.
    func advancedRows(_ index: Tensor) throws -> (shape: [Int], rows: [Int], inner: Int) {
        switch index.dtype {
        case .bool:
            let maskRank = index.shape.count
            guard maskRank <= shape.count else { throw TensorError("too many indices for tensor of dimension \(shape.count)") }
            for d in 0..<maskRank where index.shape[d] != shape[d] {
                throw TensorError("The shape of the mask \(index.shape) at index \(d) does not match the shape of the indexed tensor \(shape) at index \(d)")
            }
            let inner = shape[maskRank...].reduce(1, *)
            // `booleans` is computed from the storage: read it once, not once per element.
            let flags = index.booleans
            let rows = flags.indices.filter { flags[$0] }
            return ([rows.count] + shape[maskRank...], rows, inner)
        case .int64:
            guard !shape.isEmpty else { throw TensorError("too many indices for tensor of dimension 0") }
            let size = shape[0], inner = shape[1...].reduce(1, *)
            let rows = try index.integers.map { try Tensor.resolvedIndex(Int($0), size: size, dimension: 0) }
            return (index.shape + shape[1...], rows, inner)
        case .float32:
            throw TensorError("tensors used as indices must be long, int, byte or bool tensors")
        }
    }

    /// `masked_select(mask)`: the values where the bool `mask` (broadcast with this tensor) is
    /// true, as a vector.
    public func maskedSelect(_ mask: Tensor) throws -> Tensor {
        guard mask.dtype == .bool else {
            throw TensorError("masked_select: expected BoolTensor for mask")
        }
        let shape = try broadcastShapes(self.shape, mask.shape)
        var sources: [Int] = []
        let flags = mask.booleans
        forEachBroadcastElement(shape, broadcastStrides(self.shape, to: shape), broadcastStrides(mask.shape, to: shape)) { _, x, m in
            if flags[m] { sources.append(x) }
        }
        let out = gathered([sources.count], sources)
        if requiresGrad { out.record(self, mask, as: MaskedSelectBackward()) }
        return out
    }
}

/// `index_add` of the gradient into zeros, in index order.
struct IndexSelectBackward: BackwardRule {
    static let name = "IndexSelectBackward0"
    static let saved = SavedTensors.secondInput
    let axis: Int
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { input, index in
            let dims = input.shape.isEmpty ? [1] : input.shape, picks = index.integers
            let size = dims[axis], inner = dims[(axis + 1)...].reduce(1, *), outer = dims[..<axis].reduce(1, *)
            input.accumulate(writing: { indexAdd(g, picks: picks, outer: outer, size: size, inner: inner, into: $0, count: input.count) })
        }
    }
}

/// `index_add` into zeros along one axis (`outer` × `size` × `inner` values): block n of `inner`
/// gradient values is added at the place its pick names, in order, so repeated picks sum in the
/// order they appear, as PyTorch's CPU loops (`index_select` and `embedding` backward) add them.
func indexAdd(_ g: UnsafePointer<Float>, picks: [Int64], outer: Int, size: Int, inner: Int,
              into out: UnsafeMutablePointer<Float>, count: Int) {
    out.initialize(repeating: 0, count: count)
    var n = 0
    for o in 0..<outer {
        for k in picks {
            let row = out + (o * size + Int(k)) * inner
            for i in 0..<inner { row[i] += g[n + i] }
            n += inner
        }
    }
}

/// A rule whose result read the stored values `sources(of:index:)` of its input, one per
/// element: the gradient goes back there, added where a place repeats, in order (PyTorch's CPU
/// `scatter_add`, `index_put_(accumulate=True)`).
protocol ScatterBackRule: BackwardRule {
    func sources(of input: Tensor, index: Tensor) -> [Int]?
}

extension ScatterBackRule {
    static var saved: SavedTensors { .secondInput }

    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { input, index in
            guard let sources = sources(of: input, index: index) else { return }
            let count = input.count
            input.accumulate(writing: { out in
                for i in 0..<count { out[i] = 0 }
                for n in sources.indices { out[sources[n]] += g[n] }
            })
        }
    }
}

struct GatherBackward: ScatterBackRule {
    static let name = "GatherBackward0"
    let axis: Int
    func sources(of input: Tensor, index: Tensor) -> [Int]? {
        try? Tensor.gatherSources(input.shape.isEmpty ? [1] : input.shape, axis: axis, index: index)
    }
}

/// `x[mask]`, `x[index]`.
struct IndexBackward: ScatterBackRule {
    static let name = "IndexBackward0"
    func sources(of input: Tensor, index: Tensor) -> [Int]? { try? input.advancedSources(index).sources }
}

/// The gradient put back where the mask is true, summed back over broadcast dimensions.
struct MaskedSelectBackward: BackwardRule {
    static let name = "MaskedSelectBackward0"
    static let saved = SavedTensors.secondInput
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { input, mask in
            guard let shape = try? broadcastShapes(input.shape, mask.shape) else { return }
            let flags = mask.booleans
            var full = [Float](repeating: 0, count: elementCount(shape))
            var n = 0
            forEachBroadcastElement(shape, broadcastStrides(mask.shape, to: shape), broadcastStrides(mask.shape, to: shape)) { out, m, _ in
                if flags[m] {
                    full[out] = g[n]
                    n += 1
                }
            }
            input.accumulate(sumToShape(full, from: shape, to: input.shape))
        }
    }
}
