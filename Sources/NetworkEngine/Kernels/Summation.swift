// PyTorch's summation order (`cascade_sum` in aten/src/ATen/native/cpu/SumKernel.cpp), so that
// sums, means, losses and broadcast gradients round exactly as PyTorch's do:
// - a run of fewer than 8 contiguous floats is summed as 4 interleaved partial sums,
//   leftovers into the first, then the partials in order (`row_sum`);
// - 8 or more are summed as 8-float vectors the same way, then the scalar tail, then the lanes
//   (8 lanes at every CPU capability: `sum_stub` runs the AVX2 kernel on AVX-512 machines;
//   docs/pytorch-numerics.md 1a);
// - long runs add chunks in levels (`multi_row_sum`), so only similar magnitudes meet.

/// Float or an 8-lane vector of floats: what one accumulator of the cascade holds.
protocol CascadeSummand {
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
}

extension Float: CascadeSummand {}
extension SIMD8: CascadeSummand where Scalar == Float {}

/// `multi_row_sum` for one column: element `i` of `count`, summed in levels of 16 or more.
@inline(__always)
func leveledSum<T: CascadeSummand>(_ count: Int, _ element: (Int) -> T) -> T {
    let levels = 4
    let levelPower = Swift.max(4, ceilLog2(count) / levels)
    let levelStep = 1 << levelPower
    let levelMask = levelStep - 1
    var accumulators = (T.zero, T.zero, T.zero, T.zero)
    var i = 0
    while i + levelStep <= count {
        for _ in 0..<levelStep {
            accumulators.0 = accumulators.0 + element(i)
            i += 1
        }
        accumulators.1 = accumulators.1 + accumulators.0
        accumulators.0 = .zero
        if i & (levelMask << levelPower) != 0 { continue }
        accumulators.2 = accumulators.2 + accumulators.1
        accumulators.1 = .zero
        if i & (levelMask << (2 * levelPower)) != 0 { continue }
        accumulators.3 = accumulators.3 + accumulators.2
        accumulators.2 = .zero
    }
    while i < count {
        accumulators.0 = accumulators.0 + element(i)
        i += 1
    }
    return ((accumulators.0 + accumulators.1) + accumulators.2) + accumulators.3
}

func ceilLog2(_ n: Int) -> Int {
    n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount
}

/// `row_sum`: four interleaved partial sums (each leveled), leftovers into the first.
@inline(__always)
func interleavedSum<T: CascadeSummand>(_ count: Int, _ element: (Int) -> T) -> T {
    let rows = count / 4
    var partial0 = leveledSum(rows) { element(4 * $0) }
    let partial1 = leveledSum(rows) { element(4 * $0 + 1) }
    let partial2 = leveledSum(rows) { element(4 * $0 + 2) }
    let partial3 = leveledSum(rows) { element(4 * $0 + 3) }
    for i in (rows * 4)..<count { partial0 = partial0 + element(i) }
    return ((partial0 + partial1) + partial2) + partial3
}

/// The sum of `count` contiguous floats, in PyTorch's order.
func contiguousSum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
    if count < 8 {
        return interleavedSum(count) { x[$0] }
    }
    let vectors = count / 8
    let raw = UnsafeRawPointer(x)
    let lanes: SIMD8<Float> = interleavedSum(vectors) { raw.loadUnaligned(fromByteOffset: $0 * 32, as: SIMD8<Float>.self) }
    var total: Float = 0
    for k in (vectors * 8)..<count { total += x[k] }
    for lane in 0..<8 { total += lanes[lane] }
    return total
}

/// Sums of the columns of a row-major `rows × columns` matrix (a reduction over the outer
/// dimension), in PyTorch's order: columns in blocks are summed row after row (leveled), the
/// columns left over by the blocking with `row_sum`'s interleaving. Rows start `rowStride`
/// floats apart (`columns` unless given).
func columnSums(_ x: UnsafePointer<Float>, rows: Int, columns: Int, rowStride: Int? = nil) -> [Float] {
    let rowStride = rowStride ?? columns
    // One contiguous column: TensorIterator drops the kept dimension of size 1, so it is a sum
    // of contiguous floats (the bias gradient of `Linear(k, 1)`).
    if columns == 1 && rowStride == 1 { return [contiguousSum(x, rows)] }
    var sums = [Float](repeating: 0, count: columns)
    func leveledColumn(_ j: Int) { sums[j] = leveledSum(rows) { x[$0 * rowStride + j] } }
    func interleavedColumn(_ j: Int) { sums[j] = interleavedSum(rows) { x[$0 * rowStride + j] } }
    // Eight neighbouring columns at a time in the lanes of a vector: each lane adds exactly
    // what its column alone would, in the same order.
    let raw = UnsafeRawPointer(x)
    func eightColumns(_ j: Int, _ sum: (Int, (Int) -> SIMD8<Float>) -> SIMD8<Float>) {
        let lanes = sum(rows) { raw.loadUnaligned(fromByteOffset: ($0 * rowStride + j) * 4, as: SIMD8<Float>.self) }
        for lane in 0..<8 { sums[j + lane] = lanes[lane] }
    }
    var j = 0
    if columns >= 8 {
        while j + 32 <= columns {
            for c in stride(from: j, to: j + 32, by: 8) { eightColumns(c, leveledSum) }
            j += 32
        }
        while j + 8 <= columns { eightColumns(j, interleavedSum); j += 8 }
    } else {
        while j + 3 < columns { for c in j..<(j + 4) { leveledColumn(c) }; j += 4 }
    }
    while j < columns { interleavedColumn(j); j += 1 }
    return sums
}

/// Sums of the rows of a row-major `rows × columns` matrix (a reduction over the contiguous
/// inner dimension).
func rowSums(_ x: UnsafePointer<Float>, rows: Int, columns: Int) -> [Float] {
    (0..<rows).map { contiguousSum(x + $0 * columns, columns) }
}
