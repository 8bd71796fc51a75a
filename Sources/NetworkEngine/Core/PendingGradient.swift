// The pending gradient of a backward pass: where the contributions to a tensor's gradient are
// summed before its own rule runs. Backward rules add into their inputs' gradients only through
// the `accumulate` methods here, which hide whether the sum lives inside the object or in an
// array, and which contribution is the first (kept as is) or a later one (added).

extension Tensor {

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
}

extension Tensor {
    /// Hands `input` (of this result's shape) the gradient whose element `i` is
    /// `derivative(g[i], i)`, `g` being this result's gradient. When this result's gradient is a
    /// large array of its own, it is written over and handed on (no allocation).
    @inline(__always)
    func passGradient(_ g: UnsafePointer<Float>, to input: Tensor, mapping derivative: (Float, Int) -> Float) {
        guard input.requiresGrad else { return }
        if input.pendingGradient == nil, var gradient = takePendingHeapGradient() {
            gradient.withUnsafeMutableBufferPointer { g in
                forEachHalf(g.count) { range in for i in range { g[i] = derivative(g[i], i) } }
            }
            input.accumulate(gradient)
        } else {
            input.accumulate { derivative(g[$0], $0) }
        }
    }
}
