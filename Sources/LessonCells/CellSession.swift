import Foundation
import SwiftSyntax
import LessonModel
import NetworkEngine

/// Budgets that keep a contributor's page from running away. Exceeding one is a located error.
public struct ExecutionLimits: Sendable, Hashable, Codable {
    /// Evaluation steps (statements, calls and loop iterations) for the whole page.
    public var maxSteps: Int
    /// Wall-clock time for the whole page (time spent running its cells).
    public var wallClock: Duration
    /// Elements in any one tensor.
    public var maxTensorElements: Int

    public init(maxSteps: Int = 100_000_000, wallClock: Duration = .seconds(10), maxTensorElements: Int = 16_000_000) {
        self.maxSteps = maxSteps
        self.wallClock = wallClock
        self.maxTensorElements = maxTensorElements
    }

    public static let `default` = ExecutionLimits()
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
    private let interpreter: Interpreter
    /// Wall-clock time the page's cells have used so far.
    private var timeUsed: Duration = .zero

    public init(limits: ExecutionLimits = .default) {
        self.limits = limits
        interpreter = Interpreter(limits: limits)
    }

    /// Runs one cell; never throws and never traps: errors are the output's `.error` item.
    public func run(_ cell: CellSource) -> CellOutput {
        // Cells run on a thread with a large stack: deep (but budgeted) recursion in a cell and
        // swift-syntax's recursive descent must not meet the small stack of a pool thread.
        let job = CellJob { self.runHere(cell) }
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            job.run()
            done.signal()
        }
        thread.stackSize = 64 << 20
        thread.start()
        done.wait()
        return job.output
    }

    private func runHere(_ cell: CellSource) -> CellOutput {
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
            let (_, warnings) = collectingWarnings { () -> Void in
                do {
                    _ = try interpreter.exec(statements, interpreter.globals)
                } catch let error as CellError {
                    failure = error
                } catch {}
            }
            interpreter.output.items += warnings.map { CellOutput.Item.warning($0) }
        } catch {
            failure = error
        }
        interpreter.callDepth = 0
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

/// Carries one cell's work to the thread that runs it and its output back.
private final class CellJob: @unchecked Sendable {
    private let body: () -> CellOutput
    private(set) var output = CellOutput()

    init(_ body: @escaping () -> CellOutput) { self.body = body }

    func run() { output = body() }
}
