/// The page's budgets, counted down as cells run: steps (statements, calls, loop iterations),
/// wall-clock time, call depth and tensor size. Exceeding one is a located error, never a hang.
struct Budget {
    var stepsLeft: Int
    let maxSteps: Int
    var deadline: ContinuousClock.Instant
    let wallClock: Duration
    let maxTensorElements: Int
    /// Nested calls; deep recursion would otherwise exhaust the native stack.
    static let maxCallDepth = 600

    init(_ limits: ExecutionLimits) {
        maxSteps = limits.maxSteps
        stepsLeft = limits.maxSteps
        wallClock = limits.wallClock
        deadline = ContinuousClock.now.advanced(by: limits.wallClock)
        maxTensorElements = limits.maxTensorElements
    }

    /// The page's clock runs only while its cells do.
    mutating func startCell(remaining: Duration) {
        deadline = ContinuousClock.now.advanced(by: remaining)
    }

    /// Charges `steps` steps and looks at the clock.
    mutating func charge(_ steps: Int, _ loc: Loc) throws(CellError) {
        stepsLeft -= steps
        try check(loc)
    }

    mutating func check(_ loc: Loc) throws(CellError) {
        if stepsLeft < 0 {
            throw CellError("the page exceeded its step budget of \(maxSteps) steps (raise ExecutionLimits.maxSteps if the page needs more)", at: loc)
        }
        if ContinuousClock.now > deadline {
            throw CellError("the page exceeded its time budget of \(wallClock) (raise ExecutionLimits.wallClock if the page needs more)", at: loc)
        }
    }
}
