/// `F.dropout(x, p, training)` on CPU (docs/pytorch-numerics.md §2, confirmed bit for bit on
/// 5,154,653 elements): PyTorch's `_dropout_impl` makes `noise.bernoulli_(1 - p).div_(1 - p)` and
/// returns `x * noise`, so the result's node is `MulBackward0` (torch 2.13 shows that name for
/// `nn.Dropout` in training) and the gradient is `grad * noise`. `bernoulli_` draws one
/// `random64()` per element in memory order and keeps the element when the 53-bit uniform is
/// below `1 - p` (in double); a kept element's noise is `Float(1) / Float(1 - p)`. With p = 0 or
/// `training` false the input itself comes back (no draws); p = 1 is `x * 0` (no draws).
public func dropout(_ input: Tensor, p: Double = 0.5, training: Bool = true,
                    generator: Generator = .default) throws -> Tensor {
    try checkDropoutProbability(p)
    if p == 0 || !training || input.count == 0 { return input }
    if p == 1 { return try input.mul(Tensor(0)) }
    let keep = 1 - p
    let scale = Float(1) / Float(keep)
    let count = input.count
    let noise = Tensor(validShape: input.shape, count: count) { data in
        generator.withLock { generator.fillBernoulli(data, count: count, keep: keep, scale: scale) }
    }
    return try input.mul(noise)
}

/// PyTorch's check, in `nn.Dropout`'s and `F.dropout`'s words.
func checkDropoutProbability(_ p: Double) throws {
    guard p >= 0 && p <= 1 else {
        throw TensorError("dropout probability has to be between 0 and 1, but got \(pythonFloat(p))")
    }
}

/// A double as Python's `str(float)` prints the common cases (`1.5`, `-0.1`, `2.0`).
func pythonFloat(_ value: Double) -> String {
    value.rounded() == value && Swift.abs(value) < 1e16 ? "\(Int(value)).0" : "\(value)"
}

/// `nn.Dropout(p)`: zeroes each element with probability `p` in training and scales the rest by
/// `1 / (1 - p)`; the identity after `eval()`.
public struct Dropout: Module {
    public let p: Double
    let mode = TrainingMode()
    let generator: Generator

    /// Traps on a probability outside [0, 1]; `init(checking:)` throws instead.
    public init(_ p: Double = 0.5, generator: Generator = .default) {
        do { try self.init(checking: p, generator: generator) } catch { fatalError("\(error)") }
    }

    public init(checking p: Double, generator: Generator = .default) throws {
        try checkDropoutProbability(p)
        self.p = p
        self.generator = generator
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try dropout(input, p: p, training: mode.isTraining, generator: generator)
    }

    public func visitParameters(_ walk: inout ParameterWalk, path: String) {
        walk.visit(mode)
    }
}
