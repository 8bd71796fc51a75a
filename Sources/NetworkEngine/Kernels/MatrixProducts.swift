import NetworkKernels

// Matrix products for `matmul` and `Linear`. Every output element is summed over k in increasing
// order, one product at a time, whatever the blocking: results are the same bits on every run
// and for every batch split.

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
/// Each output element is `((a₀b₀ + a₁b₁) + a₂b₂) + …` (products rounded, then added in order of
/// k): the kernels (NetworkKernels) vectorise across output columns, never across the sum, so
/// every kernel, size and split gives the same bits. Large products give half of the columns to
/// a second thread when two threads are allowed (`setNumThreads`).
func multiply(_ a: MatrixView, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
              m: Int, k: Int, n: Int, kernel: KernelVariant = .best) {
    let tile = kernel.tileColumns
    let half = n / (2 * tile) * tile
    let large = m * k * n >= 1 << 18
    if large && half > 0 && ColumnSplitter.shared.helperAllowed {
        let cAddress = UInt(bitPattern: c), bAddress = UInt(bitPattern: b)
        let aView = (UInt(bitPattern: a.base), a.rowStride, a.columnStride)
        ColumnSplitter.shared.run({
            kernel.multiply(a, b, ldb: n, into: c, ldc: n, m: m, k: k, n: half)
        }, {
            let view = MatrixView(base: UnsafePointer(bitPattern: aView.0)!, rowStride: aView.1, columnStride: aView.2)
            kernel.multiply(view, UnsafePointer(bitPattern: bAddress)! + half, ldb: n,
                            into: UnsafeMutablePointer(bitPattern: cAddress)! + half, ldc: n, m: m, k: k, n: n - half)
        })
    } else {
        kernel.multiply(a, b, ldb: n, into: c, ldc: n, m: m, k: k, n: n)
    }
}

/// `values` of a `rows × columns` row-major matrix, transposed.
func transposed(_ values: UnsafePointer<Float>, rows: Int, columns: Int) -> [Float] {
    transposed(UnsafeBufferPointer(start: values, count: rows * columns), rows: rows, columns: columns)
}

/// `values` of a `rows × columns` row-major matrix, transposed.
func transposed(_ values: UnsafeBufferPointer<Float>, rows: Int, columns: Int) -> [Float] {
    makeScalars(rows * columns) { out in
        for r in 0..<rows {
            for c in 0..<columns { out[c * rows + r] = values[r * columns + c] }
        }
    }
}

/// `a · b` for row-major contiguous `a` (m×k) and `b` (k×n).
func matrixProduct(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    makeScalars(m * n) { out in
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                multiply(MatrixView(base: a.baseAddress!, rowStride: k, columnStride: 1), b.baseAddress!,
                         into: out.baseAddress!, m: m, k: k, n: n)
            }
        }
    }
}

/// `aᵀ · b` for row-major `a` (k×m) and `b` (k×n).
func transposedProduct(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    makeScalars(m * n) { out in
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                multiply(MatrixView(base: a.baseAddress!, rowStride: 1, columnStride: m), b.baseAddress!,
                         into: out.baseAddress!, m: m, k: k, n: n)
            }
        }
    }
}

/// `a · bᵀ` for row-major `a` (m×k) and `b` (n×k).
func productWithTransposed(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    let bT = b.withUnsafeBufferPointer { transposed($0, rows: n, columns: k) }
    return matrixProduct(a, bT, m: m, k: k, n: n)
}
