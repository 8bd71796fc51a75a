/// One call's variables (or the page's), addressed by the slots the lowering resolved.
/// Closures keep their defining frame alive, so they see later changes to captured variables,
/// as Swift closures do. The slots live in raw storage: the evaluator's hottest reads and writes
/// then cost no copy-on-write or exclusivity bookkeeping (the evaluator never holds a slot
/// across cell code, see `Interpreter.update`).
final class Frame {
    private(set) var slots: UnsafeMutablePointer<Value>
    private(set) var count: Int
    let parent: Frame?

    init(size: Int, parent: Frame?) {
        slots = .allocate(capacity: Swift.max(size, 1))
        slots.initialize(repeating: .void, count: size)
        count = size
        self.parent = parent
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// Makes room for `size` slots (the page frame grows as cells declare names).
    func grow(to size: Int) {
        guard size > count else { return }
        let bigger = UnsafeMutablePointer<Value>.allocate(capacity: size)
        bigger.moveInitialize(from: slots, count: count)
        (bigger + count).initialize(repeating: .void, count: size - count)
        slots.deallocate()
        slots = bigger
        count = size
    }

    @inline(__always)
    func ancestor(_ depth: Int) -> Frame {
        var frame = self
        for _ in 0..<depth { frame = frame.parent! }
        return frame
    }
}

/// What the page has declared so far, by name: the lowering's view of the page environment.
/// Later cells see earlier declarations; a later declaration of a name shadows the earlier one.
final class PageScope {
    var globals: [String: Int] = [:]
    var globalCount = 0
    var globalIsLet: [Int: Bool] = [:]
    /// Annotated types of page variables (`var best: Double? = nil`): later assignments convert
    /// to them, as Swift's static types would.
    var globalTypes: [Int: TypeRef] = [:]
    /// Parameter labels of page functions, checked at each call when a cell is lowered.
    var globalShapes: [Int: CallShape] = [:]
    var structs: [String: StructType] = [:]

    func declareGlobal(_ name: String) -> Int {
        let slot = globalCount
        globalCount += 1
        globals[name] = slot
        return slot
    }
}
