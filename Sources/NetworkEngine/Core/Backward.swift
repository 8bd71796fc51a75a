/// Reverse-mode autograd, as PyTorch's engine does it: every operation whose inputs need a
/// gradient records its inputs and a backward rule (`Record.swift`); `backward()` visits the
/// recorded operations from the latest made to the earliest, and each rule adds (`+=`) into its
/// inputs' gradients.

/// The gradient of a one-element loss with respect to itself (shared: arrays copy before writing).
private let unitGradient: [Float] = [1]

extension Tensor {
    /// `loss.backward()`: the loss must hold a single value; its gradient is one.
    public func backward() throws {
        guard count == 1 else { throw TensorError("grad can be implicitly created only for scalar outputs") }
        try requireGraph()
        try backward(seed: unitGradient)
    }

    /// Backward from this tensor with an explicit upstream gradient of its shape.
    public func backward(gradient: Tensor) throws {
        try requireGraph()
        guard gradient.shape == shape else {
            throw TensorError("Mismatch in shape: grad_output[0] has a shape of \(torchSize(gradient.shape)) and output[0] has a shape of \(torchSize(shape)).")
        }
        try backward(seed: gradient.scalars)
    }

    private func requireGraph() throws {
        guard requiresGrad else {
            throw TensorError("element 0 of tensors does not require grad and does not have a grad_fn")
        }
    }

    /// Adds an input that needs a gradient to the tensors still to visit, once. (Unowned: the
    /// graph keeps every tensor of it alive for the whole pass.)
    /// An input recorded later than its consumer (`sequence` after `consumer`'s) was changed in
    /// place after the consumer read it: `changedAfterUse` is set (see `usedBeforeChange`).
    @inline(__always)
    private static func collect(_ input: Unmanaged<Tensor>?, of consumer: Int, into stack: inout TensorList,
                                changedAfterUse: inout Bool) {
        guard let input else { return }
        let wanted = input._withUnsafeGuaranteedRef { input in
            guard input.requiresGrad else { return false }
            if input.sequence > consumer { changedAfterUse = true }
            guard !input.isCollected else { return false }
            input.isCollected = true
            return true
        }
        if wanted { stack.append(input) }
    }

    /// The pass itself, from this tensor's gradient `seed` (row-major, of this tensor's shape).
    private func backward(seed: [Float]) throws(TensorError) {
        // Collect the recorded operations and the leaves this tensor depends on, in buffers this
        // thread keeps from one backward pass to the next (a training loop allocates none). The
        // graph hangs from `self` by input references that do not change during the pass, so the
        // lists hold its tensors without retaining them.
        let problem = ThreadContext.withCurrent { context -> TensorError? in
            var operations = context.takeList()
            var leaves = context.takeList()
            var stack = context.takeList()
            defer {
                context.returnList(operations)
                context.returnList(leaves)
                context.returnList(stack)
            }
            return backward(seed: seed, operations: &operations, leaves: &leaves, stack: &stack)
        }
        if let problem { throw problem }
    }

    /// The pass; nil when it ran, else why it did not (and then no gradient changed).
    private func backward(seed: [Float], operations: inout TensorList, leaves: inout TensorList,
                          stack: inout TensorList) -> TensorError? {
        stack.append(Unmanaged.passUnretained(self))
        isCollected = true
        // A rule that would read a tensor changed in place since its operation was recorded: the
        // latest such operation (the first PyTorch would reach) refuses the pass before any rule
        // runs, so a refused pass changes no gradient.
        var refusal: (sequence: Int, operation: Unmanaged<Tensor>)?
        var changedAfterUse = false
        while let entry = stack.popLast() {
            let (first, second, third) = entry._withUnsafeGuaranteedRef { tensor in
                (tensor.firstInputReference, tensor.secondInputReference, tensor.thirdInputReference)
            }
            let sequence = entry._withUnsafeGuaranteedRef { $0.sequence }
            if entry._withUnsafeGuaranteedRef({ $0.savedTensorsChanged }) {
                if sequence > refusal?.sequence ?? Int.min { refusal = (sequence, entry) }
            }
            // (A recorded operation always has a first input; a leaf has none.)
            if first != nil { operations.append(entry) } else { leaves.append(entry) }
            Tensor.collect(first, of: sequence, into: &stack, changedAfterUse: &changedAfterUse)
            Tensor.collect(second, of: sequence, into: &stack, changedAfterUse: &changedAfterUse)
            Tensor.collect(third, of: sequence, into: &stack, changedAfterUse: &changedAfterUse)
            if third != nil, let more = entry._withUnsafeGuaranteedRef({ $0.extrasValue { $0.moreInputs } }) {
                for input in more { Tensor.collect(input, of: sequence, into: &stack, changedAfterUse: &changedAfterUse) }
            }
        }
        // Latest first: every consumer of a tensor runs before the tensor's own rule, and the
        // contributions are summed in the order PyTorch sums them. (A stable insertion sort: the
        // collection order is nearly sorted already.)
        func sequence(_ i: Int) -> Int { operations[i]._withUnsafeGuaranteedRef { $0.sequence } }
        for i in 1..<Swift.max(operations.count, 1) {
            var j = i
            while j > 0 && sequence(j - 1) < sequence(j) {
                let later = operations[j]
                operations[j] = operations[j - 1]
                operations[j - 1] = later
                j -= 1
            }
        }
        if refusal != nil || changedAfterUse {
            for i in 0..<operations.count { operations[i]._withUnsafeGuaranteedRef { $0.isCollected = false } }
            for i in 0..<leaves.count { leaves[i]._withUnsafeGuaranteedRef { $0.isCollected = false } }
            if let refusal { return refusal.operation._withUnsafeGuaranteedRef { $0.savedTensorChange() } }
            return Tensor.usedBeforeChange
        }
        accumulate(seed)
        for index in 0..<operations.count {
            operations[index]._withUnsafeGuaranteedRef { operation in
                operation.isCollected = false
                guard let gradient = operation.pendingGradient else { return }
                operation.pushGradient(gradient)
                operation.clearPendingGradient()
            }
        }
        // Leaves keep what they received: the first pass stores it, later passes add to it.
        for index in 0..<leaves.count {
            leaves[index]._withUnsafeGuaranteedRef { leaf in
                leaf.isCollected = false
                guard let received = leaf.pendingGradient else { return }
                leaf.receive(received)
                leaf.clearPendingGradient()
            }
        }
        return nil
    }
}

extension Tensor {
    /// A leaf's gradient from one pass: the first pass stores it, later passes add to it.
    private func receive(_ received: UnsafePointer<Float>) {
        // (`received` may point into this array, which stays alive until the end.)
        let array = takePendingHeapGradient()
        let shape = shape, count = count
        withExtras { extras in
            if extras.grad != nil && extras.grad.unsafelyUnwrapped.count == count {
                extras.grad.unsafelyUnwrapped.addToValues(received)
            } else if let spare = extras.spareGrad.take(), spare.shape == shape {
                // A gradient tensor nobody else saw since `zeroGrad()`: reset to a fresh leaf's
                // state (fields written only when set, each write being a release).
                spare.resetAsGradient(copying: received, orMoving: array)
                extras.grad = consume spare
            } else if let array {
                extras.grad = Tensor(validShape: shape, scalars: array)
            } else {
                extras.grad = Tensor(validShape: shape, count: count, copying: received)
            }
        }
    }

    /// Makes a spare gradient tensor a fresh leaf holding the new values.
    private func resetAsGradient(copying received: UnsafePointer<Float>, orMoving array: [Float]?) {
        replaceValues(copying: received, orMoving: array)
        requiresGrad = false
        extrasReference?._withUnsafeGuaranteedRef { extras in
            if extras.grad != nil { extras.grad = nil }
            if extras.spareGrad != nil { extras.spareGrad = nil }
        }
    }
}
