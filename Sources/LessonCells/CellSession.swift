import Foundation
import SwiftSyntax
import LessonModel
import NetworkEngine

/// Budgets that keep a contributor's page from running away. Exceeding one is a located error
/// that names the limit as a page or command line sets it (see `LimitName`).
public struct ExecutionLimits: Sendable, Hashable, Codable {
    /// Evaluation steps (statements, calls and loop iterations) for the whole page.
    public var maxSteps: Int
    /// Wall-clock time for the whole page (time spent running its cells).
    public var wallClock: Duration
    /// Elements in any one tensor, array or string. 64 M lets the 124M-parameter GPT-2 of the
    /// transformer chapter run: its token embedding has 38.6 M elements, and the logits of a
    /// 1,024-token context 51.5 M.
    public var maxTensorElements: Int
    /// Bytes the page's tensors, arrays and strings hold at once. 2 GiB holds GPT-2's weights
    /// (~650 MB as float32) with room for activations, while two pages checked in parallel stay
    /// far below a workstation's memory.
    public var maxMemoryBytes: Int
    /// Bytes of printed text and figures the page's cells produce: a report of a page is read
    /// by people, and 8 MiB is hundreds of screens.
    public var maxOutputBytes: Int
    /// Figures (gradient tables and charts) the page's cells display.
    public var maxFigures: Int
    /// Limits given on the command line: they take precedence over the page's own.
    public var commandLine: LimitSettings

    public init(
        maxSteps: Int = 100_000_000, wallClock: Duration = .seconds(10), maxTensorElements: Int = 64_000_000,
        maxMemoryBytes: Int = 2 << 30, maxOutputBytes: Int = 8 << 20, maxFigures: Int = 100,
        commandLine: LimitSettings = LimitSettings()
    ) {
        self.maxSteps = maxSteps
        self.wallClock = wallClock
        self.maxTensorElements = maxTensorElements
        self.maxMemoryBytes = maxMemoryBytes
        self.maxOutputBytes = maxOutputBytes
        self.maxFigures = maxFigures
        self.commandLine = commandLine
    }

    public static let `default` = ExecutionLimits()

    /// The limits for a page that sets `page` in its front matter: the page's settings replace
    /// these defaults, and the command line's replace both.
    public func forPage(_ page: LimitSettings) -> ExecutionLimits {
        var limits = self
        for (name, value) in page.overridden(by: commandLine).values {
            let count = Int(exactly: value.rounded(.down)) ?? Int.max
            switch name {
            case .time: limits.wallClock = .milliseconds(Int64(min(value, 9e12) * 1000))
            case .steps: limits.maxSteps = count
            case .tensorElements: limits.maxTensorElements = count
            case .memory: limits.maxMemoryBytes = count
            case .output: limits.maxOutputBytes = count
            case .figures: limits.maxFigures = count
            }
        }
        return limits
    }
}

/// A cell's code and where it starts in its page (so diagnostics point into the `.md` file).
public struct CellSource: Sendable {
    public var code: String
    /// The page location of the code's first character.
    public var location: LessonModel.SourceLocation

    public init(code: String, location: LessonModel.SourceLocation) {
        self.code = code
        self.location = location
    }
}

/// One page's environment: cells run in order and later cells see earlier bindings, like one
/// notebook kernel. Each session has its own random generator, so pages never share state.
public final class CellSession {
    public let limits: ExecutionLimits
    private let page = PageScope()
    /// Internal for tests (`@testable`), which read its counters.
    let interpreter: Interpreter
    /// Wall-clock time the page's cells have used so far.
    private var timeUsed: Duration = .zero
    /// Set when a cell overran the time budget without returning (see `run`): the session's
    /// state then belongs to that cell's thread, and no later cell runs.
    private var abandoned = false
    /// The thread with a large stack that runs the session's cells (deep but budgeted recursion
    /// in a cell, and swift-syntax's recursive descent, need more than a pool thread's stack).
    private let worker = LargeStackThread()
    /// How long past the page's deadline a cell may take to notice it. The evaluator looks at
    /// the clock every 1,024 steps and after each large tensor operation; parsing and a few long
    /// operations cannot look, so they are cut off here instead.
    static let grace: Duration = .seconds(2)

    public init(limits: ExecutionLimits = .default) {
        self.limits = limits
        interpreter = Interpreter(limits: limits)
    }

    /// Frees the page's values on the session's thread: freeing a value recurses once per level
    /// of nesting (arrays in structs in arrays), like printing it. The thread ends after that.
    deinit {
        guard !abandoned else { return }
        let values = ValuesToFree(interpreter)
        if worker.perform(wait: nil, { values.free() }) == nil { values.free() }
    }

    /// Runs one cell; never throws and never traps: errors are the output's `.error` item.
    public func run(_ cell: CellSource) -> CellOutput {
        let start = Loc(line: Int32(cell.location.line), column: Int32(cell.location.column))
        if abandoned {
            return CellOutput(items: [.error(Budget.timeExceeded(limits.wallClock, start).diagnostic(file: cell.location.file))])
        }
        let job = CellJob { self.runHere(cell) }
        let remaining = max(limits.wallClock - timeUsed, .zero) + CellSession.grace
        switch worker.perform(wait: remaining, { job.run() }) {
        case true?:
            return job.output ?? CellOutput()
        case false?:
            // The cell is still running (most likely inside swift-syntax, which cannot be
            // interrupted): leave it to finish on its own and report the budget now.
            abandoned = true
            return CellOutput(items: [.error(Budget.timeExceeded(limits.wallClock, start).diagnostic(file: cell.location.file))])
        case nil:
            let error = CellError("cannot start the thread cells run on (out of memory or threads)", at: start)
            return CellOutput(items: [.error(error.diagnostic(file: cell.location.file))])
        }
    }

    /// Runs `body` on a new thread with a 64 MiB stack (see `LargeStackThread`), which ends
    /// after it. Waits at most `wait` (for ever when nil); false when `body` had not finished
    /// by then.
    @discardableResult
    static func onLargeStack(wait: Duration?, _ body: @escaping @Sendable () -> Void) -> Bool {
        LargeStackThread().perform(wait: wait, body) ?? false
    }

    /// Runs `body` on the thread the session's cells run on. Internal for tests.
    func onCellThread<Value>(_ body: @escaping () -> Value) -> Value? {
        let job = CellJob(body)
        _ = worker.perform(wait: nil) { job.run() }
        return job.output
    }

    private func runHere(_ cell: CellSource) -> CellOutput {
        interpreter.memory.withCurrent { runCounted(cell) }
    }

    private func runCounted(_ cell: CellSource) -> CellOutput {
        let started = ContinuousClock.now
        interpreter.output = CellOutput()
        interpreter.budget.startCell(remaining: limits.wallClock - timeUsed)
        defer { timeUsed += ContinuousClock.now - started }
        var failure: CellError?
        do {
            let (tree, map) = try Frontend(origin: cell.location).parse(cell.code)
            let lowered = try lower(tree, map)
            interpreter.reserveGlobals(page.globalCount)
            let statements = interpreter.optimize(lowered)
            for type in page.structs.values {
                for code in type.methods.values { interpreter.optimize(code) }
                for code in type.initializers { interpreter.optimize(code) }
                for code in type.computed.values { interpreter.optimize(code) }
            }
            let interpreter = self.interpreter
            // The page's print options (`setPrintOptions`) carry from one cell to the next.
            let ((_, warnings), options) = withPrintOptions(interpreter.printOptions) {
                collectingWarnings { () -> Void in
                    do {
                        _ = try interpreter.exec(statements, interpreter.globals)
                    } catch let error as CellError {
                        failure = error
                    } catch {}
                }
            }
            interpreter.printOptions = options
            interpreter.output.items += warnings.map { CellOutput.Item.warning($0) }
        } catch {
            failure = error
        }
        interpreter.callDepth = 0
        interpreter.activeFrames.removeAll()
        if let failure {
            interpreter.output.items.append(.error(failure.diagnostic(file: cell.location.file)))
        }
        return interpreter.output
    }

    /// Lowers a cell; if it fails, the page's names are as they were before the cell.
    private func lower(_ tree: SourceFileSyntax, _ map: Frontend.PositionMap) throws(CellError) -> [Stmt] {
        let saved = (page.globals, page.globalCount, page.globalIsLet, page.globalTypes, page.globalShapes, page.structs)
        do {
            return try Lowering(page: page, map: map).lowerBlock(tree.statements)
        } catch {
            (page.globals, page.globalCount, page.globalIsLet, page.globalTypes, page.globalShapes, page.structs) = saved
            throw error
        }
    }
}

/// A finished session's values, handed to the thread that frees them.
/// @unchecked: the session is being dropped, so that thread alone touches the interpreter.
private final class ValuesToFree: @unchecked Sendable {
    let interpreter: Interpreter

    init(_ interpreter: Interpreter) { self.interpreter = interpreter }

    func free() {
        interpreter.globals.clear()
        interpreter.returnValue = .void
    }
}

/// Carries one cell's work to the thread that runs it and its output back.
/// @unchecked: the caller reads `output` only after `perform` has returned true, that is after
/// the thread has finished writing it and signalled (the semaphore orders the two).
private final class CellJob<Value>: @unchecked Sendable {
    private let body: () -> Value
    private(set) var output: Value?

    init(_ body: @escaping () -> Value) { self.body = body }

    func run() { output = body() }
}
