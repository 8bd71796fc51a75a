/// `torch.set_printoptions`: how tensors print. The defaults are PyTorch's.
public struct PrintOptions: Sendable, Hashable {
    /// Digits after the decimal point (`precision`).
    public var precision: Int
    /// Tensors with more elements than this print summarised, `...` standing for the middle of
    /// every long dimension (`threshold`; `Int.max` prints everything).
    public var threshold: Int
    /// Items kept at each end of a summarised dimension (`edgeitems`). At 0 the tensor also
    /// prints its `size=`, as PyTorch does.
    public var edgeItems: Int
    /// Characters per line, used to decide how many elements share a row (`linewidth`).
    public var lineWidth: Int
    /// Scientific notation always (`true`), never (`false`), or as PyTorch chooses (`nil`).
    public var sciMode: Bool?

    public init(precision: Int = 4, threshold: Int = 1000, edgeItems: Int = 3, lineWidth: Int = 80,
                sciMode: Bool? = nil) {
        self.precision = precision
        self.threshold = threshold
        self.edgeItems = edgeItems
        self.lineWidth = lineWidth
        self.sciMode = sciMode
    }

    /// `profile="default"`.
    public static let `default` = PrintOptions()
    /// `profile="short"`.
    public static let short = PrintOptions(precision: 2, edgeItems: 2)
    /// `profile="full"`: never summarised.
    public static let full = PrintOptions(threshold: .max)

    /// This thread's options: PyTorch's defaults until `setPrintOptions` changes them.
    public static var current: PrintOptions { ThreadContext.withCurrent { $0.printOptions } }

    /// These options with the given ones replaced, as `set_printoptions` replaces them: an
    /// option left out keeps its value, except `sciMode`, which PyTorch always assigns, so
    /// leaving it out goes back to automatic.
    public func setting(precision: Int? = nil, threshold: Int? = nil, edgeItems: Int? = nil,
                        lineWidth: Int? = nil, sciMode: Bool? = nil) throws(PrintOptionsError) -> PrintOptions {
        // PyTorch takes these and fails later, when a tensor prints; refuse them here instead.
        if let precision, precision < 0 { throw .negative(option: "precision", value: precision) }
        if let edgeItems, edgeItems < 0 { throw .negative(option: "edgeItems", value: edgeItems) }
        var result = self
        result.precision = precision ?? self.precision
        result.threshold = threshold ?? self.threshold
        result.edgeItems = edgeItems ?? self.edgeItems
        result.lineWidth = lineWidth ?? self.lineWidth
        result.sciMode = sciMode
        return result
    }
}

/// An option `setPrintOptions` cannot take.
public enum PrintOptionsError: Error, Equatable, CustomStringConvertible {
    case negative(option: String, value: Int)

    public var description: String {
        switch self {
        case .negative(let option, let value): "print option \(option) must be 0 or more, not \(value)"
        }
    }
}

// PyTorch's print options are one global of the process. Here they belong to a thread, like
// the warning collectors (`ThreadContext`): lesson pages run in parallel, one thread per cell,
// and a page must never change how another page prints. Every cell's thread starts at
// PyTorch's defaults; a page session that lets cells set options carries them from one cell to
// the next with `withPrintOptions`, as a notebook kernel keeps them.

/// `torch.set_printoptions(precision:threshold:edgeitems:linewidth:sci_mode:)` for this thread;
/// see `PrintOptions.setting` for which options an omitted argument keeps.
public func setPrintOptions(precision: Int? = nil, threshold: Int? = nil, edgeItems: Int? = nil,
                            lineWidth: Int? = nil, sciMode: Bool? = nil) throws(PrintOptionsError) {
    let changed = try PrintOptions.current.setting(precision: precision, threshold: threshold, edgeItems: edgeItems,
                                                   lineWidth: lineWidth, sciMode: sciMode)
    ThreadContext.withCurrent { $0.printOptions = changed }
}

/// `torch.set_printoptions(profile="default")` with automatic scientific notation, for this thread.
public func resetPrintOptions() {
    ThreadContext.withCurrent { $0.printOptions = .default }
}

/// Runs `body` with this thread's print options set to `options`, and puts the thread's own
/// back afterwards; returns the options as `body` left them (a page session keeps them for its
/// next cell).
public func withPrintOptions<T>(_ options: PrintOptions,
                                _ body: () throws -> T) rethrows -> (result: T, options: PrintOptions) {
    let saved = ThreadContext.withCurrent { context in
        defer { context.printOptions = options }
        return context.printOptions
    }
    defer { ThreadContext.withCurrent { $0.printOptions = saved } }
    let result = try body()
    return (result, PrintOptions.current)
}
