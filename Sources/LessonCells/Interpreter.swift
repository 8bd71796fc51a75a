import LessonModel
import NetworkEngine

/// The evaluator's state for one page: the page frame, the session's random generator, the
/// budgets, and the output of the cell that is running.
final class Interpreter {
    let globals = Frame(size: 0, parent: nil)
    let generator = Generator()
    /// How the page's tensors print, as its cells last set them.
    var printOptions = PrintOptions.default
    /// The bindings, read once (a `static let` costs a check on every access).
    let registry = Registry.shared
    var budget: Budget
    var output = CellOutput()
    var callDepth = 0
    /// The value of the `return` that ended the current function body.
    var returnValue: Value = .void
    /// The page's tensor bytes, charged by the engine (see `MemoryBudget.swift`).
    let memory = MemoryAccount()
    /// Array and string bytes found by the last measurement, and reserved since (in raw
    /// storage, as `stepsUntilCheck`: every append reads and writes them).
    var measuredBytes: Int {
        get { collectionBytes[0] }
        set { collectionBytes[0] = newValue }
    }
    var reservedBytes: Int {
        get { collectionBytes[1] }
        set { collectionBytes[1] = newValue }
    }
    private let collectionBytes = UnsafeMutablePointer<Int>.allocate(capacity: 2)
    /// The budget's element and memory limits, read by every append: a `let` is read without
    /// the exclusivity check that reading them from `budget`, a stored `var`, costs.
    let maxElements: Int
    let maxMemoryBytes: Int
    /// The frames of the calls running now: with the page's, where its values live.
    var activeFrames: [Frame] = []
    /// Values in no variable or frame while cell code or a measurement may run: results being
    /// built, levels of a path taken out (`building`, `holding`), innermost last.
    var unseen: [UnseenValue] = []
    /// The variables mutating methods have taken out of their slots, innermost last.
    var heldVariables: [HeldVariable] = []
    #if DEBUG
    /// Appends that copied their array because something else shared it (see `InPlaceArray`).
    var copiedAppends = 0
    /// Levels of a path `update` copied as it took a part out or put it back (see `swapPart`).
    var copiedContainers = 0
    #endif

    /// Steps left before the next budget check, in raw storage so counting a step costs no
    /// exclusivity bookkeeping.
    let stepsUntilCheck = UnsafeMutablePointer<Int>.allocate(capacity: 1)

    init(limits: ExecutionLimits) {
        budget = Budget(limits)
        maxElements = limits.maxTensorElements
        maxMemoryBytes = limits.maxMemoryBytes
        stepsUntilCheck.initialize(to: 1024)
        collectionBytes.initialize(repeating: 0, count: 2)
    }

    deinit {
        stepsUntilCheck.deallocate()
        collectionBytes.deallocate()
    }

    /// Counts one step; every 1024 steps the budget is charged and the clock read.
    @inline(__always)
    func step(_ loc: @autoclosure () -> Loc) throws(CellError) {
        stepsUntilCheck.pointee &-= 1
        if stepsUntilCheck.pointee <= 0 {
            stepsUntilCheck.pointee = 1024
            try budget.charge(1024, loc())
        }
    }

    /// Grows the page frame to hold the slots the lowering handed out.
    func reserveGlobals(_ count: Int) {
        globals.grow(to: count)
    }

    @inline(__always)
    func read(_ ref: VarRef, _ frame: Frame) -> Value {
        switch ref {
        case .local(let i): return frame.slots[i]
        case .global(let i): return globals.slots[i]
        case .outer(let depth, let i): return frame.ancestor(depth).slots[i]
        }
    }

    @inline(__always)
    func write(_ ref: VarRef, _ value: Value, _ frame: Frame) {
        switch ref {
        case .local(let i): frame.slots[i] = value
        case .global(let i): globals.slots[i] = value
        case .outer(let depth, let i): frame.ancestor(depth).slots[i] = value
        }
    }

    /// A range loop's variable: an Int over an Int (the slot of the previous iteration) is
    /// overwritten without destroying the old value, which has nothing to free.
    @inline(__always)
    func writeInt(_ ref: VarRef, _ value: Int, _ frame: Frame) {
        let slot: UnsafeMutablePointer<Value>
        switch ref {
        case .local(let i): slot = frame.slots + i
        case .global(let i): slot = globals.slots + i
        case .outer: return write(ref, .int(value), frame)
        }
        if case .int = slot.pointee { slot.initialize(to: .int(value)) } else { slot.pointee = .int(value) }
    }

    /// A compiled node's variable: a page variable's slot, or the running frame's.
    @inline(__always)
    func slot(_ index: Int, onPage: Bool, _ frame: Frame) -> UnsafeMutablePointer<Value> {
        (onPage ? globals.slots : frame.slots) + index
    }

    /// The frame and index a reference names, for in-place updates.
    @inline(__always)
    func location(_ ref: VarRef, _ frame: Frame) -> (Frame, Int) {
        switch ref {
        case .local(let i): return (frame, i)
        case .global(let i): return (globals, i)
        case .outer(let depth, let i): return (frame.ancestor(depth), i)
        }
    }

    /// Appends printed text, counted against the page's output limit.
    func print(_ text: String, _ loc: Loc) throws(CellError) {
        try budget.chargeOutput(text.utf8.count, loc)
        output.appendText(text)
    }

    /// Appends a displayed figure, counted against the page's figure and output limits.
    func display(_ figure: Figure, _ loc: Loc) throws(CellError) {
        try budget.chargeFigure(loc)
        try budget.chargeOutput(figure.estimatedBytes, loc)
        output.items.append(.figure(figure))
    }
}
