import Foundation

/// How close a produced number must be to the published one.
public struct Tolerance: Hashable, Sendable {
    /// 1e-5: PyTorch 2.15 differs from the seeds' published numbers by up to 8.7e-7 relative,
    /// and float32 arithmetic in another order stays well inside this.
    public static let defaultRelative = 1e-5

    public var relative: Double
    public var absolute: Double
    /// Whether a number written with few digits stands for every value that rounds to it.
    public var precisionAware: Bool

    public init(relative: Double = Tolerance.defaultRelative, absolute: Double = 0, precisionAware: Bool = true) {
        self.relative = relative
        self.absolute = absolute
        self.precisionAware = precisionAware
    }

    /// `|a - e| <= atol + rtol * |e|`, widened, when precision-aware, by the rounding radius of the
    /// published number: `0.0002` accepts 0.00020173 (it rounds to 0.0002). The produced number's
    /// radius is added only when it was printed with at least the published precision, so the
    /// two intervals each print stands for, widened by the tolerance, intersect: a cell printing
    /// `0.0610` does not vouch for a published 0.06104 (a page may publish fewer digits than its
    /// cell prints, never more), but `1.6755` passes `1.6754`. `nan` matches only `nan`;
    /// an infinity matches only the same infinity. Integers carry no radius: a count is exact.
    ///
    /// Two integers (no point or exponent on either side) are counts, shapes or seeds: they
    /// must be equal, whatever the tolerance, and are compared as digits, since a Double holds
    /// integers exactly only up to 2^53.
    public func accepts(expected: PrintedNumber, produced: PrintedNumber) -> Bool {
        if expected.isInteger, produced.isInteger { return expected.integerDigits == produced.integerDigits }
        let e = expected.value, a = produced.value
        if e.isNaN || a.isNaN { return e.isNaN && a.isNaN }
        if e.isInfinite || a.isInfinite { return e == a }
        var allowed = absolute + relative * abs(e)
        if precisionAware {
            // The decimal radius is not exact in binary; a relative hair keeps `0.00025` vs `0.0002` inclusive.
            allowed += expected.roundingRadius * (1 + 1e-9)
            if producedIsAtLeastAsPrecise(expected: expected, produced: produced) {
                allowed += produced.roundingRadius * (1 + 1e-9)
            }
        }
        return abs(a - e) <= allowed
    }

    /// Both numbers have a last digit place and the produced one is no coarser: then both are
    /// rounded prints, and the produced number's interval counts too (`1.6755` for a published
    /// `1.6754`: one float printed by two PyTorch versions).
    private func producedIsAtLeastAsPrecise(expected: PrintedNumber, produced: PrintedNumber) -> Bool {
        guard let published = expected.lastDigitPlace, let printed = produced.lastDigitPlace else { return false }
        return printed <= published * (1 + 1e-9)
    }

    /// `|a - e| / |e|` for two printed numbers; integers too long for a Double to tell apart
    /// are subtracted as decimals, so their difference is not reported as 0.
    static func relativeDifference(expected: PrintedNumber, produced: PrintedNumber) -> Double {
        let difference = relativeDifference(expected: expected.value, produced: produced.value)
        guard difference == 0, expected.isInteger, produced.isInteger,
              let e = Decimal(string: expected.ungroupedSpelling), let a = Decimal(string: produced.ungroupedSpelling), e != 0 else { return difference }
        let exact = abs(a - e) / abs(e)
        return NSDecimalNumber(decimal: exact).doubleValue
    }

    /// `|a - e| / |e|`: what a mismatch message reports.
    public static func relativeDifference(expected e: Double, produced a: Double) -> Double {
        if e.isNaN || a.isNaN { return e.isNaN && a.isNaN ? 0 : .nan }
        if e == a { return 0 }
        if e == 0 || e.isInfinite || a.isInfinite { return .infinity }
        return abs(a - e) / abs(e)
    }
}
