// Freeing a graph without recursion. Releasing an input that nothing else holds would run its
// `deinit`, which releases its inputs, and so on down the chain: a cell that chains 100,000
// operations would overflow the stack (PyTorch's autograd deletes long graphs iteratively for
// the same reason). Instead, an input about to be freed hands its own inputs over first, and a
// loop releases them. This works for every operation because backward rules hold no tensors
// (see `BackwardRule`): a tensor's inputs are referenced from its record only.

extension Tensor {
    /// Releases the extras and the recorded inputs (`deinit`).
    @inline(__always)
    func releaseRecord() {
        if firstInputReference != nil {
            // The tensors still to release wait on the stack (no allocation unless it overflows).
            withUnsafeTemporaryAllocation(of: Unmanaged<Tensor>.self, capacity: 32) { space in
                var pending = ReleaseStack(space)
                handInputs(to: &pending)
                while let next = pending.pop() {
                    Tensor.release(next, handingInputsTo: &pending)
                }
            }
        }
        extrasReference?.release()
    }

    /// Moves this tensor's recorded inputs to `pending`, leaving the record without them.
    @inline(__always)
    private func handInputs(to pending: inout ReleaseStack) {
        if let first = firstInputReference.take() { pending.push(first) }
        if let second = secondInputReference.take() { pending.push(second) }
        if let third = thirdInputReference.take() { pending.push(third) }
        if let more = extrasValue({ $0.moreInputs.take() }) {
            for input in more { pending.push(input) }
        }
    }

    /// Releases one recorded input; if that frees it, its own inputs go to `pending` first.
    private static func release(_ reference: Unmanaged<Tensor>, handingInputsTo pending: inout ReleaseStack) {
        var input = reference.takeRetainedValue()
        guard isKnownUniquelyReferenced(&input) else { return }
        input.handInputs(to: &pending)
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
