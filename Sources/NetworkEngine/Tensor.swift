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
    /// The values, row-major.
    @exclusivity(unchecked) public private(set) var scalars: [Float]
    /// Where `scalars` keeps its values, for the kernels: reading a class's array field retains
    /// and releases its storage each time, which costs more than a small operation's arithmetic.
    /// Valid while `scalars` is not written; only `replaceScalars` and `addToScalars` write it,
    /// and they renew it.
    @exclusivity(unchecked) private(set) var values: UnsafePointer<Float>
    /// The number of values (fixed: a tensor's shape never changes).
    public let count: Int
    /// Parameters: true. An operation's result needs a gradient when any input does.
    @exclusivity(unchecked) public var requiresGrad: Bool
    /// Accumulated by `backward()`; nil until a backward pass reaches this (leaf) tensor.
    @exclusivity(unchecked) public var grad: Tensor?

    // The autograd record: the inputs of the operation that made this tensor, and the rule that
    // pushes this tensor's gradient into theirs. Empty for leaves and for untracked results.
    // The inputs are retained by `record` and released by `deinit` by hand, so the backward pass
    // reads them without reference counting (about a third of a small step's time otherwise).
    @exclusivity(unchecked) var firstInputReference: Unmanaged<Tensor>?
    @exclusivity(unchecked) var secondInputReference: Unmanaged<Tensor>?
    @exclusivity(unchecked) var thirdInputReference: Unmanaged<Tensor>?
    @exclusivity(unchecked) var backwardRule: BackwardRule?
    @exclusivity(unchecked) var sequence = 0
    /// The gradient summed so far during a backward pass.
    @exclusivity(unchecked) var pendingGradient: [Float]?
    @exclusivity(unchecked) var isCollected = false
    /// For a Linear weight: its transpose, kept for the vector product kernel.
    @exclusivity(unchecked) var transposeCache: [Float]?
    /// The gradient tensor `zeroGrad()` set aside when nothing else held it: the next backward
    /// pass fills it instead of making a new one (a training loop then allocates none).
    @exclusivity(unchecked) var spareGrad: Tensor?

    // Inlined, like `record`: an operation's result is made and recorded in one place, and the
    // compiler then skips releasing the empty record it would overwrite.
    @inline(__always)
    init(validShape shape: [Int], scalars: [Float], requiresGrad: Bool = false) {
        self.shape = shape
        self.values = Tensor.address(of: scalars)
        self.count = scalars.count
        self.scalars = scalars
        self.requiresGrad = requiresGrad
    }

    /// The address of an array's values; stable while the array is neither written nor freed.
    private static func address(of scalars: [Float]) -> UnsafePointer<Float> {
        scalars.withUnsafeBufferPointer { $0.baseAddress } ?? UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!
    }

    /// New values of the same count (a reused gradient tensor's).
    func replaceScalars(with newScalars: consuming [Float]) {
        precondition(newScalars.count == count)
        scalars = newScalars
        values = Tensor.address(of: scalars)
    }

    /// Adds `other` (of the same count) into the values in place (a leaf's gradient over passes).
    func addToScalars(_ other: UnsafePointer<Float>) {
        scalars.withUnsafeMutableBufferPointer { sum in
            for i in 0..<sum.count { sum[i] += other[i] }
        }
        values = Tensor.address(of: scalars)
    }

    /// Frees the graph behind this tensor without recursion. Releasing an input that nothing
    /// else holds would run its `deinit`, which releases its inputs, and so on down the chain: a
    /// cell that chains 100,000 operations would overflow the stack (PyTorch's autograd deletes
    /// long graphs iteratively for the same reason). Instead, an input about to be freed hands
    /// its own inputs over first, and a loop releases them.
    deinit {
        guard firstInputReference != nil else { return }
        var pending: [Unmanaged<Tensor>] = []
        Tensor.release(firstInputReference.take()!, handingInputsTo: &pending)
        if let second = secondInputReference.take() { Tensor.release(second, handingInputsTo: &pending) }
        if let third = thirdInputReference.take() { Tensor.release(third, handingInputsTo: &pending) }
        while let next = pending.popLast() {
            Tensor.release(next, handingInputsTo: &pending)
        }
    }

    /// Releases one recorded input; if that frees it, its own inputs go to `pending` first.
    private static func release(_ reference: Unmanaged<Tensor>, handingInputsTo pending: inout [Unmanaged<Tensor>]) {
        var input = reference.takeRetainedValue()
        guard isKnownUniquelyReferenced(&input) else { return }
        if let first = input.firstInputReference.take() { pending.append(first) }
        if let second = input.secondInputReference.take() { pending.append(second) }
        if let third = input.thirdInputReference.take() { pending.append(third) }
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
        guard grad != nil else { return }
        // Kept only when nobody else holds it (checked in place: a copy of the reference would
        // be a second owner) and it is a plain leaf, as the gradients backward makes are.
        if isKnownUniquelyReferenced(&grad!) && grad.unsafelyUnwrapped.backwardRule == nil {
            spareGrad = grad.take()
        } else {
            grad = nil
        }
    }

    /// A tensor with the same values and no autograd history (`detach()`).
    public func detached() -> Tensor {
        Tensor(validShape: shape, scalars: scalars)
    }
}

/// PyTorch's spelling of a shape in messages: `torch.Size([1, 3])`.
func torchSize(_ shape: [Int]) -> String {
    "torch.Size([\(shape.map(String.init).joined(separator: ", "))])"
}
