// The Swift spellings of PyTorch's indexing (generated: every mix of index expressions and `...`
// up to four positions; more positions take the variadic form or `TensorIndex.all`). Reading
// `x[0, ..., -1]`, writing `x[0..<2, ...] = y` or `= 0.0`. A subscript's setter cannot throw in
// Swift: a bad index stops the program with PyTorch's message here, so code that must recover
// calls `get(_:)` and `set(_:to:)`, which throw the same `TensorError` (docs/engine.md).

extension Tensor {
    /// `x[i, j, …]` with integers, ranges and strides (no `...`), any count up to the rank.
    public subscript(_ indices: any TensorIndexExpression...) -> Tensor {
        get { Tensor.orStop { try get(indices.map(\.tensorIndex)) } }
        set { Tensor.orStop { try set(indices.map(\.tensorIndex), to: newValue) } }
    }

    /// `x[mask]` (a bool tensor: the selected values, one row per true element) or `x[index]`
    /// (an int64 tensor: rows of the first dimension), PyTorch's advanced indexing.
    public subscript(_ index: Tensor) -> Tensor {
        get { Tensor.orStop { try get(index) } }
        set { Tensor.orStop { try set(index, to: newValue) } }
    }

    public subscript(_ a: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([.all]) } }
        set { Tensor.orStop { try set([.all], to: newValue) } }
    }

    public subscript(_ a: any TensorIndexExpression, _ b: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([a.tensorIndex, .all]) } }
        set { Tensor.orStop { try set([a.tensorIndex, .all], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: any TensorIndexExpression) -> Tensor {
        get { Tensor.orStop { try get([.all, b.tensorIndex]) } }
        set { Tensor.orStop { try set([.all, b.tensorIndex], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([.all, .all]) } }
        set { Tensor.orStop { try set([.all, .all], to: newValue) } }
    }

    public subscript(_ a: any TensorIndexExpression, _ b: any TensorIndexExpression, _ c: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([a.tensorIndex, b.tensorIndex, .all]) } }
        set { Tensor.orStop { try set([a.tensorIndex, b.tensorIndex, .all], to: newValue) } }
    }

    public subscript(_ a: any TensorIndexExpression, _ b: UnboundedRange, _ c: any TensorIndexExpression) -> Tensor {
        get { Tensor.orStop { try get([a.tensorIndex, .all, c.tensorIndex]) } }
        set { Tensor.orStop { try set([a.tensorIndex, .all, c.tensorIndex], to: newValue) } }
    }

    public subscript(_ a: any TensorIndexExpression, _ b: UnboundedRange, _ c: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([a.tensorIndex, .all, .all]) } }
        set { Tensor.orStop { try set([a.tensorIndex, .all, .all], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: any TensorIndexExpression, _ c: any TensorIndexExpression) -> Tensor {
        get { Tensor.orStop { try get([.all, b.tensorIndex, c.tensorIndex]) } }
        set { Tensor.orStop { try set([.all, b.tensorIndex, c.tensorIndex], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: any TensorIndexExpression, _ c: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([.all, b.tensorIndex, .all]) } }
        set { Tensor.orStop { try set([.all, b.tensorIndex, .all], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: UnboundedRange, _ c: any TensorIndexExpression) -> Tensor {
        get { Tensor.orStop { try get([.all, .all, c.tensorIndex]) } }
        set { Tensor.orStop { try set([.all, .all, c.tensorIndex], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: UnboundedRange, _ c: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([.all, .all, .all]) } }
        set { Tensor.orStop { try set([.all, .all, .all], to: newValue) } }
    }

    public subscript(_ a: any TensorIndexExpression, _ b: any TensorIndexExpression, _ c: any TensorIndexExpression, _ d: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([a.tensorIndex, b.tensorIndex, c.tensorIndex, .all]) } }
        set { Tensor.orStop { try set([a.tensorIndex, b.tensorIndex, c.tensorIndex, .all], to: newValue) } }
    }

    public subscript(_ a: any TensorIndexExpression, _ b: any TensorIndexExpression, _ c: UnboundedRange, _ d: any TensorIndexExpression) -> Tensor {
        get { Tensor.orStop { try get([a.tensorIndex, b.tensorIndex, .all, d.tensorIndex]) } }
        set { Tensor.orStop { try set([a.tensorIndex, b.tensorIndex, .all, d.tensorIndex], to: newValue) } }
    }

    public subscript(_ a: any TensorIndexExpression, _ b: any TensorIndexExpression, _ c: UnboundedRange, _ d: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([a.tensorIndex, b.tensorIndex, .all, .all]) } }
        set { Tensor.orStop { try set([a.tensorIndex, b.tensorIndex, .all, .all], to: newValue) } }
    }

    public subscript(_ a: any TensorIndexExpression, _ b: UnboundedRange, _ c: any TensorIndexExpression, _ d: any TensorIndexExpression) -> Tensor {
        get { Tensor.orStop { try get([a.tensorIndex, .all, c.tensorIndex, d.tensorIndex]) } }
        set { Tensor.orStop { try set([a.tensorIndex, .all, c.tensorIndex, d.tensorIndex], to: newValue) } }
    }

    public subscript(_ a: any TensorIndexExpression, _ b: UnboundedRange, _ c: any TensorIndexExpression, _ d: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([a.tensorIndex, .all, c.tensorIndex, .all]) } }
        set { Tensor.orStop { try set([a.tensorIndex, .all, c.tensorIndex, .all], to: newValue) } }
    }

    public subscript(_ a: any TensorIndexExpression, _ b: UnboundedRange, _ c: UnboundedRange, _ d: any TensorIndexExpression) -> Tensor {
        get { Tensor.orStop { try get([a.tensorIndex, .all, .all, d.tensorIndex]) } }
        set { Tensor.orStop { try set([a.tensorIndex, .all, .all, d.tensorIndex], to: newValue) } }
    }

    public subscript(_ a: any TensorIndexExpression, _ b: UnboundedRange, _ c: UnboundedRange, _ d: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([a.tensorIndex, .all, .all, .all]) } }
        set { Tensor.orStop { try set([a.tensorIndex, .all, .all, .all], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: any TensorIndexExpression, _ c: any TensorIndexExpression, _ d: any TensorIndexExpression) -> Tensor {
        get { Tensor.orStop { try get([.all, b.tensorIndex, c.tensorIndex, d.tensorIndex]) } }
        set { Tensor.orStop { try set([.all, b.tensorIndex, c.tensorIndex, d.tensorIndex], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: any TensorIndexExpression, _ c: any TensorIndexExpression, _ d: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([.all, b.tensorIndex, c.tensorIndex, .all]) } }
        set { Tensor.orStop { try set([.all, b.tensorIndex, c.tensorIndex, .all], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: any TensorIndexExpression, _ c: UnboundedRange, _ d: any TensorIndexExpression) -> Tensor {
        get { Tensor.orStop { try get([.all, b.tensorIndex, .all, d.tensorIndex]) } }
        set { Tensor.orStop { try set([.all, b.tensorIndex, .all, d.tensorIndex], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: any TensorIndexExpression, _ c: UnboundedRange, _ d: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([.all, b.tensorIndex, .all, .all]) } }
        set { Tensor.orStop { try set([.all, b.tensorIndex, .all, .all], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: UnboundedRange, _ c: any TensorIndexExpression, _ d: any TensorIndexExpression) -> Tensor {
        get { Tensor.orStop { try get([.all, .all, c.tensorIndex, d.tensorIndex]) } }
        set { Tensor.orStop { try set([.all, .all, c.tensorIndex, d.tensorIndex], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: UnboundedRange, _ c: any TensorIndexExpression, _ d: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([.all, .all, c.tensorIndex, .all]) } }
        set { Tensor.orStop { try set([.all, .all, c.tensorIndex, .all], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: UnboundedRange, _ c: UnboundedRange, _ d: any TensorIndexExpression) -> Tensor {
        get { Tensor.orStop { try get([.all, .all, .all, d.tensorIndex]) } }
        set { Tensor.orStop { try set([.all, .all, .all, d.tensorIndex], to: newValue) } }
    }

    public subscript(_ a: UnboundedRange, _ b: UnboundedRange, _ c: UnboundedRange, _ d: UnboundedRange) -> Tensor {
        get { Tensor.orStop { try get([.all, .all, .all, .all]) } }
        set { Tensor.orStop { try set([.all, .all, .all, .all], to: newValue) } }
    }

    /// A subscript's result, or a stop with the error's message (a setter cannot throw).
    static func orStop<T>(_ body: () throws -> T) -> T {
        do { return try body() } catch { preconditionFailure("\(error)") }
    }
}

/// `x[0..<2] = 0.0`: a number literal where a tensor is expected is a rank-0 float32 tensor.
extension Tensor: ExpressibleByFloatLiteral {
    public convenience init(floatLiteral value: Double) { self.init(value) }
}
