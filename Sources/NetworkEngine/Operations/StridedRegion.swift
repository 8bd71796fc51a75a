// The one kernel of the operations that move values without arithmetic (transpose, permute,
// expand, select, slice, and index writes): which stored values of a contiguous tensor a result
// reads. The engine stores every tensor contiguously, so each of these copies (see docs/engine.md,
// "Views are copies").

/// Element (i0, …, ik) of `shape` is the stored value at `offset + Σ i_d · strides[d]` of the
/// tensor the region is taken from (PyTorch's view: sizes, strides, storage offset).
struct StridedRegion {
    var shape: [Int]
    var strides: [Int]
    var offset = 0

    init(shape: [Int], strides: [Int], offset: Int = 0) {
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// The whole of a contiguous tensor of `shape`.
    init(contiguous shape: [Int]) {
        self.shape = shape
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for d in shape.indices.reversed() {
            strides[d] = step
            step *= shape[d]
        }
        self.strides = strides
    }

    var count: Int { elementCount(shape) }

    /// Drops dimension `d`, keeping its element `index` (PyTorch's `select`).
    mutating func select(_ d: Int, _ index: Int) {
        offset += index * strides[d]
        shape.remove(at: d)
        strides.remove(at: d)
    }

    /// Keeps `length` elements of dimension `d` from `start`, every `step`-th (PyTorch's `slice`).
    mutating func slice(_ d: Int, start: Int, step: Int, length: Int) {
        offset += start * strides[d]
        strides[d] *= step
        shape[d] = length
    }

    /// Calls `body(resultIndex, storedIndex)` for every element, row-major.
    func forEach(_ body: (Int, Int) -> Void) {
        let total = count
        guard total > 0 else { return }
        let rank = shape.count
        var index = [Int](repeating: 0, count: rank)
        var source = offset
        for out in 0..<total {
            body(out, source)
            var d = rank - 1
            while d >= 0 {
                index[d] += 1
                source += strides[d]
                if index[d] < shape[d] { break }
                source -= strides[d] * shape[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}

extension Tensor {
    /// A new tensor of the region's shape and this tensor's type holding the values the region
    /// reads (not recorded).
    func copying(_ region: StridedRegion) -> Tensor {
        if dtype == .int64 {
            let exact = integers
            var out = [Int64](repeating: 0, count: region.count)
            region.forEach { out[$0] = exact[$1] }
            return Tensor(validShape: region.shape, integers: out, dtype: .int64)
        }
        let x = values
        let out = Tensor(validShape: region.shape, count: region.count) { out in region.forEach { out[$0] = x[$1] } }
        out.dtype = dtype
        return out
    }

    /// A copy with another shape of the same count, this tensor's type (not recorded). A large
    /// tensor's array is shared, copy-on-write: an in-place change of either copies it first.
    func reshapedCopy(_ shape: [Int]) -> Tensor {
        if dtype == .int64 { return Tensor(validShape: shape, integers: integers, dtype: .int64) }
        let out = count > inlineCapacity ? Tensor(validShape: shape, scalars: scalars) : Tensor(validShape: shape, count: count, copying: values)
        out.dtype = dtype
        return out
    }

    /// Hands `input` the gradient `g` of a result that read `region` of it once per element:
    /// zero where the result did not read (PyTorch's `select_backward`, `slice_backward`).
    func scatterGradient(_ g: UnsafePointer<Float>, to input: Tensor, through region: StridedRegion) {
        let count = input.count
        input.accumulate(writing: { out in
            for i in 0..<count { out[i] = 0 }
            region.forEach { out[$1] = g[$0] }
        })
    }
}
