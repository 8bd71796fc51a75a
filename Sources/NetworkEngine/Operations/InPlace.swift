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
        let v = Float(value), count = count
        try changeInPlace { for i in 0..<count { $0[i] = v } }
        return self
    }

    /// `copy_(source)`: the values of `source`, broadcast to this tensor's shape.
    @discardableResult
    public func copy_(_ source: Tensor) throws -> Tensor {
        try update(with: source) { _, b in b }
    }

    /// `masked_fill_(mask, value)`: `value` where `mask` (broadcast to this shape) is nonzero.
    @discardableResult
    public func maskedFill_(_ mask: Tensor, _ value: Double) throws -> Tensor {
        let v = Float(value)
        return try update(with: mask) { a, m in m != 0 ? v : a }
    }

    /// `add_(other, alpha=alpha)`: `self + alpha · other`, the product fused into the sum as in
    /// PyTorch's kernel (`fmadd(other, alpha, self)`); with alpha 1, a plain sum.
    @discardableResult
    public func add_(_ other: Tensor, alpha: Double = 1) throws -> Tensor {
        let a = Float(alpha)
        return alpha == 1 ? try update(with: other, +) : try update(with: other) { x, y in fused(y, a, x) }
    }

    /// `sub_(other, alpha=alpha)`: PyTorch's `add_(other, alpha=-alpha)`.
    @discardableResult
    public func sub_(_ other: Tensor, alpha: Double = 1) throws -> Tensor {
        alpha == 1 ? try update(with: other, -) : try add_(other, alpha: -alpha)
    }

    /// `mul_(other)`.
    @discardableResult
    public func mul_(_ other: Tensor) throws -> Tensor {
        try update(with: other, *)
    }

    /// `div_(other)`.
    @discardableResult
    public func div_(_ other: Tensor) throws -> Tensor {
        try update(with: other, /)
    }

    /// `add_(scalar)`.
    @discardableResult
    public func add_(_ scalar: Double) throws -> Tensor {
        let s = Float(scalar)
        return try map_ { $0 + s }
    }

    /// `sub_(scalar)`.
    @discardableResult
    public func sub_(_ scalar: Double) throws -> Tensor {
        let s = Float(scalar)
        return try map_ { $0 - s }
    }

    /// `mul_(scalar)`.
    @discardableResult
    public func mul_(_ scalar: Double) throws -> Tensor {
        let s = Float(scalar)
        return try map_ { $0 * s }
    }

    /// `div_(scalar)`.
    @discardableResult
    public func div_(_ scalar: Double) throws -> Tensor {
        let s = Float(scalar)
        return try map_ { $0 / s }
    }

    /// Each value replaced by `f` of it.
    private func map_(_ f: (Float) -> Float) throws -> Tensor {
        let count = count
        try changeInPlace { x in for i in 0..<count { x[i] = f(x[i]) } }
        return self
    }

    /// Each value replaced by `f(value, source value)`, the source broadcast to this shape.
    private func update(with source: Tensor, _ f: (Float, Float) -> Float) throws -> Tensor {
        let broadcast = try broadcastShapes(shape, source.shape)
        guard broadcast == shape else {
            throw TensorError("output with shape \(shape) doesn't match the broadcast shape \(broadcast)")
        }
        // The source is copied first when it shares this tensor's values (`x.copy_(x)` is fine as
        // it is, but a broadcast read of values being written is not).
        let sourceValues = source === self ? source.detached() : source
        let shape = shape
        try changeInPlace(reading: [source]) { x in
            broadcastMap(shape, UnsafePointer(x), shape, sourceValues.values, sourceValues.shape, into: x, f)
        }
        return self
    }
}
