/// `nn.LayerNorm(normalizedShape, eps, elementwiseAffine, bias)`: each row of the last
/// `normalizedShape.count` dimensions is normalised to mean 0 and variance 1 (biased), then scaled
/// by `weight` (ones) and shifted by `bias` (zeros), as PyTorch's CPU kernel rounds it.
public struct LayerNorm: Module {
    public let normalizedShape: [Int]
    public let eps: Double
    public let weight: Tensor?
    public let bias: Tensor?
    let mode = TrainingMode()

    /// Traps on a negative size with affine parameters; `init(checking:)` throws instead.
    public init(_ normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        do {
            try self.init(checking: normalizedShape, eps: eps, elementwiseAffine: elementwiseAffine, bias: bias)
        } catch { fatalError("\(error)") }
    }

    public init(_ normalizedShape: Int, eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        self.init([normalizedShape], eps: eps, elementwiseAffine: elementwiseAffine, bias: bias)
    }

    /// A negative size is PyTorch's error for the `weight` it makes; without affine parameters
    /// nothing is made, so, as in PyTorch, only the forward pass refuses the shape.
    public init(checking normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) throws {
        self.normalizedShape = normalizedShape
        self.eps = eps
        if elementwiseAffine {
            let ones = try Tensor.ones(checking: normalizedShape)
            ones.makeParameter()
            weight = ones
            if bias {
                let zeros = try Tensor.zeros(checking: normalizedShape)
                zeros.makeParameter()
                self.bias = zeros
            } else {
                self.bias = nil
            }
        } else {
            weight = nil
            self.bias = nil
        }
    }

    public init(checking normalizedShape: Int, eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) throws {
        try self.init(checking: [normalizedShape], eps: eps, elementwiseAffine: elementwiseAffine, bias: bias)
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try layerNorm(input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }

    public func visitParameters(_ walk: inout ParameterWalk, path: String) {
        if let weight { walk.visit(weight, path: path, name: "weight") }
        if let bias { walk.visit(bias, path: path, name: "bias") }
        walk.visit(mode)
    }
}

/// `F.layer_norm`: `native_layer_norm` on CPU (docs/pytorch-numerics.md §1c): per row,
/// `(mean, var) = RowwiseMoments(row)`, `rstd = 1 / sqrt(var + Float(eps))`,
/// `y = fma((x + (-mean)) * rstd, gamma, beta)`, with the fused operations only where PyTorch's
/// AVX2/AVX-512 build has them (this engine's kernel variant; `LECTERN_CPU_CAPABILITY=baseline`
/// gives the DEFAULT build's numbers). A `bias` needs a `weight`, as in `nn.LayerNorm`.
public func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                      eps: Double = 1e-5) throws -> Tensor {
    try checkLayerNormShapes(input, normalizedShape, weight, bias)
    let width = normalizedShape.reduce(1, *)
    let out = layerNormForward(input, width: width, weight: weight, bias: bias, eps: Float(eps),
                               fusing: KernelVariant.best != .baseline)
    if Tensor.anyRequiresGrad(input, weight, bias) {
        let rule = NativeLayerNormBackward(eps: Float(eps), width: width, hasWeight: weight != nil, hasBias: bias != nil)
        if let weight { out.record(input, weight, bias, as: rule) } else { out.record(input, as: rule) }
    }
    return out
}

/// PyTorch's shape checks, in its words.
private func checkLayerNormShapes(_ input: Tensor, _ normalizedShape: [Int], _ weight: Tensor?, _ bias: Tensor?) throws {
    let described = "[" + normalizedShape.map(String.init).joined(separator: ", ") + "]"
    guard !normalizedShape.isEmpty else {
        throw TensorError("Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = \(described)")
    }
    if let weight, weight.shape != normalizedShape {
        throw TensorError("Expected weight to be of same shape as normalized_shape, but got weight of shape \(describedShape(weight.shape)) and normalized_shape = \(described)")
    }
    if let bias, bias.shape != normalizedShape {
        throw TensorError("Expected bias to be of same shape as normalized_shape, but got bias of shape \(describedShape(bias.shape)) and normalized_shape = \(described)")
    }
    if bias != nil && weight == nil { throw TensorError("layerNorm: a bias needs a weight") }
    guard input.shape.count >= normalizedShape.count, Array(input.shape.suffix(normalizedShape.count)) == normalizedShape else {
        let expected = "[*, " + normalizedShape.map(String.init).joined(separator: ", ") + "]"
        throw TensorError("Given normalized_shape=\(described), expected input with shape \(expected), but got input of size\(describedShape(input.shape))")
    }
    guard input.dtype == .float32 else { throw TensorError("layer_norm: expected a float32 input, got \(input.dtype)") }
}

private func describedShape(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}

/// The forward values, row by row (`fusing` chooses PyTorch's AVX2 or DEFAULT rounding).
func layerNormForward(_ input: Tensor, width: Int, weight: Tensor?, bias: Tensor?, eps: Float, fusing: Bool) -> Tensor {
    let x = input.values, gamma = weight?.values, beta = bias?.values
    let rows = width == 0 ? 0 : input.count / width
    return Tensor(validShape: input.shape, count: input.count) { out in
        for row in 0..<rows {
            let xr = x + row * width, yr = out + row * width
            let (mean, variance) = rowwiseMoments(xr, count: width, fusing: fusing)
            let rstd = reciprocalStandardDeviation(variance, eps: eps)
            let shift = -mean
            for j in 0..<width {
                let normalized = (xr[j] + shift) * rstd
                if let gamma {
                    yr[j] = multiplyAdd(normalized, gamma[j], beta?[j] ?? 0, fusing: fusing)
                } else {
                    yr[j] = normalized
                }
            }
        }
    }
}

/// `NativeLayerNormBackward0` (layer_norm_kernel.cpp `layer_norm_backward_frame`), with the
/// row's mean and rstd recomputed bit for bit from the saved input. Per row, with a = rstd:
/// `ds = Σ dy·x·γ`, `db = Σ dy·γ` (8-lane `reduce_all`, its partial last vector fused),
/// `b = (db·mean − ds)·a·a·a/N`, `c = −b·mean − db·a/N`, `dx = a·dy·γ + b·x + c`;
/// `dγ += dy·(a·x − a·mean)`, `dβ += dy`, rows in order. The input gradient is PyTorch's bit for
/// bit (docs/pytorch-numerics.md 1c).
struct NativeLayerNormBackward: BackwardRule {
    static let name = "NativeLayerNormBackward0"
    static let saved: SavedTensors = [.firstInput, .secondInput]
    let eps: Float
    let width: Int
    let hasWeight: Bool
    let hasBias: Bool

    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        let fusing = KernelVariant.best != .baseline
        let n = width
        let rows = n == 0 ? 0 : result.count / n
        let scale = Float(1) / Float(n)
        result.withInput(at: 0) { input in
            let x = input.values
            let gamma: UnsafePointer<Float>? = hasWeight ? result.withInput(at: 1) { $0.values } : nil
            var statistics: [(mean: Float, rstd: Float)] = []
            statistics.reserveCapacity(rows)
            for row in 0..<rows {
                let (mean, variance) = rowwiseMoments(x + row * n, count: n, fusing: fusing)
                statistics.append((mean, reciprocalStandardDeviation(variance, eps: eps)))
            }
            input.accumulate(writing: { dx in
                for row in 0..<rows {
                    let dy = g + row * n, xr = x + row * n, out = dx + row * n
                    let (mean, a) = statistics[row]
                    let ds = laneReduce(n, fusing: fusing) { j in gamma.map { (dy[j] * xr[j], $0[j]) } ?? (dy[j], xr[j]) }
                    let db = laneReduce(n, fusing: fusing) { j in (dy[j], gamma?[j] ?? 1) }
                    let b = multiplyAdd(db, mean, -ds, fusing: fusing) * a * a * a * scale
                    let c = multiplyAdd(-b, mean, -(db * a * scale), fusing: fusing)
                    for j in 0..<n {
                        let scaled = a * dy[j] * (gamma?[j] ?? 1)
                        out[j] = multiplyAdd(b, xr[j], scaled, fusing: fusing) + c
                    }
                }
            })
            guard hasWeight else { return }
            result.withInput(at: 1) { weight in
                weight.accumulate(writing: { dgamma in
                    dgamma.initialize(repeating: 0, count: n)
                    for row in 0..<rows {
                        let dy = g + row * n, xr = x + row * n
                        let (mean, a) = statistics[row]
                        let b = -a * mean
                        for j in 0..<n {
                            dgamma[j] = multiplyAdd(dy[j], multiplyAdd(a, xr[j], b, fusing: fusing), dgamma[j], fusing: fusing)
                        }
                    }
                })
            }
            guard hasBias else { return }
            result.withInput(at: 2) { bias in
                bias.accumulate(writing: { dbeta in
                    dbeta.initialize(repeating: 0, count: n)
                    for row in 0..<rows {
                        let dy = g + row * n
                        for j in 0..<n { dbeta[j] += dy[j] }
                    }
                })
            }
        }
    }
}
