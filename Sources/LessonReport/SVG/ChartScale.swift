#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A labelled position on an axis.
struct Tick: Equatable {
    var value: Double
    /// Empty for a minor tick (drawn short, without a gridline or label).
    var label: String
}

/// Maps data values to a fraction of an axis (0 at the low end, 1 at the high end).
protocol ChartScale {
    var ticks: [Tick] { get }
    /// `nil` for a value the scale cannot show (zero or negative on a log axis, NaN).
    func fraction(_ value: Double) -> Double?
    /// Where bars start: the axis' low end on a log scale, zero on a linear one.
    var baseline: Double { get }
}

/// Whole decades: gradients that vanish span several orders of magnitude, so the lesson's bar
/// chart reads on a log axis, with a labelled tick at every power of ten.
struct LogScale: ChartScale {
    var lowDecade: Int
    var highDecade: Int

    /// Spans the positive values, widened to whole decades; `nil` if no value is positive.
    init?(values: [Double]) {
        let positive = values.filter { $0 > 0 && $0.isFinite && $0 >= Double.leastNormalMagnitude }
        guard let smallest = positive.min(), let largest = positive.max() else { return nil }
        // A value on or just above the lowest decade would draw as a bar of (almost) no height,
        // as 1.2e-4 over a 1e-4 floor does in the lesson: within a quarter decade, start one lower.
        let low = Int(floor(log10(smallest)))
        lowDecade = log10(smallest) - Double(low) < 0.25 ? low - 1 : low
        highDecade = max(lowDecade + 1, Int(ceil(log10(largest))))
        // Labels step from the low end; start lower until a label lands on the top decade too,
        // so the axis never ends on an unlabelled tick without a gridline (1e-8 to 10 in 2s).
        while (highDecade - lowDecade) % Self.labelEvery(highDecade - lowDecade) != 0 { lowDecade -= 1 }
    }

    /// At most about eight labelled decades, so the labels do not collide.
    static func labelEvery(_ decades: Int) -> Int { max(1, (decades + 7) / 8) }

    func fraction(_ value: Double) -> Double? {
        guard value > 0, value.isFinite else { return nil }
        return (log10(value) - Double(lowDecade)) / Double(highDecade - lowDecade)
    }

    var baseline: Double { pow(10, Double(lowDecade)) }

    var ticks: [Tick] {
        let labelEvery = Self.labelEvery(highDecade - lowDecade)
        var ticks: [Tick] = []
        for decade in lowDecade...highDecade {
            let labelled = (decade - lowDecade) % labelEvery == 0
            // Past forty decades, unlabelled decade ticks would only blacken the axis.
            if !labelled, highDecade - lowDecade > 40 { continue }
            ticks.append(Tick(value: pow(10, Double(decade)), label: labelled ? Self.decadeLabel(decade) : ""))
            guard decade < highDecade, highDecade - lowDecade <= 6 else { continue }
            for multiple in 2...9 {
                ticks.append(Tick(value: Double(multiple) * pow(10, Double(decade)), label: ""))
            }
        }
        return ticks
    }

    /// `1`, `10`, `10⁻⁴`: powers of ten as a reader writes them.
    static func decadeLabel(_ decade: Int) -> String {
        switch decade {
        case 0: "1"
        case 1: "10"
        default: "10" + NumberText.superscript(decade)
        }
    }
}

/// Round steps of 1, 2 or 5 times a power of ten, the axis widened to whole steps.
struct LinearScale: ChartScale {
    var low: Double
    var high: Double
    var step: Double

    init(values: [Double], includingZero: Bool = false) {
        // Values beyond ±1e300 would overflow the axis arithmetic; they are left off the chart.
        var finite = values.filter { $0.isFinite && abs($0) <= 1e300 }
        if includingZero { finite.append(0) }
        var smallest = finite.min() ?? 0
        var largest = finite.max() ?? 1
        if smallest == largest {
            let pad = smallest == 0 ? 1 : abs(smallest) * 0.1
            smallest -= pad
            largest += pad
        }
        step = Self.niceStep(for: largest - smallest)
        // Whole-number data (passes, epochs, layers) gets whole-number ticks.
        if step < 1, !finite.isEmpty, finite.allSatisfy({ $0 == $0.rounded() }) { step = 1 }
        low = floor(smallest / step) * step
        high = ceil(largest / step) * step
    }

    static func niceStep(for span: Double, targetTicks: Double = 5) -> Double {
        let raw = span / targetTicks
        let magnitude = pow(10, floor(log10(raw)))
        let normalised = raw / magnitude
        let nice: Double = normalised < 1.5 ? 1 : normalised < 3 ? 2 : normalised < 7 ? 5 : 10
        return nice * magnitude
    }

    func fraction(_ value: Double) -> Double? {
        guard value.isFinite, abs(value) <= 1e300 else { return nil }
        return (value - low) / (high - low)
    }

    var baseline: Double { min(max(0, low), high) }

    var ticks: [Tick] {
        let count = min(100, max(0, Int(((high - low) / step).rounded())))
        return (0...count).map { i in
            let value = low + Double(i) * step
            return Tick(value: value, label: label(abs(value) < step / 2 ? 0 : value))
        }
    }

    private func label(_ value: Double) -> String {
        if step >= 1e5 || step < 1e-3 { return NumberText.significant(value, digits: 3).typeset }
        let decimals = max(0, -Int(floor(log10(step))))
        return NumberText.decimal(value, fractionDigits: decimals).replacingMinus()
    }
}

extension String {
    /// A real minus sign reads better than a hyphen in axis labels.
    func replacingMinus() -> String { hasPrefix("-") ? "−" + dropFirst() : self }
}
