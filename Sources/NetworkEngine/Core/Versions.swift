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
        // `which is output 0 of …` names the operation that made the tensor, when one did.
        let maker = ruleType.map { ", which is output 0 of \($0.name)," } ?? ""
        return TensorError("one of the variables needed for gradient computation has been modified by an inplace operation: "
            + "[\(dtype.tensorTypeName) [\(shape.map(String.init).joined(separator: ", "))]]\(maker) is at version \(version); "
            + "expected version \(savedVersion) instead. Hint: enable anomaly detection to find the operation that "
            + "failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).")
    }
}

extension Tensor {
    /// Runs `write` on this tensor's values to change them in place, after PyTorch's checks, and
    /// raises the version (so saved-tensor checks and caches derived from the values see the
    /// change). `sources` are the other tensors the change reads.
    ///
    /// Recording in-place operations (PyTorch's history rebasing) is not supported: with
    /// recording on, neither this tensor nor a source may need a gradient. Inside `noGrad` any
    /// tensor may change, as an optimizer's step changes its parameters.
    func changeInPlace(reading sources: [Tensor] = [], _ write: (UnsafeMutablePointer<Float>) -> Void) throws {
        if isGradEnabled {
            if requiresGrad && !hasHistory {
                throw TensorError("a leaf Variable that requires grad is being used in an in-place operation.")
            }
            if requiresGrad || sources.contains(where: \.requiresGrad) {
                throw TensorError("in-place operations on tensors that need a gradient are recorded by PyTorch but not by this engine; use the out-of-place form, or noGrad { } for an update")
            }
        }
        updateValues(write)
        version &+= 1
    }
}
