// In-place changes and PyTorch's version counter. Every change of a tensor's values in place
// raises its `version`; a recorded operation notes the versions of the tensors its backward
// rule reads (`BackwardRule.saved`), and the backward pass refuses to run a rule on values that
// changed since, as PyTorch's `SavedVariable::unpack` does.

extension Tensor {
    /// Whether a tensor this operation's rule reads changed in place since it was recorded.
    @inline(__always)
    var savedTensorsChanged: Bool {
        let saved = savedTensors
        guard !saved.isEmpty else { return false }
        func moved(_ input: Unmanaged<Tensor>?, from version: UInt32) -> Bool {
            input?._withUnsafeGuaranteedRef { $0.version != version } ?? false
        }
        return (saved.contains(.firstInput) && moved(firstInputReference, from: savedVersions.0))
            || (saved.contains(.secondInput) && moved(secondInputReference, from: savedVersions.1))
            || (saved.contains(.thirdInput) && moved(thirdInputReference, from: savedVersions.2))
            || (saved.contains(.result) && version != 0)
    }

    /// Why this operation's rule must not run: a tensor it reads changed in place since the
    /// operation was recorded (PyTorch's message); nil when none did.
    func savedTensorChange() -> TensorError? {
        let saved = savedTensors
        guard !saved.isEmpty else { return nil }
        if saved.contains(.firstInput), let problem = firstInputReference?._withUnsafeGuaranteedRef({ $0.changed(since: savedVersions.0, asInputOf: self) }) {
            return problem
        }
        if saved.contains(.secondInput), let problem = secondInputReference?._withUnsafeGuaranteedRef({ $0.changed(since: savedVersions.1, asInputOf: self) }) {
            return problem
        }
        if saved.contains(.thirdInput), let problem = thirdInputReference?._withUnsafeGuaranteedRef({ $0.changed(since: savedVersions.2, asInputOf: self) }) {
            return problem
        }
        // A result is recorded when it is made, at version 0.
        if saved.contains(.result) { return changed(since: 0, asInputOf: self) }
        return nil
    }

    /// PyTorch's error when this tensor, saved at `savedVersion`, has moved on.
    private func changed(since savedVersion: UInt32, asInputOf operation: Tensor) -> TensorError? {
        guard version != savedVersion else { return nil }
        // `which is output 0 of …` names the operation that made the tensor, when one did, as
        // PyTorch 2.13 names it there: the node's name without `Backward0` (`Tanh`, `Add`).
        let maker = ruleType.map { ", which is output 0 of \(Self.operationName(ofNode: $0.name))," } ?? ""
        return TensorError("one of the variables needed for gradient computation has been modified by an inplace operation: "
            + "[\(dtype.tensorTypeName) [\(shape.map(String.init).joined(separator: ", "))]]\(maker) is at version \(version); "
            + "expected version \(savedVersion) instead. Hint: enable anomaly detection to find the operation that "
            + "failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")
    }

    /// `TanhBackward0` → `Tanh`: an autograd node's name less its `Backward` and version number.
    private static func operationName(ofNode name: String) -> String {
        let withoutNumber = name.reversed().drop(while: \.isNumber).reversed()
        guard String(withoutNumber).hasSuffix("Backward") else { return name }
        return String(withoutNumber.dropLast("Backward".count))
    }
}

extension Tensor {
    /// Runs `write` on this tensor's values to change them in place, after PyTorch's checks, and
    /// raises the version (so saved-tensor checks and caches derived from the values see the
    /// change). `sources` are the other tensors the change reads. Not recorded: with recording
    /// on, neither this tensor nor a source may need a gradient (see the recording form below).
    /// Inside `noGrad` any tensor may change, as an optimizer's step changes its parameters.
    func changeInPlace(reading sources: [Tensor] = [], _ write: (UnsafeMutablePointer<Float>) -> Void) throws {
        if isGradEnabled {
            try refuseLeafChange()
            if requiresGrad || sources.contains(where: \.requiresGrad) {
                throw TensorError("in-place operations on tensors that need a gradient are recorded by PyTorch but not by this engine; use the out-of-place form, or noGrad { } for an update")
            }
        }
        updateValues(write)
        version &+= 1
    }

    /// The same, recorded as PyTorch records an in-place operation when this tensor or `source`
    /// needs a gradient: this tensor's history moves to a new tensor holding the values as they
    /// were (PyTorch's previous `grad_fn`), and this tensor becomes the result of `rule` applied
    /// to it (and `source`). A rule that saved this tensor then sees its version move.
    /// (`extra`, with a source, is a third input the rule reads: the places an index write wrote.)
    func changeInPlace<Rule: BackwardRule>(recording rule: Rule, reading source: Tensor? = nil, alsoReading extra: Tensor? = nil,
                                           _ write: (UnsafeMutablePointer<Float>) -> Void) throws {
        guard isGradEnabled, requiresGrad || source?.requiresGrad == true else {
            return try changeInPlace(reading: source.map { [$0] } ?? [], write)
        }
        try refuseLeafChange()
        // (A saved result is checked against version 0, which a rebased tensor is not at.)
        precondition(!Rule.saved.contains(.result), "\(Rule.self) reads its result: not recordable in place")
        // `x.mul_(x)` saves x as the other operand and then changes it: PyTorch's backward fails
        // on the version; here the record cannot hold the tensor as its own input, so it fails now.
        if source === self && Rule.saved.contains(.secondInput) {
            throw TensorError("\(Rule.name): an in-place operation whose other operand is the tensor itself saves it and then changes it, so its gradient cannot be computed; use the out-of-place form")
        }
        let previous = takeHistory()
        updateValues(write)
        version &+= 1
        previous.version = version
        // `x.add_(x)` adds to the values as they were, which `previous` holds.
        record(previous, source.map { $0 === self ? previous : $0 }, source == nil ? nil : extra, as: rule)
    }

    /// A recorded in-place change after another recorded operation read the tensor: PyTorch
    /// sends that operation's gradient to the tensor's previous history, which this engine's
    /// records (by tensor, not by node) cannot express, so the pass is refused rather than wrong.
    static let usedBeforeChange = TensorError("a tensor that needs a gradient was changed by a recorded in-place operation after another operation used it; this engine cannot run backward through that use (PyTorch can): apply the in-place operation before any use, or use its out-of-place form")

    /// PyTorch refuses to change a leaf that needs a gradient while recording.
    private func refuseLeafChange() throws {
        if requiresGrad && !hasHistory {
            throw TensorError("a leaf Variable that requires grad is being used in an in-place operation.")
        }
    }

    /// A new tensor that takes over this tensor's record (inputs, rule, saved versions and saved
    /// values) with a copy of its values: what was this tensor before an in-place change, as
    /// one out-of-place result would be (one object, and an array when large).
    private func takeHistory() -> Tensor {
        let previous = Tensor(validShape: shape, count: count, copying: values)
        previous.requiresGrad = requiresGrad
        previous.dtype = dtype
        previous.firstInputReference = firstInputReference.take()
        previous.secondInputReference = secondInputReference.take()
        previous.thirdInputReference = thirdInputReference.take()
        if let more = extrasValue({ $0.moreInputs.take() }) { previous.withExtras { $0.moreInputs = more } }
        previous.ruleType = ruleType.take()
        previous.ruleValues = ruleValues
        previous.savedVersions = savedVersions
        previous.savedTensors = savedTensors
        savedTensors = []
        previous.sequence = sequence
        copyValues(into: previous.savedValues, from: savedValues, count: inlineCapacity)
        return previous
    }
}
