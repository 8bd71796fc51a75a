// PyTorch's order for a sum over any set of dimensions of a contiguous tensor: the layout
// TensorIterator gives a reduction, then `cascade_sum`'s two-dimensional loops
// (aten/src/ATen/native/TensorIterator.cpp, cpu/SumKernel.cpp; docs/pytorch-numerics.md 1d).
// Sums over neighbouring dimensions and broadcast gradients share it; the common layouts
// (everything, rows, columns) have their own faster kernels in Summation.swift, with the same
// order.

/// One dimension as TensorIterator sees it: size, input stride, result stride (0 if reduced).
private struct IteratorAxis {
    var size: Int
    let input: Int
    let output: Int
    var isReduced: Bool { output == 0 }
}

/// The sums of a contiguous tensor of `shape` over the dimensions flagged in `reduced`, as the
/// result laid out row-major with those dimensions removed (or kept as size 1).
/// - Dimensions of size 1 vanish; the reduced ones go innermost, each group ordered by
///   increasing input stride (`reorder_dimensions`), and neighbours whose strides chain merge
///   (`coalesce_dimensions`).
/// - The innermost two dimensions form one call of `cascade_sum`'s loop; further dimensions are
///   iterated with the third fastest, each call adding its partial sums into the result, which
///   starts at 0.
func reductionSums(_ x: UnsafePointer<Float>, shape: [Int], reduced: [Bool]) -> [Float] {
    let resultCount = shape.indices.reduce(1) { reduced[$1] ? $0 : $0 * shape[$1] }
    var result = [Float](repeating: 0, count: resultCount)
    guard elementCount(shape) > 0 else { return result }
    var axes: [IteratorAxis] = []   // innermost first
    var inputStride = 1, outputStride = 1
    for d in shape.indices.reversed() {
        if shape[d] != 1 {
            axes.append(IteratorAxis(size: shape[d], input: inputStride, output: reduced[d] ? 0 : outputStride))
        }
        inputStride *= shape[d]
        if !reduced[d] { outputStride *= shape[d] }
    }
    let ordered = axes.filter(\.isReduced) + axes.filter { !$0.isReduced }
    guard let first = ordered.first, first.isReduced else {
        // Only dimensions of size 1 were reduced: the values themselves.
        for i in 0..<resultCount { result[i] = 0 + x[i] }
        return result
    }
    var merged = [first]
    for axis in ordered.dropFirst() {
        let last = merged[merged.count - 1]
        if last.input * last.size == axis.input && last.output * last.size == axis.output {
            merged[merged.count - 1].size *= axis.size
        } else {
            merged.append(axis)
        }
    }
    let plane = merged.count > 1 ? merged[1] : IteratorAxis(size: 1, input: 0, output: 0)
    let outer = Array(merged.dropFirst(2))
    let outerCount = outer.reduce(1) { $0 * $1.size }
    result.withUnsafeMutableBufferPointer { result in
        guard let out = result.baseAddress else { return }
        var index = [Int](repeating: 0, count: outer.count)
        var inputBase = 0, outputBase = 0
        for _ in 0..<outerCount {
            cascadePlane(x + inputBase, into: out + outputBase, merged[0], plane)
            for k in outer.indices {
                index[k] += 1
                inputBase += outer[k].input
                outputBase += outer[k].output
                if index[k] < outer[k].size { break }
                inputBase -= outer[k].input * outer[k].size
                outputBase -= outer[k].output * outer[k].size
                index[k] = 0
            }
        }
    }
    return result
}

/// One call of `cascade_sum`'s loop: `reduced` (size0, the innermost dimension) summed for each
/// step of `other` (size1), each sum added into `out`.
private func cascadePlane(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                          _ reduced: IteratorAxis, _ other: IteratorAxis) {
    let (size0, in0) = (reduced.size, reduced.input)
    let (size1, in1, out1) = (other.size, other.input, other.output)
    if in0 == 1 && size0 >= 8 {
        // vectorized_inner_sum: contiguous rows.
        for j in 0..<size1 { out[j * out1] += contiguousSum(x + j * in1, size0) }
    } else if in1 == 1 && size1 >= 8 {
        // vectorized_outer_sum: contiguous columns (`other` is then kept, with result stride 1).
        let sums = columnSums(x, rows: size0, columns: size1, rowStride: in0)
        for j in 0..<size1 { out[j * out1] += sums[j] }
    } else if in0 < in1 {
        // scalar_inner_sum: `row_sum` (four interleaved partials) along the reduced dimension.
        for j in 0..<size1 { out[j * out1] += interleavedSum(size0) { x[j * in1 + $0 * in0] } }
    } else {
        // scalar_outer_sum: four columns at a time straight down (`multi_row_sum`), the rest
        // with `row_sum`.
        var j = 0
        while j + 3 < size1 {
            for c in j..<(j + 4) { out[c * out1] += leveledSum(size0) { x[c * in1 + $0 * in0] } }
            j += 4
        }
        while j < size1 { out[j * out1] += interleavedSum(size0) { x[j * in1 + $0 * in0] }; j += 1 }
    }
}
