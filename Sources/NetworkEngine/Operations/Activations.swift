#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// PyTorch's fused GELU kernels (aten/src/ATen/native/cpu/Activation.cpp), forward and backward,
// in float32 with the same grouping of operations.

/// √2 · (2/√π) · ½ = √(2/π), rounded to float32 as the kernel's constant is.
private let geluTanhBeta = Float(2.0.squareRoot() * (2.0 / Double.pi.squareRoot()) * 0.5)
private let geluTanhKappa: Float = 0.044715
/// 1/√2.
private let geluErfAlpha = Float(0.5.squareRoot())
/// (2/√π) · (1/√2) · ½ = 1/√(2π).
private let geluErfBeta = Float((2.0 / Double.pi.squareRoot()) * 0.5.squareRoot() * 0.5)

extension Tensor {
    /// `F.gelu(x)`: `x · ½ · (1 + erf(x/√2))`. More than one element goes to oneDNN's kernels
    /// (as in PyTorch), a single element to PyTorch's own with the C library's erf.
    func geluErf() -> Tensor {
        if count > 1 {
            let x = values, count = count
            let out = Tensor(validShape: shape, count: count) { geluErfVectorForward(x, count, into: $0) }
            if requiresGrad { out.record(self, as: GeluErfVectorBackward()) }
            return out
        }
        return map(GeluErfBackward()) { x in x * 0.5 * (1 + erff(x * geluErfAlpha)) }
    }

    /// `F.gelu(x, approximate='tanh')`: `½ · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))`.
    /// A small tensor's result keeps the tanh of each element for the backward pass, which
    /// PyTorch's kernel computes again (the same float, so the same bits, without the second
    /// `tanhf`: a tenth of a lesson's step).
    func geluTanh() -> Tensor {
        guard requiresGrad && count <= Tensor.savedValuesCapacity else {
            return map(GeluTanhBackward()) { x in geluTanhForward(x, geluTanhOfInner(x)) }
        }
        // Its values and the saved tanh in one loop.
        let x = values
        let out = Tensor(validShape: shape, count: count, fillingWithSaved: { y, saved in
            for i in 0..<count {
                saved[i] = geluTanhOfInner(x[i])
                y[i] = geluTanhForward(x[i], saved[i])
            }
        })
        out.record(self, as: GeluTanhSavedBackward())
        return out
    }
}

/// oneDNN's `gelu_backward` over every element.
struct GeluErfVectorBackward: BackwardRule {
    static let name = "GeluBackward0"
    static let saved = SavedTensors.firstInput
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInput { x in
            let count = x.count, values = x.values
            x.accumulate(writing: { geluErfVectorBackward(values, g, count, into: $0) })
        }
    }
}

/// PyTorch's own kernel (one element): `grad · (cdf + x · pdf)`, the sum fused.
struct GeluErfBackward: ElementwiseRule {
    static let name = "GeluBackward0"
    static let saved = SavedTensors.firstInput
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float {
        let cdf = 0.5 * (1 + erff(x * geluErfAlpha))
        let pdf = geluErfBeta * expf(x * x * -0.5)
        return g * fused(x, pdf, cdf)
    }
}

/// The tanh form's backward, computing the tanh again as PyTorch's kernel does.
struct GeluTanhBackward: ElementwiseRule {
    static let name = "GeluBackward0"
    static let saved = SavedTensors.firstInput
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { geluTanhBackward(g, x, geluTanhOfInner(x)) }
}

/// The tanh form's backward, reading the tanh the forward pass saved.
struct GeluTanhSavedBackward: ElementwiseRule {
    static let name = "GeluBackward0"
    static let saved = SavedTensors.firstInput
    static var readsSavedValues: Bool { true }
    func derivative(_ g: Float, _ x: Float, _ tanhInner: Float) -> Float { geluTanhBackward(g, x, tanhInner) }
}

/// tanh(√(2/π) · (x + 0.044715 · x³)), as the fused kernel computes it.
@inline(__always)
private func geluTanhOfInner(_ x: Float) -> Float {
    let cube = x * x * x
    return tanhf(geluTanhBeta * fused(geluTanhKappa, cube, x))
}

/// `½ · x · (1 + tanhInner)`.
@inline(__always)
private func geluTanhForward(_ x: Float, _ tanhInner: Float) -> Float {
    0.5 * x * (1 + tanhInner)
}

/// The input's gradient from the output's `g`, with `tanhInner` from `geluTanhOfInner(x)`.
@inline(__always)
private func geluTanhBackward(_ g: Float, _ x: Float, _ tanhInner: Float) -> Float {
    let square = x * x
    let left = 0.5 * x
    let right = 1 + tanhInner
    let tanhDerivative = fused(-tanhInner, tanhInner, 1)
    let innerDerivative = geluTanhBeta * fused(3 * geluTanhKappa, square, 1)
    let rightDerivative = left * tanhDerivative * innerDerivative
    // left derivative = 0.5 · right, fused into the sum.
    return g * fused(0.5, right, rightDerivative)
}

