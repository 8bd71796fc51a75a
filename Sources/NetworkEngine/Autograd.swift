/// Reverse-mode autograd, as PyTorch's engine does it: every operation whose inputs need a
/// gradient records its inputs and a backward rule; `backward()` visits the recorded operations
/// from the latest made to the earliest, and each rule adds (`+=`) into its inputs' gradients.
/// How a recorded operation pushes its gradient into its inputs (read from the output tensor's
/// fields: its inputs, values and shape). The frequent operations are named, with their rule a
/// method beside their forward kernel, so recording them allocates nothing; others keep a closure.
enum BackwardRule {
    /// One input, elementwise: the input's gradient from the output's gradient, x and y.
    case elementwise((_ grad: Float, _ x: Float, _ y: Float) -> Float)
    /// `a + b`, `a - b`, `a * b`, broadcasting.
    case add, subtract, multiply
    /// `F.linear`: x, weight and (if any) bias.
    case linear
    /// `F.mse_loss`: input and target.
    case meanSquaredError
    case closure(([Float]) -> Void)
}

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

    /// Marks this fresh result as the output of an operation on `inputs`; `rule` receives this
    /// tensor's whole gradient once every later operation has contributed to it.
    func record(_ first: Tensor, _ second: Tensor? = nil, _ third: Tensor? = nil,
                rule: @escaping ([Float]) -> Void) {
        record(first, second, third, as: .closure(rule))
    }

    /// Marks this fresh result as the output of an operation on `inputs` with a named rule.
    func record(_ first: Tensor, _ second: Tensor? = nil, _ third: Tensor? = nil, as rule: BackwardRule) {
        let latest = Swift.max(first.sequence, second?.sequence ?? 0, third?.sequence ?? 0)
        firstInput = first
        secondInput = second
        thirdInput = third
        backwardRule = rule
        requiresGrad = true
        sequence = ThreadContext.nextSequence(after: latest)
    }

    /// Runs this operation's rule on its whole gradient `g`.
    func pushGradient(_ g: consuming [Float]) {
        switch backwardRule {
        case .elementwise(let derivative)?: elementwiseBackward(g, derivative)
        case .add?: addBackward(g)
        case .subtract?: subtractBackward(g)
        case .multiply?: multiplyBackward(g)
        case .linear?: linearBackward(g)
        case .meanSquaredError?: meanSquaredErrorBackward(g)
        case .closure(let rule)?: rule(g)
        case nil: break
        }
    }

    /// Adds a gradient contribution. The first one is kept as is (PyTorch's input buffer), so a
    /// lone contribution arrives bit for bit.
    func accumulate(_ gradient: [Float]) {
        guard requiresGrad else { return }
        guard var sum = pendingGradient else {
            pendingGradient = gradient
            return
        }
        pendingGradient = nil
        sum.withUnsafeMutableBufferPointer { sum in
            gradient.withUnsafeBufferPointer { gradient in
                for i in 0..<sum.count { sum[i] += gradient[i] }
            }
        }
        pendingGradient = sum
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

    /// Adds an input that needs a gradient to the tensors still to visit, once.
    private static func collect(_ input: Tensor?, into stack: inout [Unmanaged<Tensor>]) {
        guard let input, input.requiresGrad, !input.isCollected else { return }
        input.isCollected = true
        stack.append(Unmanaged.passUnretained(input))
    }

    /// The pass itself, from this tensor's gradient `seed` (row-major, of this tensor's shape).
    private func backward(seed: [Float]) {
        // Collect the recorded operations and the leaves this tensor depends on, in buffers this
        // thread keeps from one backward pass to the next (a training loop allocates none). The
        // graph hangs from `self` by input references that do not change during the pass, so the
        // lists hold its tensors without retaining them.
        let context = ThreadContext.current
        var operations = context.takeBuffer()
        var leaves = context.takeBuffer()
        var stack = context.takeBuffer()
        defer {
            context.returnBuffer(&operations)
            context.returnBuffer(&leaves)
            context.returnBuffer(&stack)
        }
        stack.append(Unmanaged.passUnretained(self))
        isCollected = true
        while let entry = stack.popLast() {
            let tensor = entry.takeUnretainedValue()
            if tensor.backwardRule != nil { operations.append(entry) } else { leaves.append(entry) }
            Tensor.collect(tensor.firstInput, into: &stack)
            Tensor.collect(tensor.secondInput, into: &stack)
            Tensor.collect(tensor.thirdInput, into: &stack)
        }
        // Latest first: every consumer of a tensor runs before the tensor's own rule, and the
        // contributions are summed in the order PyTorch sums them. (A stable insertion sort: the
        // collection order is nearly sorted already.)
        operations.withUnsafeMutableBufferPointer { operations in
            func sequence(_ i: Int) -> Int { operations[i]._withUnsafeGuaranteedRef { $0.sequence } }
            for i in operations.indices.dropFirst() {
                var j = i
                while j > 0 && sequence(j - 1) < sequence(j) {
                    operations.swapAt(j - 1, j)
                    j -= 1
                }
            }
        }
        accumulate(seed)
        for entry in operations {
            entry._withUnsafeGuaranteedRef { operation in
                operation.isCollected = false
                guard let gradient = operation.pendingGradient else { return }
                operation.pendingGradient = nil
                operation.pushGradient(gradient)
            }
        }
        // Leaves keep what they received: the first pass stores it, later passes add to it.
        for entry in leaves {
            entry._withUnsafeGuaranteedRef { leaf in
                leaf.isCollected = false
                guard let received = leaf.pendingGradient else { return }
                leaf.pendingGradient = nil
                if let grad = leaf.grad, grad.count == received.count {
                    grad.scalars.withUnsafeMutableBufferPointer { sum in
                        for i in 0..<sum.count { sum[i] += received[i] }
                    }
                } else {
                    leaf.grad = Tensor(validShape: leaf.shape, scalars: received)
                }
            }
        }
    }
}
