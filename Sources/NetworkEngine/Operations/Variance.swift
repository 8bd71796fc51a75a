#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// var and std (`correction` 1 is PyTorch's `unbiased=True`). ATen computes them in double in
// two ways (docs/pytorch-numerics.md 1b): a result of more than one element runs Welford's
// update in double over each output's elements in index order; a single-element result takes
// the float mean of everything (the cascade sum / n), then sums squared deviations in double.
// The double is divided by `n - correction` (at most 0 gives inf or NaN, with PyTorch's warning),
// then rounded to float (after the square root for std).

extension Tensor {
    /// `x.var(unbiased=)` of every element.
    public func `var`(unbiased: Bool = true) throws -> Tensor {
        try variance(dims: [], correction: unbiased ? 1 : 0, keepDim: false, root: false)
    }

    /// `x.var(correction=)` of every element.
    public func `var`(correction: Double) throws -> Tensor {
        try variance(dims: [], correction: correction, keepDim: false, root: false)
    }

    /// `x.var(dim, unbiased=, keepdim=)`.
    public func `var`(dim: Int, unbiased: Bool = true, keepDim: Bool = false) throws -> Tensor {
        try variance(dims: [dim], correction: unbiased ? 1 : 0, keepDim: keepDim, root: false)
    }

    /// `x.var(dims, correction=, keepdim=)` over several dimensions (an empty list: all).
    public func `var`(dims: [Int], correction: Double = 1, keepDim: Bool = false) throws -> Tensor {
        try variance(dims: dims, correction: correction, keepDim: keepDim, root: false)
    }

    /// `x.std(unbiased=)` of every element.
    public func std(unbiased: Bool = true) throws -> Tensor {
        try variance(dims: [], correction: unbiased ? 1 : 0, keepDim: false, root: true)
    }

    /// `x.std(correction=)` of every element.
    public func std(correction: Double) throws -> Tensor {
        try variance(dims: [], correction: correction, keepDim: false, root: true)
    }

    /// `x.std(dim, unbiased=, keepdim=)`.
    public func std(dim: Int, unbiased: Bool = true, keepDim: Bool = false) throws -> Tensor {
        try variance(dims: [dim], correction: unbiased ? 1 : 0, keepDim: keepDim, root: true)
    }

    /// `x.std(dims, correction=, keepdim=)` over several dimensions (an empty list: all).
    public func std(dims: [Int], correction: Double = 1, keepDim: Bool = false) throws -> Tensor {
        try variance(dims: dims, correction: correction, keepDim: keepDim, root: true)
    }

    private func variance(dims: [Int], correction: Double, keepDim: Bool, root: Bool) throws -> Tensor {
        let name = root ? "std" : "var"
        guard dtype == .float32 else { throw TensorError("std and var only support floating point and complex dtypes") }
        let reduction = try ReducedDimensions(shape, dims)
        let n = Double(reduction.reducedCount)
        if n - correction <= 0 {
            warn("\(name)(): degrees of freedom is <= 0. Correction should be strictly less than the reduction factor (input numel divided by output numel).")
        }
        let divisor = Swift.max(n - correction, 0)
        let x = values
        var results: [Double]
        if reduction.resultCount == 1 {
            let mean = Double(contiguousSum(x, count) / Float(count))
            var squares = 0.0
            for i in 0..<count {
                let deviation = Double(x[i]) - mean
                squares += deviation * deviation
            }
            results = [squares / divisor]
        } else {
            var means = [Double](repeating: 0, count: reduction.resultCount)
            var m2 = [Double](repeating: 0, count: reduction.resultCount)
            var seen = [Double](repeating: 0, count: reduction.resultCount)
            reduction.forEachElement { i, o in
                let value = Double(x[i])
                seen[o] += 1
                let delta = value - means[o]
                means[o] += delta / seen[o]
                m2[o] += delta * (value - means[o])
            }
            results = m2.map { $0 / divisor }
        }
        let out = Tensor(validShape: reduction.resultShape(keepDim: keepDim), scalars: results.map { Float(root ? $0.squareRoot() : $0) })
        if requiresGrad {
            let rule = VarianceBackward(mask: reduction.mask, correction: correction)
            if root { out.record(self, as: StdBackward(rule)) } else { out.record(self, as: rule) }
        }
        return out
    }
}

/// `var_backward`: `(2 / (n - correction)) * grad * (x - x.mean(dims, keepdim=True))`, the
/// factor computed in double and rounded to float (a wrapped scalar), the products in this order.
struct VarianceBackward: BackwardRule {
    static let name = "VarBackward0"
    static let saved = SavedTensors.firstInput
    let mask: UInt64
    let correction: Double

    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInput { x in
            let reduction = ReducedDimensions(shape: x.shape, mask: mask)
            let v = x.values
            let n = Float(reduction.reducedCount)
            let means = reduction.sums(v).map { $0 / n }
            let dof = Double(reduction.reducedCount) - correction
            let factor = Float(2.0 / dof)
            x.accumulate(writing: { out in
                reduction.forEachElement { i, o in out[i] = (factor * g[o]) * (v[i] - means[o]) }
            })
        }
    }
}

/// `std_backward`: `var_backward` of `grad / (2 * std)`, zero where the std is 0.
struct StdBackward: BackwardRule {
    static let name = "StdBackward0"
    static let saved: SavedTensors = [.firstInput, .result]
    let mask: UInt64
    let correction: Double

    init(_ variance: VarianceBackward) {
        mask = variance.mask
        correction = variance.correction
    }

    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        let std = result.values
        let scaled = (0..<result.count).map { std[$0] == 0 ? 0 : g[$0] / (std[$0] * 2) }
        scaled.withUnsafeBufferPointer { scaled in
            VarianceBackward(mask: mask, correction: correction).backward(scaled.baseAddress!, of: result)
        }
    }
}
