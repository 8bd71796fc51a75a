#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// The options `setPrintOptions` has set, shared by every thread as PyTorch's are.
    public static var current: PrintOptions { currentPrintOptions.modify { _ in } }

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

/// `torch.set_printoptions(precision:threshold:edgeitems:linewidth:sci_mode:)`; see
/// `PrintOptions.setting` for which options an omitted argument keeps.
public func setPrintOptions(precision: Int? = nil, threshold: Int? = nil, edgeItems: Int? = nil,
                            lineWidth: Int? = nil, sciMode: Bool? = nil) throws(PrintOptionsError) {
    try currentPrintOptions.modify { (options) throws(PrintOptionsError) in
        options = try options.setting(precision: precision, threshold: threshold, edgeItems: edgeItems,
                                      lineWidth: lineWidth, sciMode: sciMode)
    }
}

/// `torch.set_printoptions(profile="default")` with automatic scientific notation.
public func resetPrintOptions() {
    currentPrintOptions.modify { $0 = .default }
}

private let currentPrintOptions = LockedPrintOptions()

/// One `PrintOptions` behind a lock (the package still builds for macOS 14, before `Mutex`).
private final class LockedPrintOptions: @unchecked Sendable {
    private var options = PrintOptions.default
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    /// Changes the options under the lock, so two threads' changes never interleave; returns
    /// the options after the change.
    @discardableResult
    func modify<E: Error>(_ change: (inout PrintOptions) throws(E) -> Void) throws(E) -> PrintOptions {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        try change(&options)
        return options
    }
}
