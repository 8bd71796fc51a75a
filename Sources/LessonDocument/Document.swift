import LessonModel

/// A lesson page parsed once: front matter, then the page's blocks in order. Every piece keeps
/// where it came from (line and column for messages, UTF-8 byte ranges for `bless`, which
/// rewrites only the bytes of output blocks).
public struct Document: Sendable {
    /// The path as the user named it; used in every `file:line:col` message.
    public var path: String
    /// The page's bytes exactly as read.
    public var source: [UInt8]
    public var frontMatter: FrontMatter
    public var blocks: [Block]
    /// Located warnings found while parsing (unknown front-matter keys, a stray `output` block).
    public var diagnostics: [Diagnostic]

    public init(path: String, source: [UInt8], frontMatter: FrontMatter, blocks: [Block], diagnostics: [Diagnostic]) {
        self.path = path
        self.source = source
        self.frontMatter = frontMatter
        self.blocks = blocks
        self.diagnostics = diagnostics
    }

    /// The page's cells in page order (`Cell.index` is the position in this list).
    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let c) = $0 { return c } else { return nil } }
    }
}

/// One top-level piece of a page.
public enum Block: Sendable {
    /// A run of consecutive Markdown blocks between cells, kept as the author wrote it.
    case prose(Prose)
    /// A `swift` fenced block, with the `output` block that follows it, if any.
    case cell(Cell)
}

public struct Prose: Sendable {
    /// The Markdown source of the run, exactly as in the page.
    public var markdown: String
    public var byteRange: Range<Int>
    public var location: SourceLocation

    public init(markdown: String, byteRange: Range<Int>, location: SourceLocation) {
        self.markdown = markdown
        self.byteRange = byteRange
        self.location = location
    }
}

/// Words after `swift` in a cell's info string.
public struct CellOptions: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Run the cell but show only its output.
    public static let hidden = CellOptions(rawValue: 1 << 0)
    /// Show the code but do not run it.
    public static let norun = CellOptions(rawValue: 1 << 1)
    /// The cell is expected to fail; its error message is its output.
    public static let error = CellOptions(rawValue: 1 << 2)
}

public struct Cell: Sendable {
    /// Position among the page's cells, from 0.
    public var index: Int
    /// The code between the fences.
    public var code: String
    public var options: CellOptions
    /// Where the first line of code starts in the page (line after the opening fence, its indent column).
    public var codeLocation: SourceLocation
    /// The whole fenced block, fences included.
    public var byteRange: Range<Int>
    /// The `output` block right after the cell, if the page publishes one.
    public var expectedOutput: ExpectedOutput?

    public init(index: Int, code: String, options: CellOptions, codeLocation: SourceLocation, byteRange: Range<Int>, expectedOutput: ExpectedOutput?) {
        self.index = index
        self.code = code
        self.options = options
        self.codeLocation = codeLocation
        self.byteRange = byteRange
        self.expectedOutput = expectedOutput
    }
}

/// A fenced `output` block: what its cell is published to print.
public struct ExpectedOutput: Sendable {
    /// The text between the fences (each line ends with a newline).
    public var text: String
    /// Where the first line of text starts (line after the opening fence).
    public var textLocation: SourceLocation
    /// The bytes between the fences: what `bless` replaces.
    public var textByteRange: Range<Int>
    /// The whole fenced block, fences included.
    public var byteRange: Range<Int>
    /// The fence's indentation and characters (e.g. "```"), so `bless` can write a matching one.
    public var fence: String
    /// The block's own `rtol=` and `atol=` from its info string (`output atol=1e-7`), if given.
    public var relativeTolerance: Double?
    public var absoluteTolerance: Double?

    public init(
        text: String, textLocation: SourceLocation, textByteRange: Range<Int>, byteRange: Range<Int>, fence: String,
        relativeTolerance: Double? = nil, absoluteTolerance: Double? = nil
    ) {
        self.text = text
        self.textLocation = textLocation
        self.textByteRange = textByteRange
        self.byteRange = byteRange
        self.fence = fence
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
    }
}

/// YAML between `---` lines at the top of the page.
public struct FrontMatter: Sendable {
    public var title: String?
    /// Relative tolerance for `check`.
    public var tolerance: Double?
    /// Budgets the page sets for its own cells (`limits:`), over the defaults.
    public var limits: LimitSettings
    /// The front matter's bytes, delimiters included (empty when there is none).
    public var byteRange: Range<Int>

    public init(title: String? = nil, tolerance: Double? = nil, limits: LimitSettings = LimitSettings(), byteRange: Range<Int> = 0..<0) {
        self.title = title
        self.tolerance = tolerance
        self.limits = limits
        self.byteRange = byteRange
    }
}
