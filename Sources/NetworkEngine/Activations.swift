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
            let out = Tensor(validShape: shape, scalars: geluErfVectorForward(scalars))
            if requiresGrad {
                out.record(self) { [x = self] g in
                    x.accumulate(geluErfVectorBackward(x.scalars, g))
                }
            }
            return out
        }
        return unary({ x in x * 0.5 * (1 + erff(x * geluErfAlpha)) }) { g, x, _, _ in
            let cdf = 0.5 * (1 + erff(x * geluErfAlpha))
            let pdf = geluErfBeta * expf(x * x * -0.5)
            return g * fused(x, pdf, cdf)
        }
    }

    /// `F.gelu(x, approximate='tanh')`: `½ · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))`.
    func geluTanh() -> Tensor {
        unary({ x in
            let cube = x * x * x
            let inner = geluTanhBeta * fused(geluTanhKappa, cube, x)
            return 0.5 * x * (1 + tanhf(inner))
        }, { g, x, _, _ in
            let square = x * x
            let cube = square * x
            let inner = geluTanhBeta * fused(geluTanhKappa, cube, x)
            let tanhInner = tanhf(inner)
            let left = 0.5 * x
            let right = 1 + tanhInner
            let tanhDerivative = fused(-tanhInner, tanhInner, 1)
            let innerDerivative = geluTanhBeta * fused(3 * geluTanhKappa, square, 1)
            let rightDerivative = left * tanhDerivative * innerDerivative
            // left derivative = 0.5 · right, fused into the sum.
            return g * fused(0.5, right, rightDerivative)
        })
    }
}
