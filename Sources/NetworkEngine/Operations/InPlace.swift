// In-place updates (PyTorch's trailing-underscore methods): what an optimizer's step, `zero_()`,
// `copy_()` and masks need. Each writes this tensor's values through `changeInPlace`, which
// checks PyTorch's rules and raises the version counter. Each returns the tensor itself, as
// PyTorch's do. A source tensor broadcasts to this tensor's shape, never the other way.

extension Tensor {
    /// `zero_()`: every value 0.
    @discardableResult
    public func zero_() throws -> Tensor {
        try fill_(0)
    }

    /// `fill_(value)`: every value `value` (rounded to float32).
    @discardableResult
    public func fill_(_ value: Double) throws -> Tensor {
        if dtype != .float32 {
            let exact: Int64 = dtype == .bool ? (value != 0 ? 1 : 0) : Tensor.integer(Float(value))
            try changeIntegersInPlace(reading: [], to: [Int64](repeating: exact, count: count))
            return self
        }
        let v = Float(value), count = count
        try changeInPlace { for i in 0..<count { $0[i] = v } }
        return self
    }

    /// `copy_(source)`: the values of `source`, broadcast to this tensor's shape.
    @discardableResult
    public func copy_(_ source: Tensor) throws -> Tensor {
        if dtype != .float32 {
            // Cast to this tensor's type, as PyTorch's copy_ casts.
            try requireBroadcast(of: source)
            let exact = dtype == .bool ? source.booleans.map { $0 ? Int64(1) : 0 } : source.integers
            try changeIntegersInPlace(reading: [source], to: broadcastIntegers(shape, source) { _, j in exact[j] })
            return self
        }
        return try update(with: source) { _, b in b }
    }

    /// `masked_fill_(mask, value)`: `value` where the bool `mask` (broadcast to this shape) is true.
    @discardableResult
    public func maskedFill_(_ mask: Tensor, _ value: Double) throws -> Tensor {
        try Tensor.requireBooleanMask(mask)
        if dtype != .float32 {
            try requireBroadcast(of: mask)
            let exact = integers, fill: Int64 = dtype == .bool ? (value != 0 ? 1 : 0) : Tensor.integer(Float(value))
            try changeIntegersInPlace(reading: [mask], to: broadcastIntegers(shape, mask) { i, j in mask.values[j] != 0 ? fill : exact[i] })
            return self
        }
        let v = Float(value)
        return try update(with: mask, recording: MaskedFillBackward()) { a, m in m != 0 ? v : a }
    }

    static func requireBooleanMask(_ mask: Tensor) throws {
        guard mask.dtype == .bool else {
            throw TensorError("masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype.cName)")
        }
    }

    /// PyTorch's error when `source` does not broadcast to this tensor's own shape.
    private func requireBroadcast(of source: Tensor) throws {
        let broadcast = try broadcastShapes(shape, source.shape)
        guard broadcast == shape else {
            throw TensorError("output with shape \(shape) doesn't match the broadcast shape \(broadcast)")
        }
    }

    /// In-place arithmetic on an int64 tensor: exact when the other operand is int64 or bool;
    /// any other result type cannot be written back (PyTorch's error). Nil for float32 tensors.
    private func integerUpdate(with source: Tensor?, _ operation: IntegerArithmetic?) throws -> Tensor? {
        guard dtype != .float32 else { return nil }
        if dtype == .bool {
            throw TensorError("in-place arithmetic on bool tensors is not supported here; use a mask (maskedFill_) instead")
        }
        let resultType = source.map { DType.promoted(dtype, $0.dtype) } ?? .float32
        guard let source, let operation, resultType == dtype else {
            throw TensorError("result type \(resultType.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
        try requireBroadcast(of: source)
        let a = integers, b = source.integers
        try changeIntegersInPlace(reading: [source], to: broadcastIntegers(shape, source) { i, j in operation.apply(a[i], b[j]) })
        return self
    }

    /// `add_(other, alpha=alpha)`: `self + alpha · other`, the product fused into the sum as in
    /// PyTorch's kernel (`fmadd(other, alpha, self)`); with alpha 1, a plain sum.
    @discardableResult
    public func add_(_ other: Tensor, alpha: Double = 1) throws -> Tensor {
        if dtype != .float32, alpha == 1, let exact = try integerUpdate(with: other, .add) { return exact }
        if dtype != .float32 { _ = try integerUpdate(with: nil, nil) }
        let a = Float(alpha)
        // (With alpha, unrecorded: PyTorch's AddBackward0 would scale the other gradient.)
        return alpha == 1 ? try update(with: other, recording: AddBackward(), +) : try update(with: other) { x, y in fused(y, a, x) }
    }

    /// `sub_(other, alpha=alpha)`: PyTorch's `add_(other, alpha=-alpha)`.
    @discardableResult
    public func sub_(_ other: Tensor, alpha: Double = 1) throws -> Tensor {
        if dtype != .float32, alpha == 1, let exact = try integerUpdate(with: other, .subtract) { return exact }
        return alpha == 1 ? try update(with: other, recording: SubBackward(), -) : try add_(other, alpha: -alpha)
    }

    /// `mul_(other)`.
    @discardableResult
    public func mul_(_ other: Tensor) throws -> Tensor {
        if dtype != .float32, let exact = try integerUpdate(with: other, .multiply) { return exact }
        return try update(with: other, recording: MulBackward(), *)
    }

    /// `div_(other)`.
    @discardableResult
    public func div_(_ other: Tensor) throws -> Tensor {
        if dtype != .float32 { _ = try integerUpdate(with: nil, nil) }
        return try update(with: other, recording: DivBackward(), /)
    }

    /// `add_(scalar)`.
    @discardableResult
    public func add_(_ scalar: Double) throws -> Tensor {
        let s = Float(scalar)
        return try map_(AddScalarBackward()) { $0 + s }
    }

    /// `sub_(scalar)`.
    @discardableResult
    public func sub_(_ scalar: Double) throws -> Tensor {
        let s = Float(scalar)
        return try map_(SubScalarBackward()) { $0 - s }
    }

    /// `mul_(scalar)`.
    @discardableResult
    public func mul_(_ scalar: Double) throws -> Tensor {
        let s = Float(scalar)
        return try map_(MulScalarBackward(scalar: s)) { $0 * s }
    }

    /// `div_(scalar)`.
    @discardableResult
    public func div_(_ scalar: Double) throws -> Tensor {
        let s = Float(scalar)
        return try map_(DivScalarBackward(scalar: s)) { $0 / s }
    }

    /// Each value replaced by `f` of it, recorded as `rule` when a gradient is needed.
    private func map_<Rule: ElementwiseRule>(_ rule: Rule, _ f: (Float) -> Float) throws -> Tensor {
        // A number is a Python float: its result type is float32, which an integer tensor cannot hold.
        if dtype != .float32 { _ = try integerUpdate(with: nil, nil) }
        let count = count
        try changeInPlace(recording: rule) { x in for i in 0..<count { x[i] = f(x[i]) } }
        return self
    }

    /// Each value replaced by `f(value, source value)`, the source broadcast to this shape;
    /// recorded as `rule` when a gradient is needed (else refused while recording).
    private func update<Rule: BackwardRule>(with source: Tensor, recording rule: Rule?,
                                            _ f: (Float, Float) -> Float) throws -> Tensor {
        let broadcast = try broadcastShapes(shape, source.shape)
        guard broadcast == shape else {
            throw TensorError("output with shape \(shape) doesn't match the broadcast shape \(broadcast)")
        }
        // The source is copied first when it shares this tensor's values (`x.copy_(x)` is fine as
        // it is, but a broadcast read of values being written is not).
        let sourceValues = source === self ? source.detach() : source
        let shape = shape
        func write(_ x: UnsafeMutablePointer<Float>) {
            broadcastMap(shape, UnsafePointer(x), shape, sourceValues.values, sourceValues.shape, into: x, f)
        }
        if let rule { try changeInPlace(recording: rule, reading: source, write) } else { try changeInPlace(reading: [source], write) }
        return self
    }

    /// The same, never recorded.
    private func update(with source: Tensor, _ f: (Float, Float) -> Float) throws -> Tensor {
        try update(with: source, recording: nil as AddBackward?, f)
    }
}
