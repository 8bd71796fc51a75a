import NetworkKernels

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
    /// How PyTorch would lay this tensor out (the engine's copy is always contiguous): set by the
    /// shape operations that make views with other strides. `matmul` reads it.
    @exclusivity(unchecked) var layout = PyTorchLayout.contiguous
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
        // A block of a megabyte or more is fresh memory: its pages are mapped in one call
        // before they are written (see Prefault.c), not one fault at a time.
        if let base = out.baseAddress { nk_prefault(base, count * MemoryLayout<Float>.stride) }
        fill(out)
        initialized = count
    }
}

/// A new array of `count` floats, every one written by `write` (not called when there are none).
@inline(__always)
func scalarArray(_ count: Int, writing write: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
    makeScalars(count) { if let base = $0.baseAddress { write(base) } }
}

/// The memory layout PyTorch would give a tensor, as far as matrix products care.
enum PyTorchLayout {
    case contiguous
    /// A contiguous tensor with its last two dimensions swapped (`k.transpose(-2, -1)`): MKL
    /// reads such a right operand as `F.linear`'s weight.
    case lastTwoTransposed
    /// Any other strides (a permutation, an expansion, a transpose of a strided tensor).
    case strided
}

extension Tensor {
    /// How PyTorch would lay this tensor out (see `PyTorchLayout`).
    var pytorchLayout: PyTorchLayout {
        get { extrasValue { $0.layout } ?? .contiguous }
        set { if newValue != .contiguous || extrasReference != nil { withExtras { $0.layout = newValue } } }
    }

    /// Whether PyTorch would hold this tensor as the transpose of a contiguous one.
    var isTransposedLayout: Bool {
        get { pytorchLayout == .lastTwoTransposed }
        set { pytorchLayout = newValue ? .lastTwoTransposed : .contiguous }
    }

    /// The layout of `transpose(a, b)` of this tensor in PyTorch.
    func layoutTransposing(_ a: Int, _ b: Int) -> PyTorchLayout {
        let rank = shape.count
        guard a != b else { return pytorchLayout }
        let lastTwo = rank >= 2 && Swift.min(a, b) == rank - 2 && Swift.max(a, b) == rank - 1
        switch (pytorchLayout, lastTwo) {
        case (.contiguous, true): return .lastTwoTransposed
        case (.lastTwoTransposed, true): return .contiguous
        default: return .strided
        }
    }
}
