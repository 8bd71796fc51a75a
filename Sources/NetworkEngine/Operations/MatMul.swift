// `torch.matmul`: dot, matrix-vector, matrix-matrix and batched products broadcasting over batch
// dimensions. Each matrix product is summed as MKL sums PyTorch's (`Kernels/MatrixProducts.swift`),
// batch by batch as `bmm` does; an N-D tensor times a matrix or vector is one product over all
// its rows, as `matmul` folds it.

extension Tensor {
    /// `torch.matmul` (`@`): vectors, matrices and batches of matrices, broadcasting batch dimensions.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard !shape.isEmpty && !other.shape.isEmpty else {
            throw TensorError("both arguments to matmul need to be at least 1D, but they are \(shape.count)D and \(other.shape.count)D")
        }
        guard dtype == .float32 && other.dtype == .float32 else {
            throw TensorError(dtype == other.dtype ? "matmul supports float32 tensors; got \(dtype)"
                : "expected m1 and m2 to have the same dtype, but got: \(dtype.cName) != \(other.dtype.cName)")
        }
        let plan = try ProductPlan(shape, other.shape, rightTransposed: other.isTransposedLayout)
        let a = values, b = other.values
        let out = Tensor(validShape: plan.outShape, count: plan.outCount) { out in plan.forward(a, b, into: out) }
        if Tensor.anyRequiresGrad(self, other) {
            let rule = ProductRule(rightTransposed: plan.rightTransposed)
            switch plan.kind {
            case .dot: out.record(self, other, as: ProductBackward<DotNode>(rule: rule))
            case .matrixVector: out.record(self, other, as: ProductBackward<MvNode>(rule: rule))
            case .matrices: out.record(self, other, as: ProductBackward<MmNode>(rule: rule))
            case .vectorMatrix: out.record(self, other, as: ProductBackward<SqueezeNode>(rule: rule))
            case .folded, .batched: out.record(self, other, as: ProductBackward<UnsafeViewNode>(rule: rule))
            }
        }
        return out
    }
}

/// How `matmul` multiplies two shapes: which of PyTorch's paths, the matrices' sizes and the
/// broadcast batch.
struct ProductPlan {
    enum Kind { case dot, matrixVector, vectorMatrix, matrices, folded, batched }
    let kind: Kind
    /// Rows, inner size and columns of each product (a vector on the left is one row, on the
    /// right one column; a folded N-D left operand is all its rows).
    let m: Int, k: Int, n: Int
    /// The broadcast batch shape (empty unless `batched`), and each operand's own batch shape.
    let batch: [Int], aBatch: [Int], bBatch: [Int]
    let outShape: [Int]
    /// Whether the right operand is a transposed matrix in PyTorch (`k.transpose(-2, -1)`):
    /// MKL then sums as for `F.linear`.
    let rightTransposed: Bool
    /// Whether an operand is a vector (on the left one row, on the right one column).
    let leftIsVector: Bool, rightIsVector: Bool

    var outCount: Int { outShape.reduce(1, *) }
    var batchCount: Int { batch.reduce(1, *) }

    init(_ a: [Int], _ b: [Int], rightTransposed: Bool) throws {
        let kA = a[a.count - 1]
        switch (a.count, b.count) {
        case (1, 1):
            guard a[0] == b[0] else {
                throw TensorError("inconsistent tensor size, expected tensor [\(a[0])] and src [\(b[0])] to have the same number of elements, but got \(a[0]) and \(b[0]) elements respectively")
            }
            self.init(.dot, m: 1, k: a[0], n: 1, outShape: [], rightTransposed: false, vectors: (true, true))
        case (_, 1):
            let rows = a.dropLast().reduce(1, *)
            guard kA == b[0] else {
                throw TensorError("size mismatch, got input (\(rows)), mat (\(rows)x\(kA)), vec (\(b[0]))")
            }
            self.init(a.count == 2 ? .matrixVector : .folded, m: rows, k: kA, n: 1, outShape: Array(a.dropLast()),
                      rightTransposed: false, vectors: (false, true))
        case (1, 2), (2, 2), (3..., 2):
            let rows = a.dropLast().reduce(1, *)
            guard kA == b[0] else {
                throw TensorError("mat1 and mat2 shapes cannot be multiplied (\(rows)x\(kA) and \(b[0])x\(b[1]))")
            }
            let kind: Kind = a.count == 1 ? .vectorMatrix : a.count == 2 ? .matrices : .folded
            self.init(kind, m: rows, k: kA, n: b[1], outShape: a.dropLast() + [b[1]], rightTransposed: rightTransposed,
                      vectors: (a.count == 1, false))
        default:
            try self.init(batchedLeft: a, right: b, rightTransposed: rightTransposed)
        }
    }

    private init(_ kind: Kind, m: Int, k: Int, n: Int, outShape: [Int], rightTransposed: Bool, vectors: (Bool, Bool)) {
        (leftIsVector, rightIsVector) = vectors
        self.kind = kind
        self.m = m
        self.k = k
        self.n = n
        batch = []
        aBatch = []
        bBatch = []
        self.outShape = outShape
        self.rightTransposed = rightTransposed
    }

    private init(batchedLeft a: [Int], right b: [Int], rightTransposed: Bool) throws {
        let m = a.count == 1 ? 1 : a[a.count - 2], k = a[a.count - 1]
        let k2 = b.count == 1 ? b[0] : b[b.count - 2], n = b.count == 1 ? 1 : b[b.count - 1]
        let aBatch = Array(a.dropLast(a.count == 1 ? 1 : 2)), bBatch = Array(b.dropLast(b.count == 1 ? 1 : 2))
        let rank = max(aBatch.count, bBatch.count)
        var batch: [Int] = []
        for d in 0..<rank {
            let sa = d - (rank - aBatch.count), sb = d - (rank - bBatch.count)
            let x = sa >= 0 ? aBatch[sa] : 1, y = sb >= 0 ? bBatch[sb] : 1
            guard x == y || x == 1 || y == 1 else {
                throw TensorError("The size of tensor a (\(x)) must match the size of tensor b (\(y)) at non-singleton dimension \(d)")
            }
            batch.append(x == 1 ? y : x)
        }
        guard k == k2 else {
            let total = batch.reduce(1, *)
            throw TensorError("Expected size for first two dimensions of batch2 tensor to be: [\(total), \(k)] but got: [\(total), \(k2)].")
        }
        kind = .batched
        self.m = m
        self.k = k
        self.n = n
        self.batch = batch
        self.aBatch = aBatch
        self.bBatch = bBatch
        outShape = batch + (a.count == 1 ? [] : [m]) + (b.count == 1 ? [] : [n])
        self.rightTransposed = rightTransposed && b.count > 1
        leftIsVector = a.count == 1
        rightIsVector = b.count == 1
    }

    /// Where batch `t`'s matrix starts in an operand with batch shape `own` (broadcast to `batch`).
    func offset(of t: Int, in own: [Int], matrixSize: Int) -> Int {
        var rest = t, offset = 0, step = matrixSize
        for d in stride(from: batch.count - 1, through: 0, by: -1) {
            let index = rest % batch[d]
            rest /= batch[d]
            let od = d - (batch.count - own.count)
            guard od >= 0 else { break }
            if own[od] != 1 { offset += index * step }
            step *= own[od]
        }
        return offset
    }

    /// `out = a · b`, product by product.
    func forward(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        for t in 0..<max(batchCount, 1) {
            let aStart = a + offset(of: t, in: aBatch, matrixSize: m * k)
            let bStart = b + offset(of: t, in: bBatch, matrixSize: k * n)
            product(aStart, bStart, into: out + t * m * n)
        }
    }

    /// One product in the order PyTorch's kernel takes: `F.linear`'s when the right operand is a
    /// vector (`mv`: gemv) or a transposed matrix, else `mm`'s.
    private func product(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        if rightIsVector {
            linearProduct(a, weight: b, bias: nil, into: out, m: m, k: k, n: 1)
        } else if rightTransposed {
            let stored = transposed(b, rows: k, columns: n)
            stored.withUnsafeBufferPointer { linearProduct(a, weight: $0.baseAddress!, bias: nil, into: out, m: m, k: k, n: n) }
        } else {
            multiply(MatrixView(base: a, rowStride: k, columnStride: 1), b, into: out, m: m, k: k, n: n)
        }
    }

    /// The gradients of one product: `ga = g · bᵀ` and `gb = aᵀ · g`, each as PyTorch's backward
    /// computes it (a product with the other operand transposed, or for vectors `ger`'s plain
    /// products).
    func backward(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ g: UnsafePointer<Float>,
                  gradA: UnsafeMutablePointer<Float>?, gradB: UnsafeMutablePointer<Float>?) {
        if let gradA {
            if rightIsVector {
                for i in 0..<m { for p in 0..<k { gradA[i * k + p] = g[i] * b[p] } }
            } else if rightTransposed {
                let stored = transposed(b, rows: k, columns: n)
                stored.withUnsafeBufferPointer {
                    multiply(MatrixView(base: g, rowStride: n, columnStride: 1), $0.baseAddress!, into: gradA, m: m, k: n, n: k)
                }
            } else {
                linearProduct(g, weight: b, bias: nil, into: gradA, m: m, k: n, n: k)
            }
        }
        if let gradB {
            if kind == .dot {
                for p in 0..<k { gradB[p] = g[0] * a[p] }
            } else {
                multiply(MatrixView(base: a, rowStride: 1, columnStride: k), g, into: gradB, m: k, k: m, n: n)
            }
        }
    }
}

/// The backward of every `matmul` path; the node types below differ only in PyTorch's name.
struct ProductRule {
    var rightTransposed: Bool

    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        result.withInputs { a, b in
            guard let plan = try? ProductPlan(a.shape, b.shape, rightTransposed: rightTransposed) else { return }
            let (m, k, n) = (plan.m, plan.k, plan.n)
            let products = max(plan.batchCount, 1)
            let aValues = a.values, bValues = b.values
            let aFull = plan.batch + (plan.leftIsVector ? [k] : [m, k])
            let bFull = plan.batch + (plan.rightIsVector ? [k] : [k, n])
            a.accumulate(broadcastFrom: plan.kind == .batched ? aFull : a.shape) { gradA in
                for t in 0..<products {
                    plan.backward(aValues + plan.offset(of: t, in: plan.aBatch, matrixSize: m * k),
                                  bValues + plan.offset(of: t, in: plan.bBatch, matrixSize: k * n),
                                  g + t * m * n, gradA: gradA + t * m * k, gradB: nil)
                }
            }
            b.accumulate(broadcastFrom: plan.kind == .batched ? bFull : b.shape) { gradB in
                for t in 0..<products {
                    plan.backward(aValues + plan.offset(of: t, in: plan.aBatch, matrixSize: m * k),
                                  bValues + plan.offset(of: t, in: plan.bBatch, matrixSize: k * n),
                                  g + t * m * n, gradA: nil, gradB: gradB + t * k * n)
                }
            }
        }
    }
}

/// PyTorch's name for the node of one `matmul` path.
protocol ProductNodeName { static var name: String { get } }
enum DotNode: ProductNodeName { static let name = "DotBackward0" }
enum MvNode: ProductNodeName { static let name = "MvBackward0" }
enum MmNode: ProductNodeName { static let name = "MmBackward0" }
/// A vector times a matrix: PyTorch multiplies the vector as a row and squeezes it away.
enum SqueezeNode: ProductNodeName { static let name = "SqueezeBackward4" }
/// Folded and batched products: PyTorch views the product's result back to the batch's shape.
enum UnsafeViewNode: ProductNodeName { static let name = "UnsafeViewBackward0" }

/// The backward node of a `matmul` path: the same rule under each path's name.
struct ProductBackward<Node: ProductNodeName>: BackwardRule {
    static var name: String { Node.name }
    static var saved: SavedTensors { .bothInputs }
    let rule: ProductRule
    func backward(_ g: UnsafePointer<Float>, of result: Tensor) { rule.backward(g, of: result) }
}
