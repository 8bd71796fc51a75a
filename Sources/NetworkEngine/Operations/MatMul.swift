// `torch.matmul` for vectors and matrices. The products are the kernels of
// `Kernels/MatrixProducts.swift`: each element summed over k in increasing order.

extension Tensor {
    /// `torch.matmul` for vectors and matrices: a vector on the left is a row, on the right a column.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard (1...2).contains(shape.count) && (1...2).contains(other.shape.count) else {
            throw TensorError("matmul supports vectors and matrices; got shapes \(shape) and \(other.shape)")
        }
        guard dtype == .float32 && other.dtype == .float32 else {
            throw TensorError(dtype == other.dtype ? "matmul supports float32 tensors; got \(dtype)"
                : "expected m1 and m2 to have the same dtype, but got: \(dtype.cName) != \(other.dtype.cName)")
        }
        let (m, k) = MatMulBackward.rowsAndColumns(of: self, left: true)
        let (k2, n) = MatMulBackward.rowsAndColumns(of: other, left: false)
        guard k == k2 else {
            throw TensorError("mat1 and mat2 shapes cannot be multiplied (\(m)x\(k) and \(k2)x\(n))")
        }
        var outShape: [Int] = []
        if shape.count == 2 { outShape.append(m) }
        if other.shape.count == 2 { outShape.append(n) }
        let out = Tensor(validShape: outShape, scalars: matrixProduct(scalars, other.scalars, m: m, k: k, n: n))
        if Tensor.anyRequiresGrad(self, other) { out.record(self, other, as: MatMulBackward()) }
        return out
    }
}

/// dA = dC · Bᵀ, dB = Aᵀ · dC.
struct MatMulBackward: BackwardRule {
    static let name = "MmBackward0"
    static let saved = SavedTensors.bothInputs

    /// A matmul operand as a matrix: a vector is a row on the left, a column on the right.
    static func rowsAndColumns(of operand: Tensor, left: Bool) -> (Int, Int) {
        if operand.shape.count == 2 { return (operand.shape[0], operand.shape[1]) }
        return left ? (1, operand.shape[0]) : (operand.shape[0], 1)
    }

    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { a, b in
            let (m, k) = Self.rowsAndColumns(of: a, left: true)
            let n = Self.rowsAndColumns(of: b, left: false).1
            a.accumulate(writing: { out in
                let bT = transposed(b.values, rows: k, columns: n)
                bT.withUnsafeBufferPointer { bT in
                    multiply(MatrixView(base: g, rowStride: n, columnStride: 1), bT.baseAddress ?? UnsafePointer(noValues),
                             into: out, m: m, k: n, n: k)
                }
            })
            b.accumulate(writing: { out in
                multiply(MatrixView(base: a.values, rowStride: 1, columnStride: k), g, into: out, m: k, k: m, n: n)
            })
        }
    }
}
