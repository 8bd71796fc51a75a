import LessonModel

/// The check of one `output` block.
public struct BlockResult: Hashable, Sendable {
    /// The cell's position among the page's cells, from 0.
    public var cellIndex: Int
    /// The `output` block's opening fence.
    public var location: SourceLocation
    /// What the cell printed (for `error` cells, its error message): what `bless` would write.
    public var produced: String
    public var mismatches: [Mismatch]

    public init(cellIndex: Int, location: SourceLocation, produced: String, mismatches: [Mismatch]) {
        self.cellIndex = cellIndex
        self.location = location
        self.produced = produced
        self.mismatches = mismatches
    }

    public var passed: Bool { mismatches.isEmpty }
}

/// The check of one page: its blocks in page order, and the error that stopped it, if any.
public struct PageResult: Hashable, Sendable {
    public var path: String
    /// Blocks whose cells ran. Blocks after a cell that failed unexpectedly are not here: they
    /// could not be checked, and `error` says why.
    public var blocks: [BlockResult]
    /// Why the page could not be read, parsed or run to the end.
    public var error: Diagnostic?
    /// Output blocks the error left unchecked.
    public var uncheckedBlocks: [SourceLocation]
    /// The parser's located warnings (a stray `output` block, an unknown cell option).
    public var warnings: [Diagnostic]

    public init(
        path: String, blocks: [BlockResult] = [], error: Diagnostic? = nil,
        uncheckedBlocks: [SourceLocation] = [], warnings: [Diagnostic] = []
    ) {
        self.path = path
        self.blocks = blocks
        self.error = error
        self.uncheckedBlocks = uncheckedBlocks
        self.warnings = warnings
    }

    public var passedCount: Int { blocks.count { $0.passed } }
    public var failedCount: Int { blocks.count { !$0.passed } }
}

/// Every page's result, in the order the pages were named.
public struct CheckSummary: Hashable, Sendable {
    public var pages: [PageResult]
    /// The part of the pages checked (`--shard`), or `nil` for all of them.
    public var shard: Shard?

    public init(pages: [PageResult], shard: Shard? = nil) {
        self.pages = pages
        self.shard = shard
    }

    public var passedCount: Int { pages.reduce(0) { $0 + $1.passedCount } }
    public var failedCount: Int { pages.reduce(0) { $0 + $1.failedCount } }
    public var errorCount: Int { pages.count { $0.error != nil } }

    /// `N passed, N failed`: the last line of every format meant for people.
    public var outcomeLine: String { "\(passedCount) passed, \(failedCount) failed" }

    /// 0 when every block matches, 1 when any differs, 2 when a page could not be parsed or run.
    public var exitCode: Int32 {
        if errorCount > 0 { return 2 }
        return failedCount > 0 ? 1 : 0
    }
}
