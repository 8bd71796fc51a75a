import NetworkKernels

/// `with torch.no_grad():` — runs `body` with recording turned off on this thread: operations
/// make results without history, and in-place updates of parameters (an optimizer's step) are
/// allowed. Nests; the previous setting comes back when `body` returns or throws.
@discardableResult
public func noGrad<T>(_ body: () throws -> T) rethrows -> T {
    let previous = nk_set_grad_enabled(0)
    defer { _ = nk_set_grad_enabled(previous) }
    return try body()
}

/// `torch.is_grad_enabled()`: whether operations on this thread record themselves.
public var isGradEnabled: Bool { nk_grad_enabled() != 0 }
