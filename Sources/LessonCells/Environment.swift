/// One call's variables (or the page's), addressed by the slots the lowering resolved.
/// Closures keep their defining frame alive, so they see later changes to captured variables,
/// as Swift closures do.
final class Frame {
    var slots: [Value]
    let parent: Frame?

    init(size: Int, parent: Frame?) {
        slots = Array(repeating: .void, count: size)
        self.parent = parent
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
    var structs: [String: StructType] = [:]

    func declareGlobal(_ name: String) -> Int {
        let slot = globalCount
        globalCount += 1
        globals[name] = slot
        return slot
    }
}
