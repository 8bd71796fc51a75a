import NetworkEngine

/// The chapter's GELU: the tanh approximation written out in tensor operations,
/// `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`, with √(2/π) taken in float32 from a float32
/// tensor as `torch.sqrt(torch.tensor(2.0 / torch.pi))` does.
public struct GELU: Module {
    public init() {}

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let inner = Tensor(2.0 / Double.pi).sqrt() * (x + 0.044715 * x.pow(3))
        return 0.5 * x * (1 + inner.tanh())
    }

    public func visitParameters(_ walk: inout ParameterWalk, path: String) {}
}

/// Linear(width, 4·width), GELU, Linear(4·width, width), as `layers` (PyTorch's `ff.layers.0.weight`).
public struct FeedForward: Module {
    public let layers: Sequential

    public init(_ configuration: GPTConfiguration, generator: Generator = .default) {
        let width = configuration.embeddingDimension
        layers = Sequential(Linear(width, 4 * width, generator: generator), GELU(),
                            Linear(4 * width, width, generator: generator))
    }

    public func callAsFunction(_ x: Tensor) throws -> Tensor { try layers(x) }
}
