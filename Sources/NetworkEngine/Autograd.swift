import NetworkKernels

/// Reverse-mode autograd, as PyTorch's engine does it: every operation whose inputs need a
/// gradient records its inputs and a backward rule; `backward()` visits the recorded operations
/// from the latest made to the earliest, and each rule adds (`+=`) into its inputs' gradients.
/// How a recorded operation pushes its gradient into its inputs (read from the output tensor's
/// fields: its inputs, values and shape). The frequent operations are named, with their rule a
/// method beside their forward kernel, so recording them allocates nothing and copying the rule
/// costs no reference counting; others keep a closure.
enum BackwardRule {
    /// One input, elementwise: the input's gradient from the output's gradient, x and y.
    case elementwise(ElementwiseDerivative, parameter: Double)
    /// One input, elementwise, with a value per element saved by the forward pass: the
    /// derivative receives the saved value where `elementwise` passes the output.
    case elementwiseSaved(ElementwiseDerivative, parameter: Double)
    /// `a + b`, `a - b`, `a * b`, broadcasting.
    case add, subtract, multiply
    /// `F.linear`: x, weight and (if any) bias.
    case linear
    /// `F.mse_loss`: input and target.
    case meanSquaredError
    /// `sum()`, `mean()` of all elements.
    case sum, mean
    case closure(([Float]) -> Void)
}

/// An elementwise function's derivative: the input's gradient from the output's gradient `g`, the
/// input `x`, the output `y`, and the operation's number (a scalar operand or an exponent). A C
/// function pointer rather than a closure: the number travels beside it, so there is no context
/// to allocate or reference-count, and literals written at each operation still convert to it.
typealias ElementwiseDerivative = @convention(c) (_ g: Float, _ x: Float, _ y: Float, _ parameter: Double) -> Float

/// The gradient of a one-element loss with respect to itself (shared: arrays copy before writing).
private let unitGradient: [Float] = [1]

extension Tensor {
    /// Does an operation on these inputs need to record itself?
    @inline(__always)
    static func anyRequiresGrad(_ a: Tensor, _ b: Tensor? = nil, _ c: Tensor? = nil) -> Bool {
        a.requiresGrad || (b?.requiresGrad ?? false) || (c?.requiresGrad ?? false)
    }

    /// The inputs of the operation that made this tensor (none for leaves).
    var inputs: [Tensor] { [firstInput, secondInput, thirdInput].compactMap { $0 } }

    /// Runs `body` on the operation's input, borrowed from the record: a reference read from a
    /// field (even `unowned(unsafe)`) is retained around each use, this one is not.
    @inline(__always)
    func withInput<R>(_ body: (Tensor) -> R) -> R {
        firstInputReference.unsafelyUnwrapped._withUnsafeGuaranteedRef(body)
    }

    /// Runs `body` on the operation's first two inputs, borrowed (see `withInput`).
    @inline(__always)
    func withInputs<R>(_ body: (Tensor, Tensor) -> R) -> R {
        firstInputReference.unsafelyUnwrapped._withUnsafeGuaranteedRef { a in
            secondInputReference.unsafelyUnwrapped._withUnsafeGuaranteedRef { b in body(a, b) }
        }
    }

    // The inputs as plain references, for code off the hot path.
    var firstInput: Tensor? { firstInputReference?.takeUnretainedValue() }
    var secondInput: Tensor? { secondInputReference?.takeUnretainedValue() }
    var thirdInput: Tensor? { thirdInputReference?.takeUnretainedValue() }

    /// Marks this fresh result as the output of an operation on `inputs`; `rule` receives this
    /// tensor's whole gradient once every later operation has contributed to it.
    func record(_ first: Tensor, _ second: Tensor? = nil, _ third: Tensor? = nil,
                rule: @escaping ([Float]) -> Void) {
        record(first, second, third, as: .closure(rule))
    }

    /// Marks this fresh result as the output of an operation on `inputs` with a named rule.
    @inline(__always)
    func record(_ first: Tensor, _ second: Tensor? = nil, _ third: Tensor? = nil, as rule: BackwardRule) {
        let latest = Swift.max(first.sequence, second?.sequence ?? 0, third?.sequence ?? 0)
        // One explicit retain each (`passRetained` on an optional's value retains it twice).
        firstInputReference = Unmanaged.passUnretained(first).retain()
        if let second { secondInputReference = Unmanaged.passUnretained(second).retain() }
        if let third { thirdInputReference = Unmanaged.passUnretained(third).retain() }
        backwardRule = rule
        requiresGrad = true
        // PyTorch's engine runs backward functions in decreasing sequence number, which fixes the
        // order gradients are summed in; the number is later than every input's, so the order
        // stays topological even when tensors made on one thread are used on another.
        sequence = nk_next_sequence(latest)
    }

    /// Runs this operation's rule on its whole gradient `g` (this tensor's pending gradient).
    func pushGradient(_ g: UnsafePointer<Float>) {
        switch backwardRule {
        case .elementwise(let derivative, let parameter)?: elementwiseBackward(g, derivative, parameter, reading: values)
        case .elementwiseSaved(let derivative, let parameter)?:
            elementwiseBackward(g, derivative, parameter, reading: UnsafePointer(savedValues))
        case .add?: addBackward(g)
        case .subtract?: subtractBackward(g)
        case .multiply?: multiplyBackward(g)
        case .linear?: linearBackward(g)
        case .meanSquaredError?: meanSquaredErrorBackward(g)
        case .sum?: sumBackward(g)
        case .mean?: meanBackward(g)
        case .closure(let rule)?: rule(takePendingGradientArray())
        case nil: break
        }
    }

    /// Hands this operation's gradient `g` (of this tensor's shape) to `input`, summed back to
    /// the input's shape where it was broadcast. A large gradient passes on as the same array.
    func passGradient(_ g: UnsafePointer<Float>, to input: Tensor) {
        guard input.requiresGrad else { return }
        if input.shape == shape {
            if let array = extrasValue({ $0.pendingHeapGradient }) { input.accumulate(array) } else { input.accumulate(copying: g) }
        } else {
            input.accumulate(sumToShape(g, count: count, from: shape, to: input.shape))
        }
    }

    /// `loss.backward()`: the loss must hold a single value; its gradient is one.
    public func backward() throws {
        guard count == 1 else { throw TensorError("grad can be implicitly created only for scalar outputs") }
        try requireGraph()
        backward(seed: unitGradient)
    }

    /// Backward from this tensor with an explicit upstream gradient of its shape.
    public func backward(gradient: Tensor) throws {
        try requireGraph()
        guard gradient.shape == shape else {
            throw TensorError("Mismatch in shape: grad_output[0] has a shape of \(torchSize(gradient.shape)) and output[0] has a shape of \(torchSize(shape)).")
        }
        backward(seed: gradient.scalars)
    }

    private func requireGraph() throws {
        guard requiresGrad else {
            throw TensorError("element 0 of tensors does not require grad and does not have a grad_fn")
        }
    }

    /// Adds an input that needs a gradient to the tensors still to visit, once. (Unowned: the
    /// graph keeps every tensor of it alive for the whole pass.)
    @inline(__always)
    private static func collect(_ input: Unmanaged<Tensor>?, into stack: inout TensorList) {
        guard let input else { return }
        let wanted = input._withUnsafeGuaranteedRef { input in
            guard input.requiresGrad, !input.isCollected else { return false }
            input.isCollected = true
            return true
        }
        if wanted { stack.append(input) }
    }

    /// The pass itself, from this tensor's gradient `seed` (row-major, of this tensor's shape).
    private func backward(seed: [Float]) {
        // Collect the recorded operations and the leaves this tensor depends on, in buffers this
        // thread keeps from one backward pass to the next (a training loop allocates none). The
        // graph hangs from `self` by input references that do not change during the pass, so the
        // lists hold its tensors without retaining them.
        ThreadContext.withCurrent { context in
            var operations = context.takeList()
            var leaves = context.takeList()
            var stack = context.takeList()
            backward(seed: seed, operations: &operations, leaves: &leaves, stack: &stack)
            context.returnList(operations)
            context.returnList(leaves)
            context.returnList(stack)
        }
    }

    private func backward(seed: [Float], operations: inout TensorList, leaves: inout TensorList, stack: inout TensorList) {
        stack.append(Unmanaged.passUnretained(self))
        isCollected = true
        while let entry = stack.popLast() {
            let (first, second, third) = entry._withUnsafeGuaranteedRef { tensor in
                (tensor.firstInputReference, tensor.secondInputReference, tensor.thirdInputReference)
            }
            // (A recorded operation always has a first input; a leaf has none.)
            if first != nil { operations.append(entry) } else { leaves.append(entry) }
            Tensor.collect(first, into: &stack)
            Tensor.collect(second, into: &stack)
            Tensor.collect(third, into: &stack)
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
            if extras.transposeCache != nil { extras.transposeCache = nil }
            if extras.grad != nil { extras.grad = nil }
            if extras.spareGrad != nil { extras.spareGrad = nil }
        }
    }
}
