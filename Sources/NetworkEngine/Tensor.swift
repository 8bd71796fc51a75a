/// A failed tensor operation, with PyTorch's wording where PyTorch has one.
public struct TensorError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A float32 tensor of any rank, stored row-major. A class, as in PyTorch: parameters are shared
/// by reference and their `.grad` accumulates in place.
///
/// A tensor's values never change after it is made (only `grad` does), so it may be handed to
/// another thread; like a PyTorch tensor, one tensor must not be used from two threads at once.
public final class Tensor: @unchecked Sendable {
    // The mutable fields skip the run-time exclusivity check (`@exclusivity(unchecked)`): the
    // engine never overlaps accesses to one field, and the checks cost ~8% of a small step.
    public let shape: [Int]
    /// The number of values (fixed: a tensor's shape never changes).
    public let count: Int
    /// Where the values are, row-major: in `inlineValues` for a small tensor, else in
    /// `extras.heapValues`. The kernels read and write through it: reading an array field of a
    /// class retains and releases its storage each time, which costs more than a small
    /// operation's arithmetic. Renewed whenever the array is replaced.
    @exclusivity(unchecked) private(set) var address: UnsafeMutablePointer<Float>
    /// The values of a small tensor, inside the object: a lesson's tensors hold a handful of
    /// values, and a second allocation for them would cost more than their arithmetic.
    @exclusivity(unchecked) private var inlineValues: InlineValues = (.zero, .zero, .zero, .zero)
    /// What only large tensors and parameters need (see `TensorExtras`); nil for the small
    /// results of a lesson's operations. Retained and released by hand, like the inputs, so
    /// reading it costs no reference counting (`extrasValue`, `withExtras`).
    @exclusivity(unchecked) var extrasReference: Unmanaged<TensorExtras>?
    /// Parameters: true. An operation's result needs a gradient when any input does.
    @exclusivity(unchecked) public var requiresGrad: Bool

    // The autograd record: the inputs of the operation that made this tensor, and the rule that
    // pushes this tensor's gradient into theirs. Empty for leaves and for untracked results.
    // The inputs are retained by `record` and released by `deinit` by hand, so the backward pass
    // reads them without reference counting (about a third of a small step's time otherwise).
    @exclusivity(unchecked) var firstInputReference: Unmanaged<Tensor>?
    @exclusivity(unchecked) var secondInputReference: Unmanaged<Tensor>?
    @exclusivity(unchecked) var thirdInputReference: Unmanaged<Tensor>?
    @exclusivity(unchecked) var backwardRule: BackwardRule?
    @exclusivity(unchecked) var sequence = 0

    // The gradient summed so far during a backward pass, stored like the values: inline when
    // small, else in an array. `pendingGradient` is nil until the first contribution arrives.
    @exclusivity(unchecked) private(set) var pendingGradient: UnsafeMutablePointer<Float>?
    @exclusivity(unchecked) private var pendingInlineGradient: InlineValues = (.zero, .zero, .zero, .zero)
    /// One value per element that the backward rule of the operation that made this small
    /// tensor reads instead of recomputing it (see `BackwardRule.elementwiseSaved`).
    @exclusivity(unchecked) private var savedInline: InlineValues = (.zero, .zero, .zero, .zero)
    @exclusivity(unchecked) var isCollected = false

    /// Accumulated by `backward()`; nil until a backward pass reaches this (leaf) tensor.
    public var grad: Tensor? {
        get { extrasValue { $0.grad } }
        set {
            if extrasReference == nil {
                guard newValue != nil else { return }
                extrasReference = Unmanaged.passRetained(TensorExtras())
            }
            extrasReference.unsafelyUnwrapped.takeUnretainedValue().grad = newValue
        }
    }

    /// The gradient tensor `zeroGrad()` set aside when nothing else held it.
    var spareGrad: Tensor? { extrasValue { $0.spareGrad } }

    /// `body` of the extras, borrowed; nil when there are none.
    @inline(__always)
    func extrasValue<R>(_ body: (TensorExtras) -> R?) -> R? {
        guard let reference = extrasReference else { return nil }
        return reference._withUnsafeGuaranteedRef(body)
    }

    /// Runs `body` on the extras, borrowed, made first if there are none.
    @inline(__always)
    func withExtras<R>(_ body: (TensorExtras) -> R) -> R {
        if extrasReference == nil { extrasReference = Unmanaged.passRetained(TensorExtras()) }
        return extrasReference.unsafelyUnwrapped._withUnsafeGuaranteedRef(body)
    }

    /// A tensor whose values `fill` writes (all `count` of them, `count` being the product of
    /// `shape`). Small tensors get them inline, so an operation on one allocates one object.
    // Inlined, like `record`: an operation's result is made and recorded in one place, and the
    // compiler then skips releasing the empty record it would overwrite.
    @inline(__always)
    init(validShape shape: [Int], count: Int, filling fill: (UnsafeMutablePointer<Float>) -> Void) {
        self.shape = shape
        self.count = count
        self.address = noValues
        self.requiresGrad = false
        if count <= inlineCapacity {
            address = inlineAddress
            fill(address)
        } else {
            let values = scalarArray(count, writing: fill)
            address = Tensor.address(of: values)
            extrasReference = Unmanaged.passRetained(TensorExtras(heapValues: values))
        }
    }

    /// A tensor holding `scalars`: copied inside the object when few, else the array itself
    /// becomes its storage (no copy).
    @inline(__always)
    init(validShape shape: [Int], scalars: [Float], requiresGrad: Bool = false) {
        self.shape = shape
        self.count = scalars.count
        self.address = noValues
        self.requiresGrad = requiresGrad
        if count <= inlineCapacity {
            address = inlineAddress
            scalars.withUnsafeBufferPointer { if let source = $0.baseAddress { copyValues(into: address, from: source, count: count) } }
        } else {
            address = Tensor.address(of: scalars)
            extrasReference = Unmanaged.passRetained(TensorExtras(heapValues: scalars))
        }
    }

    /// A tensor holding a copy of `count` values read from `source`.
    @inline(__always)
    convenience init(validShape shape: [Int], count: Int, copying source: UnsafePointer<Float>) {
        self.init(validShape: shape, count: count) { copyValues(into: $0, from: source, count: count) }
    }

    /// The address of `inlineValues`. A stored property of a final class lives at a fixed place
    /// in the object, so the address stays valid for the object's lifetime.
    private var inlineAddress: UnsafeMutablePointer<Float> {
        withUnsafeMutablePointer(to: &inlineValues, firstValue)
    }

    /// Where an operation keeps the values its backward rule reads (`savedInline`; for tensors of
    /// at most `inlineCapacity` values).
    var savedValues: UnsafeMutablePointer<Float> {
        withUnsafeMutablePointer(to: &savedInline, firstValue)
    }

    /// The address of an array's values; stable while the array is neither written nor freed.
    private static func address(of scalars: [Float]) -> UnsafeMutablePointer<Float> {
        UnsafeMutablePointer(mutating: scalars.withUnsafeBufferPointer { $0.baseAddress }) ?? noValues
    }

    /// The values, for kernels that read them.
    var values: UnsafePointer<Float> { UnsafePointer(address) }

    /// The values, row-major (a copy for a small tensor; shared storage for a large one).
    public var scalars: [Float] {
        extrasValue { $0.heapValues } ?? Array(UnsafeBufferPointer(start: values, count: count))
    }

    /// Runs `body` on the values, for writing (copying them first if another array shares them).
    private func updateValues(_ body: (UnsafeMutablePointer<Float>) -> Void) {
        let heapAddress = extrasValue { extras -> UnsafeMutablePointer<Float>? in
            guard extras.heapValues != nil else { return nil }
            extras.heapValues!.withUnsafeMutableBufferPointer { if let base = $0.baseAddress { body(base) } }
            return Tensor.address(of: extras.heapValues.unsafelyUnwrapped)
        }
        if let heapAddress { address = heapAddress } else { body(address) }
    }

    /// New values of the same count (a reused gradient tensor's): `source`'s, or the array
    /// itself when one is given (no copy).
    func replaceValues(copying source: UnsafePointer<Float>, orMoving array: consuming [Float]?) {
        if let array, count > inlineCapacity {
            precondition(array.count == count)
            address = Tensor.address(of: array)
            withExtras { $0.heapValues = array }
        } else {
            updateValues { copyValues(into: $0, from: source, count: count) }
        }
    }

    /// Adds `count` values from `other` into the values in place (a leaf's gradient over passes).
    func addToValues(_ other: UnsafePointer<Float>) {
        updateValues { sum in accumulateSum(sum, other, count) }
    }

    // MARK: Gradient accumulation (the pending gradient of a backward pass)

    /// Makes room for the first gradient contribution and returns where to write it.
    @inline(__always)
    private func startPendingGradient() -> UnsafeMutablePointer<Float> {
        let target: UnsafeMutablePointer<Float>
        if count <= inlineCapacity {
            target = withUnsafeMutablePointer(to: &pendingInlineGradient, firstValue)
        } else {
            let storage = [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
            target = Tensor.address(of: storage)
            withExtras { $0.pendingHeapGradient = storage }
        }
        pendingGradient = target
        return target
    }

    /// Adds a gradient contribution whose element `i` is `contribution(i)`. The first one is
    /// kept as is (PyTorch's input buffer), so a lone contribution arrives bit for bit; later ones
    /// are added element by element, in the order they arrive.
    @inline(__always)
    func accumulate(_ contribution: (Int) -> Float) {
        guard requiresGrad else { return }
        let count = count
        if pendingGradient == nil {
            let target = startPendingGradient()
            forEachHalf(count) { range in for i in range { target[i] = contribution(i) } }
        } else {
            let sum = uniquePendingGradient()
            forEachHalf(count) { range in for i in range { sum[i] += contribution(i) } }
        }
    }

    /// Adds a gradient contribution that `write` writes (all `count` values) to the address it
    /// is given: the first one straight into place, later ones into scratch memory, then added.
    @inline(__always)
    func accumulate(writing write: (UnsafeMutablePointer<Float>) -> Void) {
        guard requiresGrad else { return }
        if pendingGradient == nil {
            write(startPendingGradient())
            return
        }
        let count = count
        withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { scratch in
            guard let scratch = scratch.baseAddress else { return }
            write(scratch)
            accumulateSum(uniquePendingGradient(), scratch, count)
        }
    }

    /// Adds a gradient contribution of the broadcast `shape` that `write` writes, summed back to
    /// this tensor's shape (PyTorch's `sum_to_size`) when broadcasting stretched it.
    @inline(__always)
    func accumulate(broadcastFrom shape: [Int], writing write: (UnsafeMutablePointer<Float>) -> Void) {
        guard requiresGrad else { return }
        if self.shape == shape {
            accumulate(writing: write)
        } else {
            accumulate(sumToShape(scalarArray(elementCount(shape), writing: write), from: shape, to: self.shape))
        }
    }

    /// The pending gradient's address for adding into it: an array shared with another tensor's
    /// gradient (large gradients pass on without copies) is copied first.
    @inline(__always)
    private func uniquePendingGradient() -> UnsafeMutablePointer<Float> {
        let heapAddress = extrasValue { extras -> UnsafeMutablePointer<Float>? in
            guard extras.pendingHeapGradient != nil else { return nil }
            return extras.pendingHeapGradient!.withUnsafeMutableBufferPointer { $0.baseAddress! }
        }
        guard let heapAddress else { return pendingGradient.unsafelyUnwrapped }
        pendingGradient = heapAddress
        return heapAddress
    }

    /// Adds a gradient contribution read from `count` values at `gradient`.
    @inline(__always)
    func accumulate(copying gradient: UnsafePointer<Float>) {
        accumulate { gradient[$0] }
    }

    /// Adds a gradient contribution made as an array. A large first one moves in without a copy.
    @inline(__always)
    func accumulate(_ gradient: consuming [Float]) {
        guard requiresGrad else { return }
        if pendingGradient == nil && count > inlineCapacity {
            pendingGradient = Tensor.address(of: gradient)
            let moved = gradient
            withExtras { $0.pendingHeapGradient = moved }
            return
        }
        precondition(gradient.count == count)
        gradient.withUnsafeBufferPointer { accumulate(copying: $0.baseAddress ?? UnsafePointer(noValues)) }
    }

    /// The pending gradient as an array, and the tensor cleared of it (moved when it is one).
    func takePendingGradientArray() -> [Float] {
        defer { clearPendingGradient() }
        if let heap = extrasValue({ $0.pendingHeapGradient.take() }) { return heap }
        return Array(UnsafeBufferPointer(start: pendingGradient, count: count))
    }

    /// The pending gradient's array, if it is held in one (to move it on without a copy); the
    /// pending gradient is then cleared.
    func takePendingHeapGradient() -> [Float]? {
        guard let array = extrasValue({ $0.pendingHeapGradient.take() }) else { return nil }
        pendingGradient = nil
        return array
    }

    /// Forgets the pending gradient once the pass has used it.
    @inline(__always)
    func clearPendingGradient() {
        pendingGradient = nil
        extrasReference?._withUnsafeGuaranteedRef { if $0.pendingHeapGradient != nil { $0.pendingHeapGradient = nil } }
    }

    /// Frees the graph behind this tensor without recursion. Releasing an input that nothing
    /// else holds would run its `deinit`, which releases its inputs, and so on down the chain: a
    /// cell that chains 100,000 operations would overflow the stack (PyTorch's autograd deletes
    /// long graphs iteratively for the same reason). Instead, an input about to be freed hands
    /// its own inputs over first, and a loop releases them.
    deinit {
        extrasReference?.release()
        guard firstInputReference != nil else { return }
        // The tensors still to release wait on the stack (no allocation unless it overflows).
        withUnsafeTemporaryAllocation(of: Unmanaged<Tensor>.self, capacity: 32) { space in
            var pending = ReleaseStack(space)
            Tensor.release(firstInputReference.take()!, handingInputsTo: &pending)
            if let second = secondInputReference.take() { Tensor.release(second, handingInputsTo: &pending) }
            if let third = thirdInputReference.take() { Tensor.release(third, handingInputsTo: &pending) }
            while let next = pending.pop() {
                Tensor.release(next, handingInputsTo: &pending)
            }
        }
    }

    /// Releases one recorded input; if that frees it, its own inputs go to `pending` first.
    private static func release(_ reference: Unmanaged<Tensor>, handingInputsTo pending: inout ReleaseStack) {
        var input = reference.takeRetainedValue()
        guard isKnownUniquelyReferenced(&input) else { return }
        if let first = input.firstInputReference.take() { pending.push(first) }
        if let second = input.secondInputReference.take() { pending.push(second) }
        if let third = input.thirdInputReference.take() { pending.push(third) }
    }

    /// A rank-0 tensor.
    public convenience init(_ scalar: Double) {
        self.init(validShape: [], scalars: [Float(scalar)])
    }

    public convenience init(_ values: [Double]) {
        self.init(validShape: [values.count], scalars: values.map { Float($0) })
    }

    /// A matrix from rows; rows of different lengths are a programming error (trap).
    public convenience init(_ rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns },
                     "expected sequence of length \(columns) at dim 1 (rows have different lengths)")
        self.init(validShape: [rows.count, columns], scalars: rows.flatMap { $0.map { Float($0) } })
    }

    public convenience init(shape: [Int], scalars: [Float]) throws {
        if let negative = shape.first(where: { $0 < 0 }) {
            throw TensorError("negative dimension \(negative) in shape \(shape)")
        }
        let expected = shape.reduce(1, *)
        guard expected == scalars.count else {
            throw TensorError("shape \(shape) is invalid for input of size \(scalars.count)")
        }
        self.init(validShape: shape, scalars: scalars)
    }

    /// The single value, widened to a double (Python's `float(tensor.item())`).
    public func item() throws -> Double {
        guard count == 1 else {
            throw TensorError("a Tensor with \(count) elements cannot be converted to Scalar")
        }
        return Double(values[0])
    }

    /// `grad = None` (PyTorch's `zero_grad(set_to_none=True)`).
    public func zeroGrad() {
        extrasReference?._withUnsafeGuaranteedRef { extras in
            guard extras.grad != nil else { return }
            // Kept only when nobody else holds it (checked in place: a copy of the reference
            // would be a second owner) and it is a plain leaf, as the gradients backward makes are.
            // (A tensor made by an operation always has a first input; reading it copies nothing.)
            if isKnownUniquelyReferenced(&extras.grad!) && extras.grad.unsafelyUnwrapped.firstInputReference == nil {
                extras.spareGrad = extras.grad.take()
            } else {
                extras.grad = nil
            }
        }
    }

    /// A tensor with the same values and no autograd history (`detach()`).
    public func detached() -> Tensor {
        Tensor(validShape: shape, count: count, copying: values)
    }
}

/// The tensors a `deinit` still has to release: in stack memory while they fit, then in an array.
private struct ReleaseStack {
    private let space: UnsafeMutableBufferPointer<Unmanaged<Tensor>>
    private var count = 0
    private var overflow: [Unmanaged<Tensor>] = []

    init(_ space: UnsafeMutableBufferPointer<Unmanaged<Tensor>>) {
        self.space = space
    }

    mutating func push(_ tensor: Unmanaged<Tensor>) {
        if count < space.count {
            space.initializeElement(at: count, to: tensor)
            count += 1
        } else {
            overflow.append(tensor)
        }
    }

    mutating func pop() -> Unmanaged<Tensor>? {
        if let last = overflow.popLast() { return last }
        guard count > 0 else { return nil }
        count -= 1
        return space[count]
    }
}

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
    /// For a Linear weight: its transpose, kept for the vector product kernel.
    @exclusivity(unchecked) var transposeCache: [Float]?

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

/// PyTorch's spelling of a shape in messages: `torch.Size([1, 3])`.
func torchSize(_ shape: [Int]) -> String {
    "torch.Size([\(shape.map(String.init).joined(separator: ", "))])"
}
