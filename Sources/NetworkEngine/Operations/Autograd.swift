// Leaving and joining autograd: `detach()` and `requiresGrad_()`.

extension Tensor {
    /// A tensor with the same values (and element type) and no autograd history (`detach()`).
    /// (PyTorch's shares the storage; this one is a copy, so in-place changes do not carry over.)
    public func detach() -> Tensor {
        if dtype != .float32 { return Tensor(validShape: shape, integers: integers, dtype: dtype) }
        return Tensor(validShape: shape, count: count, copying: values)
    }

    /// `detach()` under the name cells have used (docs/cell-language.md lists both): forwards.
    public func detached() -> Tensor { detach() }

    /// `x.requires_grad_(flag)`: marks a leaf as needing a gradient (or not) and returns it.
    /// Only float32 tensors can, and a result of an operation cannot be switched off.
    @discardableResult
    public func requiresGrad_(_ flag: Bool = true) throws -> Tensor {
        if flag && dtype != .float32 {
            throw TensorError("only Tensors of floating point dtype can require gradients")
        }
        if !flag && hasHistory {
            throw TensorError("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
        }
        requiresGrad = flag
        return self
    }
}
