/// One call's variables (or the page's), addressed by the slots the lowering resolved.
/// Closures keep their defining frame alive, so they see later changes to captured variables,
/// as Swift closures do. The slots live in raw storage: the evaluator's hottest reads and writes
/// then cost no copy-on-write or exclusivity bookkeeping (the evaluator never holds a slot
/// across cell code, see `Interpreter.update`).
final class Frame {
    private(set) var slots: UnsafeMutablePointer<Value>
    private(set) var count: Int
    let parent: Frame?
    /// A mutating method's frame after the method returned: its `self` (slot 0) went back to
    /// the caller, and a closure that kept the frame escaped with it (`requireNotHeld`).
    var selfLeft = false

    init(size: Int, parent: Frame?) {
        slots = .allocate(capacity: Swift.max(size, 1))
        slots.initialize(repeating: .void, count: size)
        count = size
        self.parent = parent
    }

    /// Frees the slots without recursion. A closure in a slot keeps its frame alive, whose slots
    /// may hold a closure keeping another frame alive, and so on: freeing such a chain (a cell can
    /// build one a million long) one `deinit` inside the other would overflow the stack. Instead
    /// the frames that die with this one are collected and freed one after the other.
    deinit {
        var dying: [Frame] = []
        Frame.takeCapturedFrames(slots, count, into: &dying)
        slots.deinitialize(count: count)
        slots.deallocate()
        while var frame = dying.popLast() {
            // Only a frame nothing else holds is emptied: it dies when `frame` goes.
            if isKnownUniquelyReferenced(&frame) { Frame.takeCapturedFrames(frame.slots, frame.count, into: &dying) }
        }
    }

    private static func takeCapturedFrames(_ slots: UnsafeMutablePointer<Value>, _ count: Int, into dying: inout [Frame]) {
        for i in 0..<count {
            guard case .function(.closure(_, let captured?)) = slots[i] else { continue }
            dying.append(captured)
            slots[i] = .void
        }
    }

    /// Frees the values in the slots.
    func clear() {
        for i in 0..<count { slots[i] = .void }
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
