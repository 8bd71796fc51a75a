/// One piece of a printed line. `check` compares text exactly and numbers within tolerance.
public enum OutputToken: Hashable, Sendable {
    case text(String)
    case number(PrintedNumber)
}

/// A number as a cell printed it or a page published it.
public struct PrintedNumber: Hashable, Sendable {
    /// The characters as written (`-1.5e-05`, `nan`).
    public var spelling: String
    public var value: Double
    /// UTF-8 offset of the first character in its line.
    public var offset: Int
    /// Place value of the last digit written (`0.0002` → 1e-4, `2.5e-3` → 1e-4), or `nil` when
    /// the number is an integer, `nan` or `inf`: integers are counts, exact at any precision.
    public var lastDigitPlace: Double?

    public init(spelling: String, value: Double, offset: Int, lastDigitPlace: Double?) {
        self.spelling = spelling
        self.value = value
        self.offset = offset
        self.lastDigitPlace = lastDigitPlace
    }

    /// Half the last digit's place: how far the true value can be from a number printed rounded.
    var roundingRadius: Double { (lastDigitPlace ?? 0) / 2 }
}
