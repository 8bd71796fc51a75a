// `F.linear` (`nn.Linear`): `x · weightᵀ + bias`, PyTorch's `addmm`. Small layers follow the
// summation order of the BLAS kernel PyTorch calls (below), so a lesson's results match
// PyTorch's bit for bit; large ones use the vector kernel of `Kernels/MatrixProducts.swift`.

extension Tensor {
    /// `F.linear`: `x · weightᵀ + bias` over the last dimension of `x` (PyTorch's `addmm`).
    func linear(weight: Tensor, bias: Tensor?) throws -> Tensor {
        guard dtype == .float32 else {
            throw TensorError("mat1 and mat2 must have the same dtype, but got \(dtype.scalarTypeName) and Float")
        }
        let outFeatures = weight.shape[0], inFeatures = weight.shape[1]
        guard let last = shape.last, last == inFeatures else {
            let rows = shape.count > 1 ? shape.dropLast().reduce(1, *) : 1
            throw TensorError("mat1 and mat2 shapes cannot be multiplied (\(rows)x\(shape.last ?? 1) and \(inFeatures)x\(outFeatures))")
        }
        let rows = count / inFeatures
        var outShape = shape
        if last != outFeatures { outShape[outShape.count - 1] = outFeatures }
        let out: Tensor
        if rows * inFeatures * outFeatures <= exactProductLimit {
            let x = values, w = weight.values, b = bias?.values
            out = Tensor(validShape: outShape, count: rows * outFeatures) { out in
                linearProduct(x, w, bias: b, rows: rows, inFeatures: inFeatures, outFeatures: outFeatures, into: out)
            }
        } else {
            out = Tensor(validShape: outShape, scalars: largeLinearProduct(weight: weight, bias: bias, rows: rows,
                                                                           inFeatures: inFeatures, outFeatures: outFeatures))
        }
        if Tensor.anyRequiresGrad(self, weight, bias) { out.record(self, weight, bias, as: LinearBackward()) }
        return out
    }

    /// `x · weightᵀ + bias` by the vector kernel, then the bias added to each row.
    private func largeLinearProduct(weight: Tensor, bias: Tensor?, rows: Int, inFeatures: Int, outFeatures: Int) -> [Float] {
        var result = matrixProduct(scalars, weight.transposedWeight(), m: rows, k: inFeatures, n: outFeatures)
        if let bias {
            let b = bias.values
            result.withUnsafeMutableBufferPointer { out in
                for r in 0..<rows {
                    for j in 0..<outFeatures { out[r * outFeatures + j] += b[j] }
                }
            }
        }
        return result
    }
}

/// dx = dy · W, dW = dyᵀ · x, db = dy summed over rows.
struct LinearBackward: BackwardRule {
    static let name = "AddmmBackward0"
    static let saved = SavedTensors.bothInputs
    func backward(_ dy: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { x, weight in
            let outFeatures = weight.shape[0], inFeatures = weight.shape[1]
            let rows = x.count / inFeatures
            let xValues = x.values, weightValues = weight.values
            if rows == 1 {
                x.accumulate(writing: { rowTimesMatrix(dy, weightValues, k: outFeatures, n: inFeatures, into: $0) })
                weight.accumulate(writing: { outerProduct(dy, xValues, m: outFeatures, n: inFeatures, into: $0) })
            } else {
                x.accumulate(writing: {
                    multiply(MatrixView(base: dy, rowStride: outFeatures, columnStride: 1), weightValues,
                             into: $0, m: rows, k: outFeatures, n: inFeatures)
                })
                weight.accumulate(writing: {
                    multiply(MatrixView(base: dy, rowStride: 1, columnStride: outFeatures), xValues,
                             into: $0, m: outFeatures, k: rows, n: inFeatures)
                })
            }
            result.withThirdInput { bias in
                guard bias.requiresGrad else { return }
                if rows == 1 {
                    // One row: each column's sum is `0 + dy` (which turns -0 into +0).
                    bias.accumulate { 0 + dy[$0] }
                } else {
                    bias.accumulate(columnSums(dy, rows: rows, columns: outFeatures))
                }
            }
        }
    }
}

// Batch 1 (a lesson's step): the two backward products of `linear` without the general
// kernel's setup, in the order every product here keeps: each element summed from zero over k
// in increasing order, one rounded product at a time.

/// `a · b` for a row `a` (1×k) and a row-major `b` (k×n).
func rowTimesMatrix(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, k: Int, n: Int,
                    into out: UnsafeMutablePointer<Float>) {
    for j in 0..<n {
        var sum: Float = 0
        for p in 0..<k { sum += a[p] * b[p * n + j] }
        out[j] = sum
    }
}

/// `aᵀ · b` for a row `a` (1×m) and a row `b` (1×n): one product per element, added to zero
/// (which turns -0 into +0, as the general kernel does).
func outerProduct(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, m: Int, n: Int,
                  into out: UnsafeMutablePointer<Float>) {
    for i in 0..<m {
        for j in 0..<n { out[i * n + j] = 0 + a[i] * b[j] }
    }
}

/// Up to this many multiply-adds, `Linear` follows the order of the BLAS kernel PyTorch calls;
/// beyond it, speed matters more than PyTorch's last bits and the vector kernel runs.
let exactProductLimit = 1 << 16

/// `x · Wᵀ` for small Linear layers: each output is a dot product of two contiguous rows, summed
/// as the BLAS kernel PyTorch calls sums it (8 interleaved fused partial sums, added in pairs),
/// which reproduces most of PyTorch's small results bit for bit.
/// The bias, if any, is added to each finished dot product (`addmm` adds it after the product).
func linearProduct(_ x: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                   rows: Int, inFeatures: Int, outFeatures: Int, into out: UnsafeMutablePointer<Float>) {
    for r in 0..<rows {
        for j in 0..<outFeatures {
            let row = x + r * inFeatures, weightRow = weight + j * inFeatures
            let dot = rows == 1
                ? singleRowDot(row, weightRow, inFeatures, inFullColumnBlock: j < outFeatures / 8 * 8,
                               lastColumnAlone: outFeatures % 8 == 1)
                : interleavedDot(row, weightRow, inFeatures)
            out[r * outFeatures + j] = bias.map { dot + $0[j] } ?? dot
        }
    }
}

/// One input row (batch 1): the order of MKL's kernel for `x · Wᵀ` with a single row, on the
/// SSE4.2 code path the reference values were made with (PyTorch 2.15 with MKL limited to SSE4.2
/// reproduces every reference file bit for bit; with AVX-512 MKL sums differently). Found by
/// probing sums with absorbing values (2²⁵, -2²⁵, 1) and confirmed bit for bit on random data.
/// No fused multiply-adds on that path: each product is rounded, then added.
/// - An output column in a full block of 8 columns: a head of `count mod 4` products (4 when that
///   is 0) summed in order into lane 0 of a 4-lane sum, then the rest 4 at a time into the lanes;
///   the lanes are halved (0 + 2, 1 + 3, then the two).
/// - The other columns: in order, for up to 11 inputs. From 12 on: the first five products
///   summed in order make a head that starts lane 7 of an 8-lane sum; the next `8·⌊(count-4)/8⌋ - 1`
///   products go into lane (place mod 8) in order; the lanes are halved (m + m+4, m + m+2, then
///   the two) and the products left over added in order. Confirmed for up to 19 inputs, and for
///   any count when only one column is left over (`lastColumnAlone`); otherwise MKL pairs the
///   left-over columns in another order, not pinned down, and the general order is used.
func singleRowDot(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ count: Int,
                  inFullColumnBlock: Bool, lastColumnAlone: Bool) -> Float {
    guard count > 0 else { return 0 }
    guard inFullColumnBlock else {
        guard count > 11 else {
            var sum = x[0] * w[0]
            for k in 1..<count { sum += x[k] * w[k] }
            return sum
        }
        guard count <= 19 || lastColumnAlone else { return interleavedDot(x, w, count) }
        var lanes = SIMD8<Float>()
        lanes[7] = x[0] * w[0]
        for k in 1..<5 { lanes[7] += x[k] * w[k] }
        let end = 5 + (count - 4) / 8 * 8 - 1
        for k in 5..<end {
            let m = (k - 5) % 8
            lanes[m] = k - 5 < 8 && m != 7 ? x[k] * w[k] : lanes[m] + x[k] * w[k]
        }
        let quarters = lanes.lowHalf + lanes.highHalf
        var sum = (quarters[0] + quarters[2]) + (quarters[1] + quarters[3])
        for k in end..<count { sum += x[k] * w[k] }
        return sum
    }
    let head = (count - 1) % 4 + 1
    var lanes = SIMD4<Float>()
    lanes[0] = x[0] * w[0]
    for k in 1..<head { lanes[0] += x[k] * w[k] }
    guard head < count else { return lanes[0] }
    lanes[1] = x[head + 1] * w[head + 1]
    lanes[2] = x[head + 2] * w[head + 2]
    lanes[3] = x[head + 3] * w[head + 3]
    lanes[0] += x[head] * w[head]
    var k = head + 4
    while k < count {
        for i in 0..<4 { lanes[i] += x[k + i] * w[k + i] }
        k += 4
    }
    return (lanes[0] + lanes[2]) + (lanes[1] + lanes[3])
}

@inline(__always)
func interleavedDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
    var lanes = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
    var k = 0
    while k + 8 <= count {
        lanes.0 = fused(a[k], b[k], lanes.0)
        lanes.1 = fused(a[k + 1], b[k + 1], lanes.1)
        lanes.2 = fused(a[k + 2], b[k + 2], lanes.2)
        lanes.3 = fused(a[k + 3], b[k + 3], lanes.3)
        lanes.4 = fused(a[k + 4], b[k + 4], lanes.4)
        lanes.5 = fused(a[k + 5], b[k + 5], lanes.5)
        lanes.6 = fused(a[k + 6], b[k + 6], lanes.6)
        lanes.7 = fused(a[k + 7], b[k + 7], lanes.7)
        k += 8
    }
    let rest = count - k
    if rest > 0 { lanes.0 = fused(a[k], b[k], lanes.0) }
    if rest > 1 { lanes.1 = fused(a[k + 1], b[k + 1], lanes.1) }
    if rest > 2 { lanes.2 = fused(a[k + 2], b[k + 2], lanes.2) }
    if rest > 3 { lanes.3 = fused(a[k + 3], b[k + 3], lanes.3) }
    if rest > 4 { lanes.4 = fused(a[k + 4], b[k + 4], lanes.4) }
    if rest > 5 { lanes.5 = fused(a[k + 5], b[k + 5], lanes.5) }
    if rest > 6 { lanes.6 = fused(a[k + 6], b[k + 6], lanes.6) }
    return ((lanes.0 + lanes.1) + (lanes.2 + lanes.3)) + ((lanes.4 + lanes.5) + (lanes.6 + lanes.7))
}
