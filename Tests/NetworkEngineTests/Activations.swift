@testable import NetworkEngine

/// The published lesson's GELU: the tanh approximation composed from tensor operations, so
/// autograd differentiates each operation in turn (not the fused kernel).
struct ComposedGELU: Module {
    func callAsFunction(_ x: Tensor) -> Tensor {
        0.5 * x * (1 + tanh(sqrt(Tensor(2.0 / Double.pi)) * (x + 0.044715 * pow(x, 3))))
    }
}

/// The activations the reference files name, as a lesson would write each one.
func activation(named name: String) -> any Module {
    switch name {
    case "gelu-tanh-composed": return ComposedGELU()
    case "gelu-erf": return GELU()
    case "gelu-tanh-builtin": return GELU(approximate: .tanh)
    case "relu": return ReLU()
    case "sigmoid": return Sigmoid()
    case "tanh": return Tanh()
    default: fatalError("unknown activation \(name)")
    }
}
