import NetworkKernels

/// How a recorded operation pushes its result's gradient into its inputs: the one way to write a
/// backward rule. An operation's file declares a small struct conforming to this, beside its
/// forward kernel, and records it on its result (`result.record(inputs…, as: rule)`); `backward()`
/// later calls `backward(_:of:)` with the result's whole gradient.
///
/// A rule is stored inside the result, bit for bit, so recording one allocates nothing: it must
/// be a few plain values (at most three words, no references). Everything else it needs it reads
/// from the result: its inputs (`withInput`, `withInputs`, `withInput(at:)`), its values, its
/// shape. (Holding a tensor would also keep it alive outside the graph, and freeing a long graph
/// would recurse.)
protocol BackwardRule {
    /// PyTorch's name for the operation's backward node (`MulBackward0`), for messages.
    static var name: String { get }
    /// The tensors the rule reads besides the gradient: PyTorch's saved variables. Changing one
    /// in place before the backward pass is an error (see `Versions.swift`).
    static var saved: SavedTensors { get }
    /// Adds the contributions to the inputs' gradients (`accumulate`) from the result's gradient
    /// `g` (row-major, of the result's shape).
    func backward(_ g: UnsafePointer<Float>, of result: Tensor)
    /// Reads the rule back from a result and runs it (provided; not for rules to implement).
    static func run(_ stored: RuleValues, _ g: UnsafePointer<Float>, of result: Tensor)
}

extension BackwardRule {
    static var saved: SavedTensors { [] }

    @inline(__always)
    static func run(_ stored: RuleValues, _ g: UnsafePointer<Float>, of result: Tensor) {
        let rule = withUnsafeBytes(of: stored) { $0.load(as: Self.self) }
        rule.backward(g, of: result)
    }
}

/// The bits of a rule, kept in the result.
typealias RuleValues = (UInt64, UInt64, UInt64)

/// Which tensors a backward rule reads: inputs by position (the first three), and the result.
struct SavedTensors: OptionSet {
    let rawValue: UInt8
    static let firstInput = SavedTensors(rawValue: 1)
    static let secondInput = SavedTensors(rawValue: 2)
    static let thirdInput = SavedTensors(rawValue: 4)
    static let result = SavedTensors(rawValue: 8)
    static let bothInputs: SavedTensors = [.firstInput, .secondInput]
}

extension Tensor {
    /// Does an operation on these inputs need to record itself?
    @inline(__always)
    static func anyRequiresGrad(_ a: Tensor, _ b: Tensor? = nil, _ c: Tensor? = nil) -> Bool {
        a.requiresGrad || (b?.requiresGrad ?? false) || (c?.requiresGrad ?? false)
    }

    /// Marks this fresh result as the output of an operation on `first` (and `second`, `third`)
    /// whose gradient `rule` pushes back.
    // Inlined: the result is made and recorded in one place, and the compiler then skips
    // releasing the empty record it overwrites.
    @inline(__always)
    func record<Rule: BackwardRule>(_ first: Tensor, _ second: Tensor? = nil, _ third: Tensor? = nil, as rule: Rule) {
        guard nk_grad_enabled() != 0 else { return }
        let latest = Swift.max(first.sequence, second?.sequence ?? 0, third?.sequence ?? 0)
        // One explicit retain each (`passRetained` on an optional's value retains it twice).
        firstInputReference = Unmanaged.passUnretained(first).retain()
        if let second { secondInputReference = Unmanaged.passUnretained(second).retain() }
        if let third { thirdInputReference = Unmanaged.passUnretained(third).retain() }
        let saved = Rule.saved
        savedTensors = saved
        if saved.contains(.firstInput) { savedVersions.0 = first.version }
        if saved.contains(.secondInput), let second { savedVersions.1 = second.version }
        if saved.contains(.thirdInput), let third { savedVersions.2 = third.version }
        store(rule, latest: latest)
    }

    /// Marks this fresh result as the output of an operation on any number of `inputs` (at least
    /// one; a rule reads only the first three's versions).
    func record<Rule: BackwardRule>(_ inputs: [Tensor], as rule: Rule) {
        precondition(!inputs.isEmpty, "a recorded operation has at least one input")
        guard nk_grad_enabled() != 0 else { return }
        record(inputs[0], inputs.count > 1 ? inputs[1] : nil, inputs.count > 2 ? inputs[2] : nil, as: rule)
        guard inputs.count > 3 else { return }
        let more = inputs[3...].map { Unmanaged.passUnretained($0).retain() }
        withExtras { $0.moreInputs = more }
        sequence = nk_next_sequence(inputs[3...].reduce(sequence) { Swift.max($0, $1.sequence) })
    }

    @inline(__always)
    private func store<Rule: BackwardRule>(_ rule: Rule, latest: Int) {
        assert(MemoryLayout<Rule>.size <= MemoryLayout<RuleValues>.size && MemoryLayout<Rule>.alignment <= 8
               && _isPOD(Rule.self), "\(Rule.self) must be at most three words of plain values")
        withUnsafeMutableBytes(of: &ruleValues) { $0.storeBytes(of: rule, as: Rule.self) }
        ruleType = Rule.self
        requiresGrad = true
        // PyTorch's engine runs backward functions in decreasing sequence number, which fixes the
        // order gradients are summed in; the number is later than every input's, so the order
        // stays topological even when tensors made on one thread are used on another.
        sequence = nk_next_sequence(latest)
    }

    /// Whether an operation made this tensor with a recorded rule (PyTorch: `grad_fn` is set).
    var hasHistory: Bool { ruleType != nil }

    /// Runs this operation's rule on its whole gradient `g` (this tensor's pending gradient).
    @inline(__always)
    func pushGradient(_ g: UnsafePointer<Float>) {
        ruleType.unsafelyUnwrapped.run(ruleValues, g, of: self)
    }

    // MARK: The inputs, for backward rules

    /// Runs `body` on the operation's (first) input, borrowed from the record: a reference read
    /// from a field (even `unowned(unsafe)`) is retained around each use, this one is not.
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

    /// Runs `body` on the operation's third input, if it has one, borrowed.
    @inline(__always)
    func withThirdInput(_ body: (Tensor) -> Void) {
        thirdInputReference?._withUnsafeGuaranteedRef(body)
    }

    /// How many inputs the operation that made this tensor has.
    var inputCount: Int {
        guard firstInputReference != nil else { return 0 }
        return secondInputReference == nil ? 1 : thirdInputReference == nil ? 2 : 3 + (extrasValue { $0.moreInputs?.count } ?? 0)
    }

    /// Runs `body` on input `index` (from 0) of the operation, borrowed.
    func withInput<R>(at index: Int, _ body: (Tensor) -> R) -> R {
        switch index {
        case 0: return firstInputReference.unsafelyUnwrapped._withUnsafeGuaranteedRef(body)
        case 1: return secondInputReference.unsafelyUnwrapped._withUnsafeGuaranteedRef(body)
        case 2: return thirdInputReference.unsafelyUnwrapped._withUnsafeGuaranteedRef(body)
        default:
            let reference = extrasValue { $0.moreInputs?[index - 3] }.unsafelyUnwrapped
            return reference._withUnsafeGuaranteedRef(body)
        }
    }

    /// The inputs of the operation that made this tensor (none for leaves), off the hot path.
    var inputs: [Tensor] {
        (0..<inputCount).map { withInput(at: $0) { $0 } }
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
}
