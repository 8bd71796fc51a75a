/// A float32 tensor of any rank, stored row-major. A class, as in PyTorch: parameters are shared
/// by reference and their `.grad` accumulates in place.
///
/// Values change only through the in-place operations (`zero_()`, `copy_()`, `add_()` …), each of
/// which raises `version`, as PyTorch's version counter does; like a PyTorch tensor, one tensor
/// must not be used from two threads at once.
///
/// This file and the others in `Core/` are the only ones that know how a tensor is stored:
/// operations (in `Operations/`) read `values`, make results with `init(validShape:count:filling:)`
/// and hand gradients on with `accumulate` (see `docs/engine.md`).
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
    /// The element type (see `DType`): float32 unless made as int64 or bool.
    @exclusivity(unchecked) public internal(set) var dtype = DType.float32
    /// How many times the values were changed in place (PyTorch's `_version`). A backward rule
    /// that reads a tensor checks that it has not moved since the operation was recorded.
    @exclusivity(unchecked) public internal(set) var version: UInt32 = 0

    // The autograd record (see `Record.swift`): the inputs of the operation that made this
    // tensor, its backward rule, and the versions of the inputs the rule reads. Empty for leaves
    // and untracked results. The inputs are retained by `record` and released by `deinit` by
    // hand, so the backward pass reads them without reference counting (about a third of a small
    // step's time otherwise). Inputs after the third are kept in `extras.moreInputs`.
    @exclusivity(unchecked) var firstInputReference: Unmanaged<Tensor>?
    @exclusivity(unchecked) var secondInputReference: Unmanaged<Tensor>?
    @exclusivity(unchecked) var thirdInputReference: Unmanaged<Tensor>?
    @exclusivity(unchecked) var ruleType: (any BackwardRule.Type)?
    @exclusivity(unchecked) var ruleValues: RuleValues = (0, 0, 0)
    @exclusivity(unchecked) var savedVersions: (UInt32, UInt32, UInt32) = (0, 0, 0)
    /// The rule's `saved` tensors, kept here so the check before a pass reads no rule.
    @exclusivity(unchecked) var savedTensors = SavedTensors()
    @exclusivity(unchecked) var sequence = 0

    // The gradient summed so far during a backward pass, stored like the values: inline when
    // small, else in an array. `pendingGradient` is nil until the first contribution arrives.
    @exclusivity(unchecked) var pendingGradient: UnsafeMutablePointer<Float>?
    @exclusivity(unchecked) var pendingInlineGradient: InlineValues = (.zero, .zero, .zero, .zero)
    /// One value per element that the backward rule of the operation that made this small
    /// tensor reads instead of recomputing it (see `ElementwiseRule.readsSavedValues`).
    @exclusivity(unchecked) private var savedInline: InlineValues = (.zero, .zero, .zero, .zero)
    @exclusivity(unchecked) var isCollected = false

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

    /// How many values a result can keep for its backward rule (`savedValues`): the small ones.
    @inline(__always) static var savedValuesCapacity: Int { inlineCapacity }

    /// A small result (at most `savedValuesCapacity` values) whose values and per-element saved
    /// values (`savedValues`, which its backward rule reads) `fill` writes.
    @inline(__always)
    convenience init(validShape shape: [Int], count: Int,
                     fillingWithSaved fill: (_ values: UnsafeMutablePointer<Float>, _ saved: UnsafeMutablePointer<Float>) -> Void) {
        precondition(count <= Tensor.savedValuesCapacity, "saved values are kept for small tensors only")
        self.init(validShape: shape, count: count) { _ in }
        fill(address, savedValues)
    }

    /// Frees the graph behind this tensor without recursion (see `Release.swift`).
    deinit {
        releaseRecord()
    }

    /// The address of `inlineValues`. A stored property of a final class lives at a fixed place
    /// in the object, so the address stays valid for the object's lifetime.
    private var inlineAddress: UnsafeMutablePointer<Float> {
        withUnsafeMutablePointer(to: &inlineValues, firstValue)
    }

    /// Where an operation keeps the values its backward rule reads, one per element (for results
    /// of at most `inlineCapacity` values; see `ElementwiseRule.readsSavedValues`).
    var savedValues: UnsafeMutablePointer<Float> {
        withUnsafeMutablePointer(to: &savedInline, firstValue)
    }

    /// The address of an array's values; stable while the array is neither written nor freed.
    static func address(of scalars: [Float]) -> UnsafeMutablePointer<Float> {
        UnsafeMutablePointer(mutating: scalars.withUnsafeBufferPointer { $0.baseAddress }) ?? noValues
    }

    /// The values, for kernels that read them.
    var values: UnsafePointer<Float> { UnsafePointer(address) }

    /// The values, row-major (a copy for a small tensor; shared storage for a large one).
    public var scalars: [Float] {
        extrasValue { $0.heapValues } ?? Array(UnsafeBufferPointer(start: values, count: count))
    }

    /// Runs `body` on the values, for writing (copying them first if another array shares them).
    func updateValues(_ body: (UnsafeMutablePointer<Float>) -> Void) {
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

    /// Whether a module made this tensor as one of its parameters (PyTorch's `nn.Parameter`);
    /// a copy or a result of an operation on it is a plain tensor.
    public var isParameter: Bool { extrasValue { $0.isParameter } ?? false }

    /// Marks a module's fresh parameter: it requires grad and prints as `nn.Parameter` does.
    func makeParameter() {
        requiresGrad = true
        withExtras { $0.isParameter = true }
    }

    /// The gradient tensor `zeroGrad()` set aside when nothing else held it.
    var spareGrad: Tensor? { extrasValue { $0.spareGrad } }

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
}

// MARK: Making tensors from Swift values

extension Tensor {
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
        try Tensor.checkShape(shape, holds: scalars.count)
        self.init(validShape: shape, scalars: scalars)
    }

    /// The single value, widened to a double (Python's `float(tensor.item())`).
    public func item() throws -> Double {
        guard count == 1 else {
            throw TensorError("a Tensor with \(count) elements cannot be converted to Scalar")
        }
        if dtype == .int64 { return Double(integers[0]) }
        return Double(values[0])
    }
}
