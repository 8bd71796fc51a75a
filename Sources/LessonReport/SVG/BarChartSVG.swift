import LessonModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A grouped bar chart: categories (layers) along x, one bar per series (model) in each group.
struct BarChartSVG {
    let chart: Chart
    let id: String

    /// The shortest a bar of a nonzero value is drawn (SVG units), its value written beside it:
    /// GPT-2's 0.04 M layer-norm parameters next to its 57 M feed-forward ones would be 0.02 units
    /// tall, a bar no reader sees, so nothing would say the value exists.
    static let minimumBarLength = 3.0

    /// `0.0384`, `−1×10⁻⁴`: three significant digits, trailing zeros dropped.
    static func valueLabel(_ value: Double) -> String {
        var rounded = NumberText.significant(value, digits: 3)
        if rounded.mantissa.contains(".") {
            let trimmed = rounded.mantissa.reversed().drop { $0 == "0" }
            rounded.mantissa = String((trimmed.first == "." ? trimmed.dropFirst() : trimmed).reversed())
        }
        return rounded.typeset.replacingMinus()
    }

    func svg(standalone: Bool) -> String {
        let values = chart.series.flatMap(\.values)
        // Bars start at zero on a linear axis; a log axis with no positive value falls back to linear.
        let scale: any ChartScale
        if chart.yScale == .log, let log = LogScale(values: values) {
            scale = log
        } else {
            scale = LinearScale(values: values, includingZero: true)
        }
        let groupCount = max(1, chart.categories.count, chart.series.map(\.values.count).max() ?? 0)
        let band = (ChartFrame.width - 96) / Double(groupCount)
        let widest = chart.categories.map { SVGBuilder.estimatedWidth($0, size: 11) }.max() ?? 0
        // Labels wider than their group turn 35° so neighbours do not overlap.
        let turned = widest > band * 0.95
        let depth = turned ? (widest * sin(35 * Double.pi / 180) + 14).rounded(.up) : 18
        let frame = ChartFrame(chart: chart, id: id, yScale: scale, xLabelDepth: depth)

        var svg = SVGBuilder()
        let description = "Grouped bar chart with one group per \(chart.xTitle.isEmpty ? "category" : chart.xTitle) (\(chart.categories.joined(separator: ", "))) "
            + "and one bar per series; \(chart.yTitle.isEmpty ? "values" : chart.yTitle) on a \(chart.yScale == .log ? "logarithmic" : "linear") axis. "
            + frame.seriesSummary()
        frame.open(into: &svg, standalone: standalone, description: description) { svg, index, x, y in
            svg.rect(x: x, y: y - 6, width: 18, height: 12, classes: "lc-f\(index % ChartPalette.light.count)", fill: ChartPalette.colour(index), tooltip: nil)
        }
        let baselineY = frame.y(scale.baseline) ?? frame.plotBottom
        let seriesCount = max(1, chart.series.count)
        let barWidth = band * 0.8 / Double(seriesCount)
        svg.raw("<g class=\"bars\">")
        for group in 0..<groupCount {
            let groupLeft = frame.plotLeft + Double(group) * band + band * 0.1
            let category = group < chart.categories.count ? chart.categories[group] : "\(group + 1)"
            for (index, series) in chart.series.enumerated() where group < series.values.count {
                let value = series.values[group]
                guard let top = frame.y(value) else { continue }
                let x = groupLeft + Double(index) * barWidth
                var (y, length) = (min(top, baselineY), abs(baselineY - top))
                let tiny = value.isFinite && value != 0 && length < Self.minimumBarLength
                if tiny {
                    length = Self.minimumBarLength
                    y = top <= baselineY ? baselineY - length : baselineY
                }
                svg.rect(
                    x: x, y: y, width: barWidth * 0.92,
                    height: length, classes: "lc-f\(index % ChartPalette.light.count)",
                    fill: ChartPalette.colour(index), tooltip: "\(category), \(series.label): \(NumberText.full(value))")
                if tiny {
                    let labelY = top <= baselineY ? y - 4 : y + length + 11
                    svg.label(Self.valueLabel(value), x: x + barWidth * 0.46, y: labelY,
                              anchor: .middle, size: 10, classes: "lc-muted")
                }
            }
            let centre = frame.plotLeft + (Double(group) + 0.5) * band
            if turned {
                svg.label(category, x: centre, y: frame.plotBottom + 14, anchor: .end, size: 11, classes: "lc-muted", rotate: -35)
            } else {
                svg.label(category, x: centre, y: frame.plotBottom + 16, anchor: .middle, size: 11, classes: "lc-muted")
            }
        }
        svg.raw("</g>\n")
        frame.close(into: &svg)
        return svg.text
    }
}
