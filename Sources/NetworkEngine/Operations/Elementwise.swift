#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetworkKernels

// Elementwise functions of one tensor, and a tensor with a number. Each forward kernel sits
// beside its backward rule; the float32 formulas follow PyTorch's CPU kernels and
// `derivatives.yaml` term by term, because the order of float operations decides the last bits.
// A number is rounded to float32 first, as PyTorch's wrapped scalars are. An int64 or bool
// tensor meets a number or a floating function as float32 (its `values`), as in PyTorch.

/// The backward rule of an elementwise function: the input's gradient, element by element.
protocol ElementwiseRule: BackwardRule {
    /// The input's gradient from the result's gradient `g`, the input `x` and the result `y`
    /// (or, when `readsSavedValues`, the value the forward pass saved for the element).
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float
    /// Whether `y` is the value the forward pass saved (`Tensor.savedValues`) instead.
    static var readsSavedValues: Bool { get }
}

extension ElementwiseRule {
    static var readsSavedValues: Bool { false }

    @inline(__always)
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        let y = Self.readsSavedValues ? UnsafePointer(result.savedValues) : result.values
        result.withInput { input in
            let x = input.values
            result.passGradient(g, to: input) { g, i in derivative(g, x[i], y[i]) }
        }
    }
}

extension Tensor {
    /// The result of an elementwise function, recording `rule` as its backward.
    @inline(__always)
    func map<Rule: ElementwiseRule>(_ rule: Rule, _ forward: (Float) -> Float) -> Tensor {
        let x = values, count = count
        let out = Tensor(validShape: shape, count: count) { mapValues(x, count, into: $0, forward) }
        if requiresGrad { out.record(self, as: rule) }
        return out
    }
}

// MARK: - A tensor with a number

extension Tensor {
    public func add(_ scalar: Double) -> Tensor {
        let s = Float(scalar)
        return map(AddScalarBackward()) { $0 + s }
    }

    public func sub(_ scalar: Double) -> Tensor {
        let s = Float(scalar)
        return map(SubScalarBackward()) { $0 - s }
    }

    /// `scalar - self` (PyTorch's `rsub`).
    public func subtracted(from scalar: Double) -> Tensor {
        let s = Float(scalar)
        return map(RsubBackward()) { s - $0 }
    }

    public func mul(_ scalar: Double) -> Tensor {
        let s = Float(scalar)
        return map(MulScalarBackward(scalar: s)) { $0 * s }
    }

    public func div(_ scalar: Double) -> Tensor {
        let s = Float(scalar)
        return map(DivScalarBackward(scalar: s)) { $0 / s }
    }

    /// `scalar / self`: PyTorch computes `self.reciprocal() * scalar`.
    public func divided(into scalar: Double) -> Tensor {
        reciprocal().mul(scalar)
    }

    public func reciprocal() -> Tensor {
        map(ReciprocalBackward()) { 1 / $0 }
    }

    /// (int64 stays int64, as in PyTorch.)
    public func neg() -> Tensor {
        if dtype != .float32, let exact = integerMap({ 0 &- $0 }) { return exact }
        return map(NegBackward()) { -$0 }
    }

    /// `x ** exponent`, with PyTorch's special cases (2 and 3 are products, 0.5 is a square root…).
    public func pow(_ exponent: Double) -> Tensor {
        map(PowBackward(exponent: exponent)) { powScalar($0, exponent) }
    }
}

struct AddScalarBackward: ElementwiseRule {
    static let name = "AddBackward0"
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { g }
}

struct SubScalarBackward: ElementwiseRule {
    static let name = "SubBackward0"
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { g }
}

struct RsubBackward: ElementwiseRule {
    static let name = "RsubBackward1"
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { -g }
}

struct MulScalarBackward: ElementwiseRule {
    static let name = "MulBackward0"
    let scalar: Float
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { g * scalar }
}

struct DivScalarBackward: ElementwiseRule {
    static let name = "DivBackward0"
    let scalar: Float
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { g / scalar }
}

/// `-grad * (result * result)`.
struct ReciprocalBackward: ElementwiseRule {
    static let name = "ReciprocalBackward0"
    static let saved = SavedTensors.result
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { -g * (y * y) }
}

struct NegBackward: ElementwiseRule {
    static let name = "NegBackward0"
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { -g }
}

/// `grad * (exponent * x ** (exponent - 1))`; zeros for the exponent 0 (`pow_backward`).
struct PowBackward: ElementwiseRule {
    static let name = "PowBackward0"
    static let saved = SavedTensors.firstInput
    let exponent: Double
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float {
        exponent == 0 ? 0 : g * (Float(exponent) * powScalar(x, exponent - 1))
    }
}

// MARK: - Functions of one tensor

extension Tensor {
    public func tanh() -> Tensor {
        map(TanhBackward()) { roundedTanh($0) }
    }

    public func exp() -> Tensor {
        map(ExpBackward()) { expf($0) }
    }

    public func log() -> Tensor {
        map(LogBackward()) { logf($0) }
    }

    /// Rounded as PyTorch's MKL-backed kernel rounds on the reference's SSE4.2 path (`nk_sqrt`:
    /// not always the correctly rounded root, which `pow(0.5)` gives).
    public func sqrt() -> Tensor {
        map(SqrtBackward()) { nk_sqrt($0) }
    }

    public func erf() -> Tensor {
        map(ErfBackward()) { erff($0) }
    }

    /// (int64 stays int64.)
    public func abs() -> Tensor {
        if dtype != .float32, let exact = integerMap({ $0 < 0 ? 0 &- $0 : $0 }) { return exact }
        return map(AbsBackward()) { Swift.abs($0) }
    }

    /// `clamp_min(x, 0)` (int64 stays int64).
    public func relu() -> Tensor {
        if dtype != .float32, let exact = integerMap({ Swift.max($0, 0) }) { return exact }
        return map(ReluBackward()) { $0.isNaN ? $0 : Swift.max($0, 0) }
    }

    /// `1 / (1 + exp(-x))`.
    public func sigmoid() -> Tensor {
        map(SigmoidBackward()) { 1 / (1 + expf(-$0)) }
    }
}

/// `grad * (1 - y * y)` (`tanh_backward`, the subtraction fused).
struct TanhBackward: ElementwiseRule {
    static let name = "TanhBackward0"
    static let saved = SavedTensors.result
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { g * fused(-y, y, 1) }
}

struct ExpBackward: ElementwiseRule {
    static let name = "ExpBackward0"
    static let saved = SavedTensors.result
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { g * y }
}

struct LogBackward: ElementwiseRule {
    static let name = "LogBackward0"
    static let saved = SavedTensors.firstInput
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { g / x }
}

/// `grad / (2 * result)`.
struct SqrtBackward: ElementwiseRule {
    static let name = "SqrtBackward0"
    static let saved = SavedTensors.result
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { g / (2 * y) }
}

/// `2 / sqrt(pi) * exp(-(x * x)) * grad`.
struct ErfBackward: ElementwiseRule {
    static let name = "ErfBackward0"
    static let saved = SavedTensors.firstInput
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float {
        Float(2.0 / Double.pi.squareRoot()) * expf(-(x * x)) * g
    }
}

/// `grad * sgn(x)`: zero at zero.
struct AbsBackward: ElementwiseRule {
    static let name = "AbsBackward0"
    static let saved = SavedTensors.firstInput
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { g * (x > 0 ? 1 : (x < 0 ? -1 : 0)) }
}

/// The gradient where the result is positive (`threshold_backward` on the result).
struct ReluBackward: ElementwiseRule {
    static let name = "ReluBackward0"
    static let saved = SavedTensors.result
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { y <= 0 ? 0 : g }
}

/// `grad * (1 - y) * y` (`sigmoid_backward`).
struct SigmoidBackward: ElementwiseRule {
    static let name = "SigmoidBackward0"
    static let saved = SavedTensors.result
    func derivative(_ g: Float, _ x: Float, _ y: Float) -> Float { g * (1 - y) * y }
}
