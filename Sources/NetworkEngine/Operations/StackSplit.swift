// `stack`, `split` and `chunk`: tensors joined along a new dimension, or cut into pieces along
// one. Values move exactly; each piece's gradient goes back to its own part of the input.

extension Tensor {
    /// `torch.stack(tensors, dim)`: tensors of one shape joined along a new dimension `dim`.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("stack expects a non-empty TensorList") }
        for (entry, tensor) in tensors.enumerated() where tensor.shape != first.shape {
            throw TensorError("stack expects each tensor to be equal size, but got \(first.shape) at entry 0 and \(tensor.shape) at entry \(entry)")
        }
        let axis = try normalizedDimension(dim, rank: first.shape.count + 1)
        let joined = try noGrad { try cat(tensors.map { try $0.unsqueeze(axis) }, dim: axis) }
        if tensors.contains(where: \.requiresGrad) { joined.record(tensors, as: StackBackward(axis: axis)) }
        return joined
    }

    /// `split(split_size, dim)`: pieces of `size` along `dim`, the last one shorter if need be.
    public func split(_ size: Int, dim: Int = 0) throws -> [Tensor] {
        let axis = try normalizedDimension(dim, rank: shape.count)
        guard !shape.isEmpty else { throw TensorError("split expects at least a 1-dimensional tensor") }
        let length = shape[axis]
        guard size >= 0 else { throw TensorError("split expects split_size be non-negative, but got split_size=\(size)") }
        guard size > 0 || length == 0 else {
            throw TensorError("split_size can only be 0 if dimension size is 0, but got dimension size of \(length)")
        }
        let pieces = size == 0 ? 1 : Swift.max((length + size - 1) / size, 1)
        return (0..<pieces).map { k in
            piece(axis: axis, start: k * size, length: Swift.min(size, length - k * size), rule: SplitBackward(axis: axis, start: k * size))
        }
    }

    /// `split(split_sizes, dim)`: pieces of the given sizes, which must add up to the dimension's.
    public func split(sizes: [Int], dim: Int = 0) throws -> [Tensor] {
        let axis = try normalizedDimension(dim, rank: shape.count)
        guard !shape.isEmpty else { throw TensorError("split expects at least a 1-dimensional tensor") }
        if sizes.contains(where: { $0 < 0 }) {
            throw TensorError("split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=\(sizes)")
        }
        guard sizes.reduce(0, +) == shape[axis] else {
            throw TensorError("split_with_sizes expects split_sizes to sum exactly to \(shape[axis]) (input tensor's size at dimension \(axis)), but got split_sizes=\(sizes)")
        }
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return piece(axis: axis, start: start, length: size, rule: SplitWithSizesBackward(axis: axis, start: start))
        }
    }

    /// `chunk(chunks, dim)`: `split` with pieces of ceil(size / chunks) (so possibly fewer pieces).
    public func chunk(_ chunks: Int, dim: Int = 0) throws -> [Tensor] {
        guard !shape.isEmpty else { throw TensorError("chunk expects at least a 1-dimensional tensor") }
        guard chunks > 0 else { throw TensorError("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
        let axis = try normalizedDimension(dim, rank: shape.count)
        return try split((shape[axis] + chunks - 1) / chunks, dim: axis)
    }

    /// Elements `start ..< start + length` along `axis`, recorded as `rule`.
    private func piece<Rule: BackwardRule>(axis: Int, start: Int, length: Int, rule: Rule) -> Tensor {
        var region = StridedRegion(contiguous: shape)
        region.slice(axis, start: start, step: 1, length: length)
        let out = copying(region)
        if requiresGrad { out.record(self, as: rule) }
        return out
    }
}

/// Each input receives its slice of the gradient along the new dimension.
struct StackBackward: BackwardRule {
    static let name = "StackBackward0"
    let axis: Int
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.handBackSlices(g, along: axis) { _ in 1 }
    }
}

/// A piece's gradient in its place along `axis`, zero elsewhere (PyTorch's `split_backward`).
protocol PieceRule: BackwardRule {
    var axis: Int { get }
    var start: Int { get }
}

extension PieceRule {
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInput { input in
            var region = StridedRegion(contiguous: input.shape)
            region.slice(axis, start: start, step: 1, length: result.shape[axis])
            result.scatterGradient(g, to: input, through: region)
        }
    }
}

struct SplitBackward: PieceRule {
    static let name = "SplitBackward0"
    let axis: Int, start: Int
}

struct SplitWithSizesBackward: PieceRule {
    static let name = "SplitWithSizesBackward0"
    let axis: Int, start: Int
}
