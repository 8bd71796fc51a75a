import NetworkKernels

/// An optimizer over a fixed list of parameters (`torch.optim`): `step()` updates every
/// parameter that has a gradient from it, `zeroGrad` clears the gradients.
public protocol Optimizer: AnyObject {
    var parameters: [Tensor] { get }
    func step() throws
}

extension Optimizer {
    /// `zero_grad(set_to_none=True)`: every gradient becomes nil; with false, kept and zeroed.
    public func zeroGrad(setToNone: Bool = true) {
        zeroGradients(of: parameters, setToNone: setToNone)
    }
}

/// PyTorch's `zero_grad` for a list of parameters.
func zeroGradients(of parameters: [Tensor], setToNone: Bool) {
    for parameter in parameters {
        if setToNone {
            parameter.zeroGrad()
        } else if let grad = parameter.grad {
            grad.requiresGrad = false
            noGrad { try? grad.changeInPlace { $0.update(repeating: 0, count: grad.count) } }
        }
    }
}

// The optimizers' float32 updates fuse `a + b·c` as PyTorch's AVX2/AVX-512 build does (checked
// there for `add_(alpha:)`, `lerp_` and `addcmul_`: 0 mismatches; without, up to 13%), and not
// at baseline (`kernels != .baseline` in each step; the loops are NetworkKernels/Optimizers.c).

/// A parameter's values rewritten in place by an optimizer (no recording; the version rises).
func updateParameter(_ parameter: Tensor, _ write: (UnsafeMutablePointer<Float>) -> Void) {
    noGrad { try? parameter.changeInPlace(write) }
}

/// PyTorch's "Invalid … value: x" check.
func requireNonNegative(_ value: Double, _ what: String) throws {
    guard value >= 0 else { throw TensorError("Invalid \(what): \(pythonFloat(value))") }
}
