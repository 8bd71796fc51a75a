// softmax and log_softmax along one dimension, as ATen's CPU kernels (SoftMaxKernel.cpp) compute
// them. Along the last dimension (`_vec_softmax_lastdim`, `_vec_log_softmax_lastdim`): the row's
// maximum, exp(x - max) with SLEEF's exp, their sum in `reduce_all`'s lane order, then
// `e * (1 / sum)`, or `(x - max) - log(sum)` with SLEEF's log. Along another dimension (`_vec_softmax`,
// `_vec_logsoftmax`) each column is summed in order from 0, columns in vector blocks use SLEEF's
// exp and the rest the C library's; softmax divides by the sum. The kernels are registered for
// AVX-512 too, so their vectors have 16 lanes there and 8 with AVX2 (`KernelVariant.floatLanes`;
// `LECTERN_CPU_CAPABILITY=avx2` as PyTorch's `ATEN_CPU_CAPABILITY=avx2`). Bit for bit with
// PyTorch 2.13 at AVX-512 and AVX2 (docs/pytorch-numerics.md, section 4).

extension Tensor {
    /// `torch.softmax(x, dim)`. A row whose other entries are -inf gives exact zeros there.
    public func softmax(dim: Int) throws -> Tensor {
        try softmaxFamily(dim: dim, logarithm: false, lanes: KernelVariant.best.floatLanes)
    }

    /// `torch.log_softmax(x, dim)`: `x - max - log(sum(exp(x - max)))`.
    public func logSoftmax(dim: Int) throws -> Tensor {
        try softmaxFamily(dim: dim, logarithm: true, lanes: KernelVariant.best.floatLanes)
    }

    /// The kernels with vectors of `lanes` floats (16: AVX-512, 8: AVX2); the backward uses the same.
    func softmaxFamily(dim: Int, logarithm: Bool, lanes: Int) throws -> Tensor {
        let axis = try normalizedDimension(dim, rank: shape.count)
        let layout = AxisLayout(shape, axis), last = Tensor.isLastDimension(axis, of: shape)
        let x = values
        let out = Tensor(validShape: shape, count: count) { y in
            guard layout.size > 0 else { return }
            for o in 0..<layout.outer {
                let base = o * layout.size * layout.inner
                if last {
                    if logarithm { logSoftmaxRow(x + base, y + base, layout.size, lanes) } else { softmaxRow(x + base, y + base, layout.size, lanes) }
                } else if logarithm {
                    logSoftmaxColumns(x + base, y + base, layout.size, layout.inner, lanes)
                } else {
                    softmaxColumns(x + base, y + base, layout.size, layout.inner, lanes)
                }
            }
        }
        if requiresGrad {
            if logarithm {
                out.record(self, as: LogSoftmaxBackward(axis: axis, lanes: lanes))
            } else {
                out.record(self, as: SoftmaxBackward(axis: axis, lanes: lanes))
            }
        }
        return out
    }

    /// Whether ATen takes its last-dimension kernel (`dim == ndim - 1`): along another dimension,
    /// the column kernel runs even when the dimensions after it are all 1 (`[3, 1]` along 0).
    static func isLastDimension(_ axis: Int, of shape: [Int]) -> Bool {
        !shape.isEmpty && axis == shape.count - 1
    }
}

/// A dimension of a shape seen as `outer × size × inner` (a rank-0 tensor is one element).
struct AxisLayout {
    let outer: Int, size: Int, inner: Int
    init(_ shape: [Int], _ axis: Int) {
        let dims = shape.isEmpty ? [1] : shape
        outer = dims[..<axis].reduce(1, *)
        size = dims[axis]
        inner = dims[(axis + 1)...].reduce(1, *)
    }
}

// MARK: - Forward kernels

private func softmaxRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, _ lanes: Int) {
    let largest = laneReduce(n, lanes: lanes, { x[$0] }, vectorMaximum)
    for i in 0..<n { y[i] = sleefExp(x[i] - largest) }
    let sum = laneReduce(n, lanes: lanes, { y[$0] }, +)
    let scale = 1 / sum
    for i in 0..<n { y[i] *= scale }
}

private func logSoftmaxRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, _ lanes: Int) {
    let largest = laneReduce(n, lanes: lanes, { x[$0] }, vectorMaximum)
    let sum = laneReduce(n, lanes: lanes, { sleefExp(x[$0] - largest) }, +)
    let logSum = sleefLog(sum)
    // (x - max) - log(sum), in this order (PyTorch keeps it for large inputs).
    for i in 0..<n { y[i] = (x[i] - largest) - logSum }
}

/// Whether column `j` of `width` is in a vector block of `lanes` (else ATen's scalar tail).
@inline(__always)
private func inVectorBlock(_ j: Int, _ width: Int, _ lanes: Int) -> Bool {
    j < width - width % lanes
}

private func softmaxColumns(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, _ inner: Int, _ lanes: Int) {
    for j in 0..<inner {
        let vector = inVectorBlock(j, inner, lanes)
        var largest = x[j]
        for d in 1..<n {
            let value = x[d * inner + j]
            largest = vector ? vectorMaximum(largest, value) : (largest < value ? value : largest)
        }
        var sum: Float = 0
        for d in 0..<n {
            let e = vector ? sleefExp(x[d * inner + j] - largest) : scalarExp(x[d * inner + j] - largest)
            y[d * inner + j] = e
            sum += e
        }
        for d in 0..<n { y[d * inner + j] /= sum }
    }
}

/// `body(j, vector)` for each of `inner` columns as `_vec_logsoftmax` and its backward block them:
/// chunks that fit 128 KiB per dimension entry, in each the last `size % lanes` columns being
/// the scalar tail (`vector` false: the C library's exp).
private func forEachLogSoftmaxColumn(_ n: Int, _ inner: Int, _ lanes: Int, _ body: (Int, Bool) -> Void) {
    let chunk = Swift.max(128 * 1024 / n / 4, lanes) / lanes * lanes
    for start in stride(from: 0, to: inner, by: chunk) {
        let size = Swift.min(chunk, inner - start)
        for k in 0..<size { body(start + k, inVectorBlock(k, size, lanes)) }
    }
}

private func logSoftmaxColumns(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, _ inner: Int, _ lanes: Int) {
    forEachLogSoftmaxColumn(n, inner, lanes) { j, vector in
        var largest = -Float.infinity
        for d in 0..<n {
            let value = x[d * inner + j]
            largest = value > largest ? value : largest
        }
        var sum: Float = 0
        for d in 0..<n {
            let shifted = x[d * inner + j] - largest
            sum += vector ? sleefExp(shifted) : scalarExp(shifted)
        }
        let logSum = sleefLog(sum)
        for d in 0..<n { y[d * inner + j] = x[d * inner + j] - largest - logSum }
    }
}

// MARK: - Backward rules

/// A softmax-family rule: the gradient along `axis`, one `n × inner` block at a time (`last`: a
/// row along the last dimension, inner 1), with the forward's vector width `lanes`.
protocol SoftmaxFamilyRule: BackwardRule {
    typealias Gradient = UnsafePointer<Float>
    var axis: Int { get }
    func block(_ g: Gradient, _ y: Gradient, _ out: UnsafeMutablePointer<Float>, _ n: Int, _ inner: Int, last: Bool)
}

extension SoftmaxFamilyRule {
    /// Both read the result (PyTorch saves it).
    static var saved: SavedTensors { .result }

    func backward(_ g: UnsafePointer<Float>, of result: Tensor) {
        softmaxFamilyBackward(g, of: result, axis: axis, block)
    }
}

/// The input's gradient of a softmax-family result along `axis`: `block(g, y, out, n, inner)`
/// writes one `n × inner` block of it.
private func softmaxFamilyBackward(_ g: UnsafePointer<Float>, of result: Tensor, axis: Int,
                                   _ block: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Int, Bool) -> Void) {
    let y = result.values
    let layout = AxisLayout(result.shape, axis), last = Tensor.isLastDimension(axis, of: result.shape)
    result.withInput { x in
        x.accumulate(writing: { out in
            guard layout.size > 0 else { return }
            for o in 0..<layout.outer {
                let base = o * layout.size * layout.inner
                block(g + base, y + base, out + base, layout.size, layout.inner, last)
            }
        })
    }
}

private func softmaxGradient(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                             _ n: Int, _ inner: Int, _ lanes: Int, last: Bool) {
    if last {
        // `map2_reduce_all`: whole vectors add rounded products; GCC fused the partial last
        // vector's product into its add (as in LayerNorm's backward, docs/pytorch-numerics.md).
        let sum = laneReduce(n, lanes: lanes, { g[$0] * y[$0] }, +, partial: { $0.addingProduct(g[$1], y[$1]) })
        for i in 0..<n { out[i] = (g[i] - sum) * y[i] }
        return
    }
    for j in 0..<inner {
        var sum: Float = 0
        for d in 0..<n { sum = sum.addingProduct(g[d * inner + j], y[d * inner + j]) }
        for d in 0..<n { out[d * inner + j] = y[d * inner + j] * (g[d * inner + j] - sum) }
    }
}

/// `_softmax_backward_data`: `(g - sum(g * y)) * y` along the dimension. The last dimension's
/// sum of products is `reduce_all`'s (products rounded, then added; a partial last vector's
/// fused); another dimension's sums its column in order with fused multiply-adds.
struct SoftmaxBackward: SoftmaxFamilyRule {
    static let name = "SoftmaxBackward0"
    let axis: Int, lanes: Int
    func block(_ g: Gradient, _ y: Gradient, _ out: UnsafeMutablePointer<Float>, _ n: Int, _ inner: Int, last: Bool) {
        softmaxGradient(g, y, out, n, inner, lanes, last: last)
    }
}

private func logSoftmaxGradient(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                                _ n: Int, _ inner: Int, _ lanes: Int, last: Bool) {
    if last {
        let sum = laneReduce(n, lanes: lanes, { g[$0] }, +)
        for i in 0..<n { out[i] = g[i].addingProduct(-sleefExp(y[i]), sum) }
        return
    }
    forEachLogSoftmaxColumn(n, inner, lanes) { j, vector in
        var sum: Float = 0
        for d in 0..<n { sum += g[d * inner + j] }
        for d in 0..<n {
            let e = vector ? sleefExp(y[d * inner + j]) : scalarExp(y[d * inner + j])
            out[d * inner + j] = g[d * inner + j].addingProduct(-e, sum)
        }
    }
}

/// `_log_softmax_backward_data`: `g - exp(y) * sum(g)` along the dimension, the product fused
/// into the subtraction (the compiled kernel's fnmadd); exp is SLEEF's in vector blocks.
struct LogSoftmaxBackward: SoftmaxFamilyRule {
    static let name = "LogSoftmaxBackward0"
    let axis: Int, lanes: Int
    func block(_ g: Gradient, _ y: Gradient, _ out: UnsafeMutablePointer<Float>, _ n: Int, _ inner: Int, last: Bool) {
        logSoftmaxGradient(g, y, out, n, inner, lanes, last: last)
    }
}
