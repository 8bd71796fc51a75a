#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetworkKernels

// Elementwise operations. Each forward kernel sits beside its backward rule; the float32
// formulas follow PyTorch's CPU kernels and `derivatives.yaml` term by term, because the order
// of float operations decides the last bits. PyTorch's kernels are compiled with floating-point
// contraction, so where a kernel's expression adds a product, the product is fused (`fused`).

/// `a * b + c` with one rounding, as the compiled PyTorch kernel computes it. Computed in double:
/// the product of two floats is exact there, so only the sum rounds (twice: to double, then to
/// float, which differs from a true fused multiply-add only when the double lands exactly halfway
/// between two floats). Unlike `addingProduct` on baseline x86-64 this needs no library call and
/// vectorises.
@inline(__always)
func fused(_ a: Float, _ b: Float, _ c: Float) -> Float {
    Float(Double(a) * Double(b) + Double(c))
}

/// A new array of `count` floats, every one written by `fill`. Small arrays are grown from
/// empty with their capacity reserved: that path allocates once, with the storage type known
/// at compile time, while the general one (`unsafeUninitializedCapacity`) looks the storage
/// type up at run time on every call, and a literal is a shared constant copied on first write.
@inline(__always)
func makeScalars(_ count: Int, _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
    if count > 0 && count <= 16 {
        var values: [Float] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(0) }
        values.withUnsafeMutableBufferPointer { fill($0) }
        return values
    }
    return [Float](unsafeUninitializedCapacity: count) { out, initialized in
        fill(out)
        initialized = count
    }
}

/// A new array of `count` floats, every one written by `write` (not called when there are none).
@inline(__always)
func scalarArray(_ count: Int, writing write: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
    makeScalars(count) { if let base = $0.baseAddress { write(base) } }
}

// The elementwise loops below split large tensors over two threads (`forEachHalf`).

/// `f` of each of `count` values from `x`, written to `out`.
@inline(__always)
func mapValues(_ x: UnsafePointer<Float>, _ count: Int, into out: UnsafeMutablePointer<Float>, _ f: (Float) -> Float) {
    forEachHalf(count) { range in for i in range { out[i] = f(x[i]) } }
}

@inline(__always)
func zipScalars(_ a: [Float], _ b: [Float], _ f: (Float, Float) -> Float) -> [Float] {
    let count = a.count
    return makeScalars(count) { out in
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                guard let a = a.baseAddress, let b = b.baseAddress, let out = out.baseAddress else { return }
                forEachHalf(count) { range in for i in range { out[i] = f(a[i], b[i]) } }
            }
        }
    }
}

// MARK: - Tensor with tensor (broadcasting)

extension Tensor {
    public func add(_ other: Tensor) throws -> Tensor {
        let shape = try broadcastShapes(self.shape, other.shape)
        let a = values, b = other.values
        let out = Tensor(validShape: shape, count: elementCount(shape)) { out in
            broadcastMap(shape, a, self.shape, b, other.shape, into: out, +)
        }
        if Tensor.anyRequiresGrad(self, other) { out.record(self, other, as: .add) }
        return out
    }

    /// The rule of `add`, run on its output: the gradient summed back to each input's shape.
    func addBackward(_ g: UnsafePointer<Float>) {
        withInputs { a, b in
            passGradient(g, to: a)
            passGradient(g, to: b)
        }
    }

    public func sub(_ other: Tensor) throws -> Tensor {
        let shape = try broadcastShapes(self.shape, other.shape)
        let a = values, b = other.values
        let out = Tensor(validShape: shape, count: elementCount(shape)) { out in
            broadcastMap(shape, a, self.shape, b, other.shape, into: out, -)
        }
        if Tensor.anyRequiresGrad(self, other) { out.record(self, other, as: .subtract) }
        return out
    }

    /// The rule of `sub`, run on its output: the gradient, and its negation, summed back.
    func subtractBackward(_ g: UnsafePointer<Float>) {
        withInputs { a, b in
            passGradient(g, to: a)
            let count = count
            b.accumulate(broadcastFrom: shape, writing: { mapValues(g, count, into: $0) { -$0 } })
        }
    }

    public func mul(_ other: Tensor) throws -> Tensor {
        let shape = try broadcastShapes(self.shape, other.shape)
        let a = values, b = other.values
        let out = Tensor(validShape: shape, count: elementCount(shape)) { out in
            broadcastMap(shape, a, self.shape, b, other.shape, into: out, *)
        }
        if Tensor.anyRequiresGrad(self, other) { out.record(self, other, as: .multiply) }
        return out
    }

    /// The rule of `mul`, run on its output. d(a·b)/da = b, d(a·b)/db = a: `grad * other`,
    /// `grad * self`, each summed back to its input's shape.
    func multiplyBackward(_ g: UnsafePointer<Float>) {
        let shape = shape
        withInputs { a, b in
            a.accumulate(broadcastFrom: shape, writing: { broadcastMap(shape, g, shape, b.values, b.shape, into: $0, *) })
            b.accumulate(broadcastFrom: shape, writing: { broadcastMap(shape, g, shape, a.values, a.shape, into: $0, *) })
        }
    }

    public func div(_ other: Tensor) throws -> Tensor {
        let shape = try broadcastShapes(self.shape, other.shape)
        let out = Tensor(validShape: shape, scalars: broadcastMap(shape, scalars, self.shape, other.scalars, other.shape, /))
        if Tensor.anyRequiresGrad(self, other) {
            out.record(self, other) { [a = self, b = other] g in
                // `grad / other` and `-grad * ((self / other) / other)`.
                if a.requiresGrad {
                    a.accumulate(sumToShape(broadcastMap(shape, g, shape, b.scalars, b.shape, /), from: shape, to: a.shape))
                }
                if b.requiresGrad {
                    let quotient = broadcastMap(shape, a.scalars, a.shape, b.scalars, b.shape, /)
                    let twice = broadcastMap(shape, quotient, shape, b.scalars, b.shape, /)
                    b.accumulate(sumToShape(zipScalars(g, twice) { -$0 * $1 }, from: shape, to: b.shape))
                }
            }
        }
        return out
    }
}

// MARK: - Tensor with a number (the number is rounded to float32, as PyTorch's wrapped scalars are)

extension Tensor {
    public func add(_ scalar: Double) -> Tensor {
        let s = Float(scalar)
        return unary({ $0 + s }, parameter: scalar) { g, _, _, _ in g }
    }

    public func sub(_ scalar: Double) -> Tensor {
        let s = Float(scalar)
        return unary({ $0 - s }, parameter: scalar) { g, _, _, _ in g }
    }

    /// `scalar - self` (PyTorch's `rsub`).
    public func subtracted(from scalar: Double) -> Tensor {
        let s = Float(scalar)
        return unary({ s - $0 }, parameter: scalar) { g, _, _, _ in -g }
    }

    public func mul(_ scalar: Double) -> Tensor {
        let s = Float(scalar)
        return unary({ $0 * s }, parameter: scalar) { g, _, _, s in g * Float(s) }
    }

    public func div(_ scalar: Double) -> Tensor {
        let s = Float(scalar)
        return unary({ $0 / s }, parameter: scalar) { g, _, _, s in g / Float(s) }
    }

    /// `scalar / self`: PyTorch computes `self.reciprocal() * scalar`.
    public func divided(into scalar: Double) -> Tensor {
        reciprocal().mul(scalar)
    }

    /// `1 / self`; backward `-grad * (result * result)`.
    public func reciprocal() -> Tensor {
        unary({ 1 / $0 }) { g, _, y, _ in -g * (y * y) }
    }
}

// MARK: - Unary functions

extension Tensor {
    /// The result of an elementwise function; `backward(grad, x, y, parameter)` gives the
    /// input's gradient (`parameter` is the operation's number, handed back to it).
    @inline(__always)
    func unary(_ forward: (Float) -> Float, parameter: Double = 0, _ backward: ElementwiseDerivative) -> Tensor {
        let x = values, count = count
        let out = Tensor(validShape: shape, count: count) { mapValues(x, count, into: $0, forward) }
        if requiresGrad { out.record(self, as: .elementwise(backward, parameter: parameter)) }
        return out
    }

    /// The rule of `unary`, run on its output: `derivative(grad, x, y)` for each element, `y`
    /// being the output's values or the values the forward pass saved.
    /// A small input's gradient is written straight into its pending gradient; a large incoming
    /// gradient in an array of its own is written over, and the array handed on.
    func elementwiseBackward(_ g: UnsafePointer<Float>, _ derivative: ElementwiseDerivative, _ parameter: Double,
                             reading y: UnsafePointer<Float>) {
        withInput { input in
            guard input.requiresGrad else { return }
            let x = input.values
            if input.pendingGradient == nil, var gradient = takePendingHeapGradient() {
                // A large gradient held in an array of its own: the input's is written over it.
                gradient.withUnsafeMutableBufferPointer { g in
                    forEachHalf(g.count) { range in for i in range { g[i] = derivative(g[i], x[i], y[i], parameter) } }
                }
                input.accumulate(gradient)
            } else {
                input.accumulate { derivative(g[$0], x[$0], y[$0], parameter) }
            }
        }
    }

    public func neg() -> Tensor {
        unary({ -$0 }) { g, _, _, _ in -g }
    }

    /// `x ** exponent`, with PyTorch's special cases (2 and 3 are products, 0.5 is a square root…);
    /// backward `grad * (exponent * x ** (exponent - 1))`.
    public func pow(_ exponent: Double) -> Tensor {
        if exponent == 0 {
            return unary({ _ in 1 }) { _, _, _, _ in 0 }
        }
        return unary({ powScalar($0, exponent) }, parameter: exponent) { g, x, _, exponent in
            g * (Float(exponent) * powScalar(x, exponent - 1))
        }
    }

    /// Backward `grad * (1 - y * y)` (`tanh_backward`, the subtraction fused).
    public func tanh() -> Tensor {
        unary({ roundedTanh($0) }) { g, _, y, _ in g * fused(-y, y, 1) }
    }

    public func exp() -> Tensor {
        unary({ expf($0) }) { g, _, y, _ in g * y }
    }

    public func log() -> Tensor {
        unary({ logf($0) }) { g, x, _, _ in g / x }
    }

    /// Rounded as PyTorch's MKL-backed kernel rounds on the reference's SSE4.2 path (`nk_sqrt`:
    /// not always the correctly rounded root, which `pow(0.5)` gives). Backward `grad / (2 * result)`.
    public func sqrt() -> Tensor {
        unary({ nk_sqrt($0) }) { g, _, y, _ in g / (2 * y) }
    }

    /// Backward `2 / sqrt(pi) * exp(-(x * x)) * grad`.
    public func erf() -> Tensor {
        unary({ erff($0) }, parameter: 2.0 / Double.pi.squareRoot()) { g, x, _, twoOverRootPi in
            Float(twoOverRootPi) * expf(-(x * x)) * g
        }
    }

    /// Backward `grad * sgn(x)`: zero at zero.
    public func abs() -> Tensor {
        unary({ Swift.abs($0) }) { g, x, _, _ in g * (x > 0 ? 1 : (x < 0 ? -1 : 0)) }
    }

    /// `clamp_min(x, 0)`; backward passes the gradient where the result is positive.
    public func relu() -> Tensor {
        unary({ $0.isNaN ? $0 : Swift.max($0, 0) }) { g, _, y, _ in y <= 0 ? 0 : g }
    }

    /// `1 / (1 + exp(-x))`; backward `grad * (1 - y) * y` (`sigmoid_backward`).
    public func sigmoid() -> Tensor {
        unary({ 1 / (1 + expf(-$0)) }) { g, _, y, _ in g * (1 - y) * y }
    }
}

/// PyTorch's `pow(tensor, scalar)` kernel for float: small exponents become exact products.
@inline(__always)
func powScalar(_ x: Float, _ exponent: Double) -> Float {
    switch exponent {
    case 0: return 1
    case 1: return x
    case 2: return x * x
    case 3: return x * x * x
    case 0.5: return sqrtf(x)
    case -0.5: return 1 / sqrtf(x)
    case -1: return 1 / x
    case -2: return 1 / (x * x)
    default: return powf(x, Float(exponent))
    }
}

/// tanh correctly rounded to float (via double, whose error is far below half a float ulp):
/// recent C libraries' `tanhf` is correctly rounded and PyTorch calls it for small tensors; an
/// older one (glibc 2.36) is up to an ulp off. (Measured against the reference files, this
/// matches more of PyTorch's results bit for bit than the local `tanhf`.)
@inline(__always)
func roundedTanh(_ x: Float) -> Float {
    Float(Glibc.tanh(Double(x)))
}

