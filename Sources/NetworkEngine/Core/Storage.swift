// How a tensor's values are held: small ones inside the object, larger ones in an array kept in
// `TensorExtras` with the other things only some tensors need. Only `Core/` reads these.

/// What only some tensors need: the array of a large tensor's values or pending gradient, and a
/// parameter's gradient, spare gradient and transposed copy.
final class TensorExtras {
    /// The values of a tensor larger than `inlineCapacity`.
    @exclusivity(unchecked) var heapValues: [Float]?
    /// The pending gradient of a tensor larger than `inlineCapacity` during a backward pass.
    @exclusivity(unchecked) var pendingHeapGradient: [Float]?
    @exclusivity(unchecked) var grad: Tensor?
    /// The gradient tensor `zeroGrad()` set aside when nothing else held it: the next backward
    /// pass fills it instead of making a new one (a training loop then allocates none).
    @exclusivity(unchecked) var spareGrad: Tensor?
    /// PyTorch would hold this tensor as a transposed view of a contiguous one (`x.transpose(-2, -1)`,
    /// `x.t()`): `matmul` then sums as MKL sums a product with a transposed operand.
    @exclusivity(unchecked) var transposedLayout = false
    /// Made by a module as one of its parameters (`nn.Parameter`), which prints
    /// `Parameter containing:`.
    @exclusivity(unchecked) var isParameter = false
    /// The exact values of an int64 tensor (its float32 values are their roundings).
    @exclusivity(unchecked) var integers: [Int64]?
    /// The inputs of a recorded operation after the third (`cat` and `stack` of many tensors),
    /// retained like the first three.
    @exclusivity(unchecked) var moreInputs: [Unmanaged<Tensor>]?
    /// The values' bytes, charged to the page's memory budget while they live.
    let memoryCharge: MemoryCharge?

    init(heapValues: [Float]? = nil) {
        self.heapValues = heapValues
        memoryCharge = MemoryCharge(floats: heapValues?.count ?? 0)
    }
}

/// Room for a small tensor's values inside its object (more go to an array). Sixteen holds every
/// activation, gradient and weight of a lesson's small networks.
/// (Four 4-float vectors rather than an `InlineArray`: they are zeroed by four stores, where
/// `InlineArray(repeating:)` is a call and a loop, and their alignment is no more than the
/// allocator's 16 bytes.)
typealias InlineValues = (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>)
let inlineCapacity = 16

/// The first of the floats in an inline area.
@inline(__always)
func firstValue(_ area: UnsafeMutablePointer<InlineValues>) -> UnsafeMutablePointer<Float> {
    UnsafeMutableRawPointer(area).assumingMemoryBound(to: Float.self)
}

/// A non-null, aligned address for tensors and gradients without values (never read).
var noValues: UnsafeMutablePointer<Float> { UnsafeMutablePointer(bitPattern: MemoryLayout<Float>.alignment)! }

/// Copies `count` values: a small tensor's few by a loop, which costs less than calling `memmove`.
@inline(__always)
func copyValues(into target: UnsafeMutablePointer<Float>, from source: UnsafePointer<Float>, count: Int) {
    if count <= inlineCapacity {
        for i in 0..<count { target[i] = source[i] }
    } else {
        target.update(from: source, count: count)
    }
}

/// `sum[i] += other[i]` for `count` values: gradients adding up.
@inline(__always)
func accumulateSum(_ sum: UnsafeMutablePointer<Float>, _ other: UnsafePointer<Float>, _ count: Int) {
    for i in 0..<count { sum[i] += other[i] }
}

/// A new array of `count` floats, every one written by `fill`. Small arrays are grown from
/// empty with their capacity reserved: that path allocates once, with the storage type known
/// at compile time, while the general one (`unsafeUninitializedCapacity`) looks the storage
/// type up at run time on every call, and a literal is a shared constant copied on first write.
@inline(__always)
func makeScalars(_ count: Int, _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
    if count > 0 && count <= 16 {
        var values: [Float] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(0) }
        values.withUnsafeMutableBufferPointer { fill($0) }
        return values
    }
    return [Float](unsafeUninitializedCapacity: count) { out, initialized in
        fill(out)
        initialized = count
    }
}

/// A new array of `count` floats, every one written by `write` (not called when there are none).
@inline(__always)
func scalarArray(_ count: Int, writing write: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
    makeScalars(count) { if let base = $0.baseAddress { write(base) } }
}

extension Tensor {
    /// Whether PyTorch would hold this tensor as the transpose of a contiguous one (see
    /// `TensorExtras.transposedLayout`): set by the operations that make such views.
    var isTransposedLayout: Bool {
        get { extrasValue { $0.transposedLayout } ?? false }
        set { if newValue || extrasReference != nil { withExtras { $0.transposedLayout = newValue } } }
    }
}
