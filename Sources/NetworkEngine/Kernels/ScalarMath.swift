#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Float32 arithmetic as PyTorch's CPU kernels round it. PyTorch's kernels are compiled with
// floating-point contraction, so where a kernel's expression adds a product, the product is
// fused (`fused`).

/// `a * b + c` with one rounding, as the compiled PyTorch kernel computes it. Computed in double:
/// the product of two floats is exact there, so only the sum rounds (twice: to double, then to
/// float, which differs from a true fused multiply-add only when the double lands exactly halfway
/// between two floats). Unlike `addingProduct` on baseline x86-64 this needs no library call and
/// vectorises.
@inline(__always)
func fused(_ a: Float, _ b: Float, _ c: Float) -> Float {
    Float(Double(a) * Double(b) + Double(c))
}

/// `f` of each of `count` values from `x`, written to `out` (large tensors split over two
/// threads, `forEachHalf`).
@inline(__always)
func mapValues(_ x: UnsafePointer<Float>, _ count: Int, into out: UnsafeMutablePointer<Float>, _ f: (Float) -> Float) {
    forEachHalf(count) { range in for i in range { out[i] = f(x[i]) } }
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
    Float(doubleTanh(Double(x)))
}

/// The C library's double `tanh` (named apart from the engine's `tanh(_: Tensor)`).
@inline(__always)
private func doubleTanh(_ x: Double) -> Double {
    #if canImport(Glibc)
    Glibc.tanh(x)
    #else
    Darwin.tanh(x)
    #endif
}
