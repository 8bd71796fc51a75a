// `F.linear` (`nn.Linear`): `x · weightᵀ + bias`, PyTorch's `addmm`, summed in the order of the
// MKL kernel PyTorch calls, at every size (`Kernels/MatrixProducts.swift`): the bias is where
// each output's sum starts.

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
        let x = values, w = weight.values, b = bias?.values
        let out = Tensor(validShape: outShape, count: rows * outFeatures) { out in
            linearProduct(x, weight: w, bias: b, into: out, m: rows, k: inFeatures, n: outFeatures)
        }
        if Tensor.anyRequiresGrad(self, weight, bias) {
            // PyTorch's node: addmm or mm for a matrix, then a view back for other ranks.
            switch (shape.count, bias != nil) {
            case (2, true): out.record(self, weight, bias, as: LinearBackward<AddmmNode>())
            case (2, false): out.record(self, weight, bias, as: LinearBackward<MmNode>())
            case (1, false): out.record(self, weight, bias, as: LinearBackward<SqueezeNode>())
            case (_, true): out.record(self, weight, bias, as: LinearBackward<ViewNode>())
            case (_, false): out.record(self, weight, bias, as: LinearBackward<UnsafeViewNode>())
            }
        }
        return out
    }
}

enum AddmmNode: ProductNodeName { static let name = "AddmmBackward0" }
/// `F.linear` with a bias on an input that is not a matrix: addmm, then a view.
enum ViewNode: ProductNodeName { static let name = "ViewBackward0" }

/// dx = dy · W, dW = dyᵀ · x, db = dy summed over rows; named as PyTorch names the node for the
/// input's rank and the bias (`Node`).
struct LinearBackward<Node: ProductNodeName>: BackwardRule {
    static var name: String { Node.name }
    static var saved: SavedTensors { .bothInputs }
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
