import LessonModel

/// Budgets that keep a contributor's page from running away. Exceeding one is a located error.
public struct ExecutionLimits: Sendable, Hashable {
    /// Evaluation steps (statements and expressions) for the whole page.
    public var maxSteps: Int
    /// Wall-clock time for the whole page.
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
    public var location: SourceLocation

    public init(code: String, location: SourceLocation) {
        self.code = code
        self.location = location
    }
}

/// One page's environment: cells run in order and later cells see earlier bindings, like one
/// notebook kernel. Each session has its own random generator, so pages never share state.
public final class CellSession {
    public let limits: ExecutionLimits

    public init(limits: ExecutionLimits = .default) {
        self.limits = limits
    }

    /// Runs one cell; never throws and never traps: errors are the output's `.error` item.
    public func run(_ cell: CellSource) -> CellOutput {
        CellOutput(items: [.error(.error("the cell interpreter is not built yet", at: cell.location))])
    }
}
