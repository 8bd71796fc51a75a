// Matrix products: `matmul` and the fused `Linear` product (`addmm`: x·Wᵀ + b).
// Every output element is summed over k in increasing order, one product at a time, whatever
// the blocking: results are the same bits on every run and for every batch split.

/// A matrix read through strides (so a transpose costs nothing).
struct MatrixView {
    var base: UnsafePointer<Float>
    var rowStride: Int
    var columnStride: Int
    @inline(__always) subscript(row: Int, column: Int) -> Float {
        base[row * rowStride + column * columnStride]
    }
}

/// `c[m×n] = a[m×k] · b[k×n]`, with `b` row-major and contiguous, written into `c` (row-major).
func multiply(_ a: MatrixView, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
              m: Int, k: Int, n: Int) {
    c.update(repeating: 0, count: m * n)
    for i in 0..<m {
        let row = c + i * n
        for p in 0..<k {
            let scale = a[i, p]
            let bRow = b + p * n
            for j in 0..<n { row[j] += scale * bRow[j] }
        }
    }
}

/// `values` of a `rows × columns` row-major matrix, transposed.
func transposed(_ values: UnsafeBufferPointer<Float>, rows: Int, columns: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: rows * columns) { out, initialized in
        for r in 0..<rows {
            for c in 0..<columns { out[c * rows + r] = values[r * columns + c] }
        }
        initialized = rows * columns
    }
}

/// `a · b` for row-major contiguous `a` (m×k) and `b` (k×n).
func matrixProduct(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: m * n) { out, initialized in
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                multiply(MatrixView(base: a.baseAddress!, rowStride: k, columnStride: 1), b.baseAddress!,
                         into: out.baseAddress!, m: m, k: k, n: n)
            }
        }
        initialized = m * n
    }
}

/// `aᵀ · b` for row-major `a` (k×m) and `b` (k×n).
func transposedProduct(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: m * n) { out, initialized in
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                multiply(MatrixView(base: a.baseAddress!, rowStride: 1, columnStride: m), b.baseAddress!,
                         into: out.baseAddress!, m: m, k: k, n: n)
            }
        }
        initialized = m * n
    }
}

/// `a · bᵀ` for row-major `a` (m×k) and `b` (n×k).
func productWithTransposed(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    let bT = b.withUnsafeBufferPointer { transposed($0, rows: n, columns: k) }
    return matrixProduct(a, bT, m: m, k: k, n: n)
}

extension Tensor {
    /// `torch.matmul` for vectors and matrices: a vector on the left is a row, on the right a column.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard (1...2).contains(shape.count) && (1...2).contains(other.shape.count) else {
            throw TensorError("matmul supports vectors and matrices; got shapes \(shape) and \(other.shape)")
        }
        let m = shape.count == 2 ? shape[0] : 1
        let k = shape.count == 2 ? shape[1] : shape[0]
        let k2 = other.shape[0]
        let n = other.shape.count == 2 ? other.shape[1] : 1
        guard k == k2 else {
            throw TensorError("mat1 and mat2 shapes cannot be multiplied (\(m)x\(k) and \(k2)x\(n))")
        }
        var outShape: [Int] = []
        if shape.count == 2 { outShape.append(m) }
        if other.shape.count == 2 { outShape.append(n) }
        let out = Tensor(validShape: outShape, scalars: matrixProduct(scalars, other.scalars, m: m, k: k, n: n))
        if Tensor.anyRequiresGrad(self, other) {
            out.record([self, other]) { [a = self, b = other] g in
                // dA = dC · Bᵀ, dB = Aᵀ · dC.
                if a.requiresGrad { a.accumulate(productWithTransposed(g, b.scalars, m: m, k: n, n: k)) }
                if b.requiresGrad { b.accumulate(transposedProduct(a.scalars, g, m: k, k: m, n: n)) }
            }
        }
        return out
    }

    /// `F.linear`: `x · weightᵀ + bias` over the last dimension of `x` (PyTorch's `addmm`).
    func linear(weight: Tensor, bias: Tensor?) throws -> Tensor {
        let outFeatures = weight.shape[0], inFeatures = weight.shape[1]
        guard let last = shape.last, last == inFeatures else {
            let rows = shape.count > 1 ? shape.dropLast().reduce(1, *) : 1
            throw TensorError("mat1 and mat2 shapes cannot be multiplied (\(rows)x\(shape.last ?? 1) and \(inFeatures)x\(outFeatures))")
        }
        let rows = count / inFeatures
        var outShape = shape
        outShape[outShape.count - 1] = outFeatures
        var values = productWithTransposed(scalars, weight.scalars, m: rows, k: inFeatures, n: outFeatures)
        if let bias {
            values.withUnsafeMutableBufferPointer { out in
                bias.scalars.withUnsafeBufferPointer { b in
                    for r in 0..<rows {
                        for j in 0..<outFeatures { out[r * outFeatures + j] += b[j] }
                    }
                }
            }
        }
        let out = Tensor(validShape: outShape, scalars: values)
        if Tensor.anyRequiresGrad(self, weight, bias) {
            out.record(bias.map { [self, weight, $0] } ?? [self, weight]) { [x = self] g in
                // dx = dy · W, dW = dyᵀ · x, db = dy summed over rows.
                if x.requiresGrad { x.accumulate(matrixProduct(g, weight.scalars, m: rows, k: outFeatures, n: inFeatures)) }
                if weight.requiresGrad { weight.accumulate(transposedProduct(g, x.scalars, m: outFeatures, k: rows, n: inFeatures)) }
                if let bias, bias.requiresGrad {
                    bias.accumulate(sumToShape(g, from: [rows, outFeatures], to: [outFeatures]))
                }
            }
        }
        return out
    }
}
