// Tensors made from a few numbers: `linspace`, `full`, `eye`, float `arange`, the `like:` forms,
// and the triangle masks `tril`/`triu` (which also act on a tensor, with a gradient).

extension Tensor {
    /// `torch.linspace(start, end, steps)`: `steps` evenly spaced float32 values from `start` to
    /// `end`. PyTorch's CPU kernel: `step = (end - start) / (steps - 1)` in float32, the first
    /// half `start + step·i`, the second half `end - step·(steps - 1 - i)`, each one fused
    /// multiply-add (checked bit for bit against PyTorch 2.13, docs/pytorch-numerics.md).
    public static func linspace(_ start: Double, _ end: Double, steps: Int) throws -> Tensor {
        guard steps >= 0 else { throw TensorError("number of steps must be non-negative") }
        let a = Float(start), b = Float(end)
        if steps == 1 { return Tensor(validShape: [1], scalars: [a]) }
        let step = (b - a) / Float(steps - 1), halfway = steps / 2
        return Tensor(validShape: [steps], count: steps) { out in
            for i in 0..<steps {
                out[i] = i < halfway ? fused(step, Float(i), a) : fused(-step, Float(steps - i - 1), b)
            }
        }
    }

    /// `torch.arange(start, end, step)` of floats: `start + i·step` for i = 0 ..< ceil((end -
    /// start) / step), computed in double and rounded to float32 as PyTorch's CPU kernel does.
    public static func arange(_ start: Double, _ end: Double, step: Double = 1) throws -> Tensor {
        guard step != 0 else { throw TensorError("step must be nonzero") }
        guard start.isFinite && end.isFinite else { throw TensorError("unsupported range: \(start) -> \(end)") }
        guard (step > 0 && end >= start) || (step < 0 && end <= start) else {
            throw TensorError("upper bound and larger bound inconsistent with step sign")
        }
        let size = ((end - start) / step).rounded(.up)
        guard size < 1e9 else { throw TensorError("arange: the range from \(start) to \(end) by \(step) is too large") }
        let count = Int(size)
        return Tensor(validShape: [count], count: count) { out in
            for i in 0..<count { out[i] = Float(start + Double(i) * step) }
        }
    }

    /// `torch.full(shape, value)`: float32.
    public static func full(_ shape: [Int], _ value: Double) throws -> Tensor {
        try checkFactoryShape(shape)
        return Tensor(validShape: shape, scalars: [Float](repeating: Float(value), count: elementCount(shape)))
    }

    /// `torch.full(shape, value)` with an integer value: int64, as PyTorch infers it.
    public static func full(_ shape: [Int], integer value: Int) throws -> Tensor {
        try checkFactoryShape(shape)
        return Tensor(validShape: shape, integers: [Int64](repeating: Int64(value), count: elementCount(shape)), dtype: .int64)
    }

    /// `torch.full(shape, True)`: bool.
    public static func full(_ shape: [Int], boolean value: Bool) throws -> Tensor {
        try checkFactoryShape(shape)
        return Tensor(validShape: shape, integers: [Int64](repeating: value ? 1 : 0, count: elementCount(shape)), dtype: .bool)
    }

    /// `torch.full_like(x, value)`: `x`'s shape and type, every value `value`.
    public static func fullLike(_ other: Tensor, _ value: Double) -> Tensor {
        switch other.dtype {
        case .float32:
            return Tensor(validShape: other.shape, scalars: [Float](repeating: Float(value), count: other.count))
        case .int64:
            return Tensor(validShape: other.shape, integers: [Int64](repeating: Tensor.integer(Float(value)), count: other.count), dtype: .int64)
        case .bool:
            return Tensor(validShape: other.shape, integers: [Int64](repeating: value != 0 ? 1 : 0, count: other.count), dtype: .bool)
        }
    }

    /// `torch.zeros_like(x)`.
    public static func zeros(like other: Tensor) -> Tensor { fullLike(other, 0) }

    /// `torch.ones_like(x)`.
    public static func ones(like other: Tensor) -> Tensor { fullLike(other, 1) }

    /// `torch.randn_like(x)`: `randn` of `x`'s shape (float32 only, as PyTorch requires).
    public static func randn(like other: Tensor, generator: Generator = .default) throws -> Tensor {
        guard other.dtype == .float32 else {
            throw TensorError("\"normal_kernel_cpu\" not implemented for '\(other.dtype.scalarTypeName)'")
        }
        return randn(other.shape, generator: generator)
    }

    /// `torch.eye(n, m)`: ones on the diagonal, float32.
    public static func eye(_ n: Int, _ m: Int? = nil) throws -> Tensor {
        let columns = m ?? n
        guard n >= 0 else { throw TensorError("n must be greater or equal to 0, got \(n)") }
        guard columns >= 0 else { throw TensorError("m must be greater or equal to 0, got \(columns)") }
        return Tensor(validShape: [n, columns], count: n * columns) { out in
            for i in 0..<(n * columns) { out[i] = 0 }
            for i in 0..<Swift.min(n, columns) { out[i * columns + i] = 1 }
        }
    }

    static func checkFactoryShape(_ shape: [Int]) throws {
        if let negative = shape.first(where: { $0 < 0 }) {
            throw TensorError("Trying to create tensor with negative dimension \(negative): \(shape)")
        }
    }

    /// `tril(diagonal)`: the lower triangle of the last two dimensions (j - i ≤ diagonal), zero
    /// above.
    public func tril(diagonal: Int = 0) throws -> Tensor {
        try triangle(TrilBackward(diagonal: diagonal)) { i, j in j - i <= diagonal }
    }

    /// `triu(diagonal)`: the upper triangle of the last two dimensions (j - i ≥ diagonal), zero
    /// below.
    public func triu(diagonal: Int = 0) throws -> Tensor {
        try triangle(TriuBackward(diagonal: diagonal)) { i, j in j - i >= diagonal }
    }

    private func triangle<Rule: TriangleRule>(_ rule: Rule, _ keeps: (Int, Int) -> Bool) throws -> Tensor {
        guard shape.count >= 2 else {
            throw TensorError("\(Rule.operation): input tensor must have at least 2 dimensions")
        }
        let keep = Tensor.triangleMask(shape, keeps)
        let out: Tensor
        if dtype == .float32 {
            let x = values
            out = Tensor(validShape: shape, count: count) { out in for i in keep.indices { out[i] = keep[i] ? x[i] : 0 } }
        } else {
            let exact = integers
            out = Tensor(validShape: shape, integers: keep.indices.map { keep[$0] ? exact[$0] : 0 }, dtype: dtype)
        }
        if requiresGrad { out.record(self, as: rule) }
        return out
    }

    /// Which elements of a tensor of `shape` a triangle keeps (by row and column of the last two
    /// dimensions).
    static func triangleMask(_ shape: [Int], _ keeps: (Int, Int) -> Bool) -> [Bool] {
        let rows = shape[shape.count - 2], columns = shape[shape.count - 1]
        let matrices = elementCount(shape) / Swift.max(rows * columns, 1)
        var mask: [Bool] = []
        mask.reserveCapacity(elementCount(shape))
        for _ in 0..<(rows * columns == 0 ? 0 : matrices) {
            for i in 0..<rows { for j in 0..<columns { mask.append(keeps(i, j)) } }
        }
        return mask
    }
}

/// The gradient kept where the triangle kept the input, zero elsewhere (the same triangle).
protocol TriangleRule: BackwardRule {
    static var operation: String { get }
    var diagonal: Int { get }
    func keeps(_ i: Int, _ j: Int) -> Bool
}

extension TriangleRule {
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        let keep = Tensor.triangleMask(result.shape, keeps)
        result.withInput { input in input.accumulate { keep[$0] ? g[$0] : 0 } }
    }
}

struct TrilBackward: TriangleRule {
    static let name = "TrilBackward0"
    static let operation = "tril"
    let diagonal: Int
    func keeps(_ i: Int, _ j: Int) -> Bool { j - i <= diagonal }
}

struct TriuBackward: TriangleRule {
    static let name = "TriuBackward0"
    static let operation = "triu"
    let diagonal: Int
    func keeps(_ i: Int, _ j: Int) -> Bool { j - i >= diagonal }
}
