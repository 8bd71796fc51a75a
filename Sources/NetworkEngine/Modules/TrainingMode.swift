/// A module's training flag (PyTorch's `Module.training`). Modules are values, so the flag lives
/// in a small shared object that copies of the module share: `model.eval()` on a `let` model
/// switches every layer it holds. A layer that behaves differently in evaluation (`Dropout`) or
/// a container keeps one as a stored property; a page's own struct may too
/// (`let mode = TrainingMode()`), and the parameter walk finds it.
public final class TrainingMode: @unchecked Sendable {
    /// Modules start in training mode, as in PyTorch.
    public var isTraining: Bool

    public init(isTraining: Bool = true) {
        self.isTraining = isTraining
    }
}

extension Module {
    /// `train(mode)`: sets the training flag of this module and of every module inside it
    /// (stored properties, arrays, `Sequential` children, at any depth). Returns the module.
    @discardableResult
    public func train(_ on: Bool = true) -> Self {
        let modes = tensorListing(naming: false).modes
        for index in modes.indices { modes[index].isTraining = on }
        return self
    }

    /// `eval()`: `train(false)`; `Dropout` then passes its input through unchanged.
    @discardableResult
    public func eval() -> Self {
        train(false)
    }

    /// `training`: false once `eval()` switched every flag inside the module. A module that holds
    /// no flag (`Linear`, an activation: nothing they compute depends on it) reports true.
    public var isTraining: Bool {
        let modes = tensorListing(naming: false).modes
        return modes.isEmpty || modes.contains(where: \.isTraining)
    }
}
