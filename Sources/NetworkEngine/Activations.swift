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
    /// `F.gelu(x)`: `x · ½ · (1 + erf(x/√2))`.
    func geluErf() -> Tensor {
        unary({ x in x * 0.5 * (1 + erff(x * geluErfAlpha)) }, { g, x, _ in
            let cdf = 0.5 * (1 + erff(x * geluErfAlpha))
            let pdf = geluErfBeta * expf(x * x * -0.5)
            return g * (cdf + x * pdf)
        })
    }

    /// `F.gelu(x, approximate='tanh')`: `½ · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))`.
    func geluTanh() -> Tensor {
        unary({ x in
            let cube = x * x * x
            let inner = geluTanhBeta * (x + geluTanhKappa * cube)
            return 0.5 * x * (1 + tanhf(inner))
        }, { g, x, _ in
            let square = x * x
            let cube = square * x
            let inner = geluTanhBeta * (x + geluTanhKappa * cube)
            let tanhInner = tanhf(inner)
            let left = 0.5 * x
            let right = 1 + tanhInner
            let leftDerivative = 0.5 * right
            let tanhDerivative = 1 - tanhInner * tanhInner
            let innerDerivative = geluTanhBeta * (1 + 3 * geluTanhKappa * square)
            let rightDerivative = left * tanhDerivative * innerDerivative
            return g * (leftDerivative + rightDerivative)
        })
    }
}
