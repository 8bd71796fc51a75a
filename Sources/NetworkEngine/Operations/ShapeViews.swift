// PyTorch's view operations: the same values in another shape or order. The engine stores every
// tensor contiguously, so each result is a copy: writing into it leaves the tensor it came from
// unchanged, unlike a PyTorch view (docs/engine.md, "Views are copies"). Values move exactly.

extension Tensor {
    /// `numel()`: how many values the tensor holds.
    public func numel() -> Int { count }

    /// `reshape(shape)`: the values in row-major order under a new shape; one size may be -1,
    /// inferred from the others.
    public func reshape(_ shape: [Int]) throws -> Tensor {
        let inferred = try inferredShape(shape)
        let out = reshapedCopy(inferred)
        if requiresGrad {
            // PyTorch's reshape copies (UnsafeViewBackward0) what its strides cannot view.
            if inferred != self.shape && !isContiguousInPyTorch { out.record(self, as: UnsafeViewBackward()) } else { out.record(self, as: ViewBackward()) }
        }
        return out
    }

    public func reshape(_ shape: Int...) throws -> Tensor { try reshape(shape) }

    /// `view(shape)`: as `reshape` (every engine tensor is contiguous, so every view is possible).
    public func view(_ shape: [Int]) throws -> Tensor {
        let out = reshapedCopy(try inferredShape(shape))
        if requiresGrad { out.record(self, as: ViewBackward()) }
        return out
    }

    public func view(_ shape: Int...) throws -> Tensor { try view(shape) }

    /// The shape `reshape` makes of `shape`, with PyTorch's errors.
    private func inferredShape(_ shape: [Int]) throws -> [Int] {
        var inferredAt: Int?
        var known = 1
        for (d, size) in shape.enumerated() {
            if size == -1 {
                guard inferredAt == nil else { throw TensorError("only one dimension can be inferred") }
                inferredAt = d
            } else if size < 0 {
                throw TensorError("invalid shape dimension \(size) at index \(d) of shape \(shape)")
            } else {
                known *= size
            }
        }
        var result = shape
        if let d = inferredAt {
            if known == 0 {
                throw TensorError("cannot reshape tensor of \(count) elements into shape \(shape) because the unspecified dimension size -1 can be any value and is ambiguous")
            }
            guard count % known == 0 else { throw TensorError("shape '\(shape)' is invalid for input of size \(count)") }
            result[d] = count / known
        } else if known != count {
            throw TensorError("shape '\(shape)' is invalid for input of size \(count)")
        }
        return result
    }

    /// `flatten(start_dim, end_dim)`: dimensions `startDim` through `endDim` joined into one.
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws -> Tensor {
        let rank = shape.count
        let start = try normalizedDimension(startDim, rank: rank), end = try normalizedDimension(endDim, rank: rank)
        guard start <= end else { throw TensorError("flatten() has invalid args: start_dim cannot come after end_dim") }
        if rank == 0 { return try reshape([1]) }
        // PyTorch returns the tensor itself when nothing joins.
        if start == end { return self }
        let joined = shape[start...end].reduce(1, *)
        return try reshape(Array(shape[..<start]) + [joined] + Array(shape[(end + 1)...]))
    }

    /// `unsqueeze(dim)`: a new dimension of size 1 at `dim` (counted in the result's rank).
    public func unsqueeze(_ dim: Int) throws -> Tensor {
        let axis = try normalizedDimension(dim, rank: shape.count + 1)
        var newShape = shape
        newShape.insert(1, at: axis)
        let out = reshapedCopy(newShape)
        if requiresGrad { out.record(self, as: UnsqueezeBackward()) }
        return out
    }

    /// `squeeze()`: every dimension of size 1 removed.
    public func squeeze() -> Tensor {
        let out = reshapedCopy(shape.filter { $0 != 1 })
        if requiresGrad { out.record(self, as: SqueezeBackward()) }
        return out
    }

    /// `squeeze(dim)`: dimension `dim` removed when its size is 1 (else the same shape).
    public func squeeze(dim: Int) throws -> Tensor {
        let axis = try normalizedDimension(dim, rank: shape.count)
        var newShape = shape
        if !shape.isEmpty && shape[axis] == 1 { newShape.remove(at: axis) }
        let out = reshapedCopy(newShape)
        if requiresGrad { out.record(self, as: SqueezeDimBackward()) }
        return out
    }

    /// `transpose(dim0, dim1)`: the two dimensions swapped.
    public func transpose(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        let a = try normalizedDimension(dim0, rank: shape.count), b = try normalizedDimension(dim1, rank: shape.count)
        let out = copying(Tensor.transposedRegion(of: shape, a, b))
        out.pytorchLayout = layoutTransposing(a, b)
        if requiresGrad { out.record(self, as: TransposeBackward(first: a, second: b)) }
        return out
    }

    /// The region of a contiguous tensor of `shape` that reads it with dimensions `a`, `b` swapped.
    static func transposedRegion(of shape: [Int], _ a: Int, _ b: Int) -> StridedRegion {
        var region = StridedRegion(contiguous: shape)
        if !shape.isEmpty {
            region.shape.swapAt(a, b)
            region.strides.swapAt(a, b)
        }
        return region
    }

    /// `permute(dims)`: dimension `d` of the result is dimension `dims[d]` of this tensor.
    public func permute(_ dims: [Int]) throws -> Tensor {
        let rank = shape.count
        guard dims.count == rank else {
            throw TensorError("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(rank) is not equal to len(dims) = \(dims.count)")
        }
        let axes = try dims.map { try normalizedDimension($0, rank: rank) }
        guard Set(axes).count == axes.count else { throw TensorError("permute(): duplicate dims are not allowed.") }
        // The rule keeps the order in one word, four bits a dimension.
        guard rank <= 16 else { throw TensorError("permute: tensors of more than 16 dimensions are not supported by this engine") }
        let out = copying(Tensor.permutedRegion(of: shape, axes))
        if axes != Array(0..<rank) { out.pytorchLayout = .strided }
        if requiresGrad { out.record(self, as: PermuteBackward(packed: axes.enumerated().reduce(0) { $0 | UInt64($1.element) << (4 * UInt64($1.offset)) })) }
        return out
    }

    public func permute(_ dims: Int...) throws -> Tensor { try permute(dims) }

    static func permutedRegion(of shape: [Int], _ axes: [Int]) -> StridedRegion {
        var region = StridedRegion(contiguous: shape)
        let strides = region.strides
        region.shape = axes.map { shape[$0] }
        region.strides = axes.map { strides[$0] }
        return region
    }

    /// `contiguous()`: every engine tensor is contiguous, so this is the tensor itself, except
    /// after a `transpose`, `permute` or `expand`, whose PyTorch results are not contiguous:
    /// then a copy recorded as PyTorch's `CloneBackward0`, so the history reads as PyTorch's.
    public func contiguous() -> Tensor {
        guard !isContiguousInPyTorch else { return self }
        let out = reshapedCopy(shape)
        if requiresGrad { out.record(self, as: CloneBackward()) }
        return out
    }

    /// Whether PyTorch's tensor would be contiguous: not when a `transpose`, `permute` or
    /// `expand` made it (a view with other strides; the engine's copy always is).
    var isContiguousInPyTorch: Bool {
        guard let rule = ruleType else { return true }
        return !(rule == TransposeBackward.self || rule == PermuteBackward.self || rule == ExpandBackward.self)
    }

    /// `clone()`: a copy that keeps the history (CloneBackward0).
    public func clone() -> Tensor {
        let out = reshapedCopy(shape)
        if requiresGrad { out.record(self, as: CloneBackward()) }
        return out
    }

    /// `expand(sizes)`: dimensions of size 1 stretched (and new leading ones added) to `sizes`;
    /// -1 keeps a size.
    public func expand(_ sizes: [Int]) throws -> Tensor {
        let rank = shape.count
        guard sizes.count >= rank else {
            throw TensorError("expand(\(dtype.tensorTypeName){\(shape)}, size=\(sizes)): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(rank))")
        }
        let lead = sizes.count - rank
        var target = sizes
        // PyTorch's `infer_expand_geometry` checks from the last dimension to the first; a
        // negative size other than -1 passes it (over a size-1 or a new dimension) and fails
        // when the result's element count is taken.
        for (d, size) in sizes.enumerated().reversed() {
            if d < lead {
                guard size != -1 else {
                    throw TensorError("The expanded size of the tensor (\(size)) isn't allowed in a leading, non-existing dimension \(d)")
                }
                continue
            }
            let existing = shape[d - lead]
            if size == -1 { target[d] = existing; continue }
            guard existing == size || existing == 1 else {
                throw TensorError("The expanded size of the tensor (\(size)) must match the existing size (\(existing)) at non-singleton dimension \(d).  Target sizes: \(sizes).  Tensor sizes: \(shape)")
            }
        }
        guard target.allSatisfy({ $0 >= 0 }) else { throw TensorError("numel: integer multiplication overflow") }
        let strides = broadcastStrides(shape, to: target)
        let out = copying(StridedRegion(shape: target, strides: strides))
        if target != shape { out.pytorchLayout = .strided }
        if requiresGrad { out.record(self, as: ExpandBackward()) }
        return out
    }

    public func expand(_ sizes: Int...) throws -> Tensor { try expand(sizes) }
}

/// A rule whose result holds the input's values in the same row-major order: the gradient
/// passes back unchanged, under the input's shape.
protocol OrderKeepingRule: BackwardRule {}

extension OrderKeepingRule {
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInput { $0.accumulate(copying: g) }
    }
}

/// `reshape`, `view`, `flatten`; `UnsafeViewBackward0` when PyTorch's reshape had to copy.
struct ViewBackward: OrderKeepingRule { static let name = "ViewBackward0" }
struct UnsafeViewBackward: OrderKeepingRule { static let name = "UnsafeViewBackward0" }
struct UnsqueezeBackward: OrderKeepingRule { static let name = "UnsqueezeBackward0" }
struct SqueezeBackward: OrderKeepingRule { static let name = "SqueezeBackward0" }
struct SqueezeDimBackward: OrderKeepingRule { static let name = "SqueezeBackward1" }
struct CloneBackward: OrderKeepingRule { static let name = "CloneBackward0" }

/// The gradient transposed back.
struct TransposeBackward: BackwardRule {
    static let name = "TransposeBackward0"
    let first: Int, second: Int
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInput { input in
            result.scatterGradient(g, to: input, through: Tensor.transposedRegion(of: input.shape, first, second))
        }
    }
}

/// The gradient permuted back.
struct PermuteBackward: BackwardRule {
    static let name = "PermuteBackward0"
    let packed: UInt64
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInput { input in
            let axes = (0..<input.shape.count).map { Int((packed >> (4 * UInt64($0))) & 15) }
            result.scatterGradient(g, to: input, through: Tensor.permutedRegion(of: input.shape, axes))
        }
    }
}

/// The gradient summed over the stretched dimensions (`sum_to_size`, PyTorch's order).
struct ExpandBackward: BackwardRule {
    static let name = "ExpandBackward0"
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        let shape = result.shape, count = result.count
        result.withInput { input in input.accumulate(sumToShape(g, count: count, from: shape, to: input.shape)) }
    }
}
