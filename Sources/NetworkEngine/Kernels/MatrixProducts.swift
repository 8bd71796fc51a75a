import NetworkKernels

// Matrix products for `matmul` and `Linear`, in the order MKL's sgemm sums them for PyTorch 2.13
// on this CPU with one thread (docs/pytorch-numerics.md §3): the kernels (NetworkKernels'
// MKLOrder.c) follow it for every size. Large products hand half of their output columns to a
// second thread; each output is computed by one thread in the same order, so results do not
// depend on the number of threads.

/// A matrix read through strides (so a transpose costs nothing).
struct MatrixView {
    var base: UnsafePointer<Float>
    var rowStride: Int
    var columnStride: Int
    @inline(__always) subscript(row: Int, column: Int) -> Float {
        base[row * rowStride + column * columnStride]
    }
}

/// From this many multiply-adds on, a product's columns are split between two threads.
let productSplitMinimum = 1 << 18

/// Runs `body` over the output columns `0..<n`, in two parts (split at a multiple of 32, so
/// vector tiles stay whole) when the product is large and a second thread is allowed.
private func forColumnHalves(m: Int, k: Int, n: Int, _ body: (Int, Int) -> Void) {
    let half = n / 64 * 32
    guard m * k * n >= productSplitMinimum, half > 0, ColumnSplitter.shared.helperAllowed else {
        body(0, n)
        return
    }
    withoutActuallyEscaping(body) { body in
        ColumnSplitter.shared.run({ body(0, half) }, { body(half, n) })
    }
}

/// PyTorch's `F.linear`: `c[i][j] = bias[j] + Σₚ x[i][p] · w[j][p]` for row-major `x` (m×k, rows
/// `ldx` apart) and `w` (n×k), in MKL's order for an m × n product (`nk_linear`). `xOffset` is
/// the offset of `x` in PyTorch's storage, modulo 4 (0 for a fresh tensor).
func linearProduct(_ x: UnsafePointer<Float>, ldx: Int? = nil, xOffset: Int = 0, weight w: UnsafePointer<Float>,
                   bias: UnsafePointer<Float>?, into c: UnsafeMutablePointer<Float>, m: Int, k: Int, n: Int,
                   kernel: KernelVariant = .best) {
    let ldx = ldx ?? k
    let cAddress = UInt(bitPattern: c)
    forColumnHalves(m: m, k: k, n: n) { j0, j1 in
        nk_linear(kernel.variant, x, ldx, xOffset, w, k, bias, UnsafeMutablePointer(bitPattern: cAddress), n, m, k, n, j0, j1)
    }
}

/// `c = a · b` for `a` (m×k) read through strides and row-major `b` (k×n), as MKL sums `mm` with
/// a row-major right operand (`nk_matmul`).
func multiply(_ a: MatrixView, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
              m: Int, k: Int, n: Int, kernel: KernelVariant = .best) {
    let cAddress = UInt(bitPattern: c)
    forColumnHalves(m: m, k: k, n: n) { j0, j1 in
        nk_matmul(kernel.variant, a.base, a.rowStride, a.columnStride, b, n,
                  UnsafeMutablePointer(bitPattern: cAddress), n, m, k, n, j0, j1)
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
