/// NumPy/PyTorch broadcasting: shapes align at the right; a dimension of size 1 (or a missing
/// one) stretches to the other's size.
func broadcastShapes(_ a: [Int], _ b: [Int]) throws -> [Int] {
    if a == b { return a }
    // One shape stretching into the other (a number times a tensor, a bias row): the result is
    // that other shape, shared rather than rebuilt.
    if stretches(b, into: a) { return a }
    if stretches(a, into: b) { return b }
    let rank = Swift.max(a.count, b.count)
    var shape = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let sizeA = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let sizeB = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        if sizeA == sizeB || sizeB == 1 {
            shape[i] = sizeA
        } else if sizeA == 1 {
            shape[i] = sizeB
        } else {
            throw TensorError("shapes \(a) and \(b) cannot be broadcast together: the size of tensor a (\(sizeA)) must match the size of tensor b (\(sizeB)) at non-singleton dimension \(i)")
        }
    }
    return shape
}

/// Whether `shape` broadcasts to `target` unchanged: no longer, and each dimension 1 or equal.
private func stretches(_ shape: [Int], into target: [Int]) -> Bool {
    guard shape.count <= target.count else { return false }
    let offset = target.count - shape.count
    for i in shape.indices where shape[i] != 1 && shape[i] != target[offset + i] { return false }
    return true
}

/// Strides that read a tensor of `shape` as if it had the broadcast shape `target`
/// (zero along stretched dimensions).
func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
    var strides = [Int](repeating: 0, count: target.count)
    var step = 1
    for i in (0..<shape.count).reversed() {
        let t = i + target.count - shape.count
        strides[t] = shape[i] == 1 ? 0 : step
        step *= shape[i]
    }
    return strides
}

/// Calls `body(outputIndex, indexA, indexB)` for every element of the broadcast shape `shape`,
/// in row-major order.
@inline(__always)
func forEachBroadcastElement(_ shape: [Int], _ stridesA: [Int], _ stridesB: [Int],
                             _ body: (Int, Int, Int) -> Void) {
    let rank = shape.count
    if rank == 0 { body(0, 0, 0); return }
    let total = shape.reduce(1, *)
    let inner = shape[rank - 1]
    if total == 0 { return }
    let stepA = stridesA[rank - 1], stepB = stridesB[rank - 1]
    var index = [Int](repeating: 0, count: rank)
    var offsetA = 0, offsetB = 0, output = 0
    for _ in 0..<(total / inner) {
        var a = offsetA, b = offsetB
        for _ in 0..<inner {
            body(output, a, b)
            output += 1; a += stepA; b += stepB
        }
        var d = rank - 2
        while d >= 0 {
            index[d] += 1
            offsetA += stridesA[d]
            offsetB += stridesB[d]
            if index[d] < shape[d] { break }
            offsetA -= stridesA[d] * shape[d]
            offsetB -= stridesB[d] * shape[d]
            index[d] = 0
            d -= 1
        }
    }
}

/// The number of elements of a tensor of `shape`.
@inline(__always)
func elementCount(_ shape: [Int]) -> Int {
    var count = 1
    for size in shape { count *= size }
    return count
}

/// `f(a, b)` elementwise over the broadcast shape `shape`, as a new array.
@inline(__always)
func broadcastMap(_ shape: [Int], _ a: [Float], _ shapeA: [Int], _ b: [Float], _ shapeB: [Int],
                  _ f: (Float, Float) -> Float) -> [Float] {
    makeScalars(elementCount(shape)) { out in
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                guard let a = a.baseAddress, let b = b.baseAddress, let out = out.baseAddress else { return }
                broadcastMap(shape, a, shapeA, b, shapeB, into: out, f)
            }
        }
    }
}

/// `f(a, b)` elementwise over the broadcast shape `shape`, written to `out`, reading the values
/// of inputs of shapes `shapeA` and `shapeB`.
@inline(__always)
func broadcastMap(_ shape: [Int], _ a: UnsafePointer<Float>, _ shapeA: [Int], _ b: UnsafePointer<Float>,
                  _ shapeB: [Int], into out: UnsafeMutablePointer<Float>, _ f: (Float, Float) -> Float) {
    let count = elementCount(shape)
    if shapeA == shape && shapeB == shape {
        for i in 0..<count { out[i] = f(a[i], b[i]) }
    } else if shapeA == shape && elementCount(shapeB) == 1 {
        let scalar = b[0]
        for i in 0..<count { out[i] = f(a[i], scalar) }
    } else if shapeB == shape && elementCount(shapeA) == 1 {
        let scalar = a[0]
        for i in 0..<count { out[i] = f(scalar, b[i]) }
    } else {
        forEachBroadcastElement(shape, broadcastStrides(shapeA, to: shape),
                                broadcastStrides(shapeB, to: shape)) { i, ia, ib in
            out[i] = f(a[ia], b[ib])
        }
    }
}

/// The one backward rule of broadcasting: a gradient of the broadcast shape summed back to the
/// shape an input had (PyTorch's `sum_to_size`, one `sum(dims, keepdim=True)`), in PyTorch's
/// summation order: stretched leading dimensions are column sums, stretched trailing dimensions
/// row sums, everything a full sum, interleaved ones `reductionSums`.
/// `gradient` holds `total` values of the broadcast shape.
func sumToShape(_ gradient: UnsafePointer<Float>, count total: Int, from shape: [Int], to target: [Int]) -> [Float] {
    if shape == target { return Array(UnsafeBufferPointer(start: gradient, count: total)) }
    let padded = [Int](repeating: 1, count: shape.count - target.count) + target
    let reduced = zip(shape, padded).map { $0 != $1 }
    let kept = padded.reduce(1, *)
    guard total > 0 else { return [Float](repeating: 0, count: kept) }
    if kept == 1 { return [contiguousSum(gradient, total)] }
    // Reduced dimensions first, then kept ones: a reduction over the outer dimension.
    if let firstKept = reduced.firstIndex(of: false), !reduced[firstKept...].contains(true) {
        return columnSums(gradient, rows: total / kept, columns: kept)
    }
    // Kept dimensions first, then reduced ones: a reduction over the inner dimension.
    if let firstReduced = reduced.firstIndex(of: true), !reduced[firstReduced...].contains(false) {
        return rowSums(gradient, rows: kept, columns: total / kept)
    }
    // Interleaved: TensorIterator's layout, as `sum(dims, keepdim=True)` sums it.
    return reductionSums(gradient, shape: shape, reduced: reduced)
}

/// `sumToShape` of a gradient held in an array (returned as is when no dimension was stretched).
func sumToShape(_ gradient: [Float], from shape: [Int], to target: [Int]) -> [Float] {
    if shape == target { return gradient }
    return gradient.withUnsafeBufferPointer { g in
        sumToShape(g.baseAddress ?? UnsafePointer(noValues), count: g.count, from: shape, to: target)
    }
}
