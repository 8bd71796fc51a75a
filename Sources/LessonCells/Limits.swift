import LessonModel

/// The page's budgets, counted down as cells run: steps (statements, calls, loop iterations),
/// wall-clock time, call depth, tensor size, memory, output and figures. Exceeding one is a
/// located error that says how to raise it, never a hang or a crash.
struct Budget {
    var stepsLeft: Int
    let maxSteps: Int
    var deadline: ContinuousClock.Instant
    let wallClock: Duration
    let maxTensorElements: Int
    let maxMemoryBytes: Int
    let maxOutputBytes: Int
    let maxFigures: Int
    /// Output bytes and figures the page produced so far.
    var outputBytes = 0
    var figures = 0
    /// Nested calls; deep recursion would otherwise exhaust the native stack.
    static let maxCallDepth = 600
    /// Levels of arrays, structs, tuples, dictionaries and optionals inside one another. Printing,
    /// comparing and freeing a value recurse once per level.
    static let maxValueDepth = 200

    init(_ limits: ExecutionLimits) {
        maxSteps = limits.maxSteps
        stepsLeft = limits.maxSteps
        wallClock = limits.wallClock
        deadline = ContinuousClock.now.advanced(by: limits.wallClock)
        maxTensorElements = limits.maxTensorElements
        maxMemoryBytes = limits.maxMemoryBytes
        maxOutputBytes = limits.maxOutputBytes
        maxFigures = limits.maxFigures
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
            throw Budget.exceeded("the page exceeded its step budget of \(maxSteps) steps", .steps, loc)
        }
        if ContinuousClock.now > deadline {
            throw Budget.timeExceeded(wallClock, loc)
        }
    }

    /// Charges `bytes` of printed text or figure data.
    mutating func chargeOutput(_ bytes: Int, _ loc: Loc) throws(CellError) {
        outputBytes += bytes
        if outputBytes > maxOutputBytes {
            throw Budget.exceeded("the page's output exceeded its limit of \(maxOutputBytes) bytes", .output, loc)
        }
    }

    mutating func chargeFigure(_ loc: Loc) throws(CellError) {
        figures += 1
        if figures > maxFigures {
            throw Budget.exceeded("the page displayed more than its limit of \(maxFigures) figures", .figures, loc)
        }
    }

    /// `what`, and how to raise the limit, in the terms a page or the command line sets it.
    static func exceeded(_ what: String, _ limit: LimitName, _ loc: Loc) -> CellError {
        var error = CellError("\(what); \(limit.howToRaise)", at: loc)
        error.isBudget = true
        return error
    }

    static func timeExceeded(_ wallClock: Duration, _ loc: Loc) -> CellError {
        exceeded("the page exceeded its time budget of \(seconds(wallClock))", .time, loc)
    }

    /// `10 seconds`, `2.5 seconds`.
    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        if fraction == 0 { return "\(whole) second\(whole == 1 ? "" : "s")" }
        return "\(Double(whole) + Double(fraction) / 1e18) seconds"
    }
}
