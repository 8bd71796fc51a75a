import LessonModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parts every chart shares: title, legend, plot area, y axis with gridlines, axis titles.
/// Bar and line charts draw their marks inside `plot`.
struct ChartFrame {
    static let width = 640.0
    static let plotHeight = 240.0

    let chart: Chart
    let id: String
    let yScale: any ChartScale
    var plotLeft = 72.0
    var plotRight = ChartFrame.width - 24
    private(set) var plotTop = 0.0
    /// Extra room below the plot for x tick labels (more when they are turned).
    let xLabelDepth: Double
    private var legendRows: [[(index: Int, x: Double)]] = []

    var plotBottom: Double { plotTop + Self.plotHeight }
    var plotWidth: Double { plotRight - plotLeft }
    var height: Double { plotBottom + xLabelDepth + 34 }

    init(chart: Chart, id: String, yScale: any ChartScale, xLabelDepth: Double) {
        self.chart = chart
        self.id = id
        self.yScale = yScale
        self.xLabelDepth = xLabelDepth
        layOutLegend()
    }

    /// Legend entries left to right, wrapping to a new row when the plot's width is used up.
    private mutating func layOutLegend() {
        var rows: [[(index: Int, x: Double)]] = [[]]
        var x = plotLeft
        for (index, series) in chart.series.enumerated() {
            let width = 30 + SVGBuilder.estimatedWidth(series.label) + 18
            if x + width > plotRight, !rows[rows.count - 1].isEmpty {
                rows.append([])
                x = plotLeft
            }
            rows[rows.count - 1].append((index, x))
            x += width
        }
        legendRows = chart.series.isEmpty ? [] : rows
        plotTop = 36 + Double(legendRows.count) * 18 + 12
    }

    /// The y position of a value, clamped to the plot; `nil` when the scale cannot show it.
    func y(_ value: Double) -> Double? {
        guard let fraction = yScale.fraction(value) else { return nil }
        return plotBottom - min(1, max(0, fraction)) * Self.plotHeight
    }

    /// Everything up to the marks: header, style, title, desc, legend, gridlines and y axis.
    func open(into svg: inout SVGBuilder, standalone: Bool, description: String, legendSwatch: (inout SVGBuilder, Int, Double, Double) -> Void) {
        if standalone { svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") }
        let w = SVGBuilder.number(Self.width), h = SVGBuilder.number(height)
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif\">\n")
        svg.raw("<title id=\"\(id)-title\">\(Escape.html(Self.accessibleTitle(chart)))</title>\n")
        svg.raw("<desc id=\"\(id)-desc\">\(Escape.html(description))</desc>\n")
        svg.raw(ChartPalette.styleSheet + "\n")
        if !chart.title.isEmpty { svg.label(chart.title, x: plotLeft, y: 22, size: 15, weight: "600") }
        svg.raw("\n<g class=\"legend\">")
        for (row, entries) in legendRows.enumerated() {
            let y = 36 + Double(row) * 18 + 9
            for entry in entries {
                legendSwatch(&svg, entry.index, entry.x, y)
                svg.label(chart.series[entry.index].label, x: entry.x + 26, y: y + 4)
            }
        }
        svg.raw("</g>\n<g class=\"y-axis\">")
        for tick in yScale.ticks {
            guard let y = y(tick.value) else { continue }
            if tick.label.isEmpty {
                svg.line(x1: plotLeft - 3, y1: y, x2: plotLeft, y2: y, classes: "lc-axis", colourAttributes: "stroke=\"#59636e\"")
            } else {
                svg.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, classes: "lc-grid", colourAttributes: "stroke=\"#d1d9e0\"")
                svg.line(x1: plotLeft - 6, y1: y, x2: plotLeft, y2: y, classes: "lc-axis", colourAttributes: "stroke=\"#59636e\"")
                svg.label(tick.label, x: plotLeft - 9, y: y + 4, anchor: .end, size: 11, classes: "lc-muted")
            }
        }
        let middle = (plotTop + plotBottom) / 2
        let scaleNote = chart.yScale == .log ? (chart.yTitle.isEmpty ? "log scale" : " (log scale)") : ""
        if !(chart.yTitle + scaleNote).isEmpty {
            svg.label(chart.yTitle + scaleNote, x: 16, y: middle, anchor: .middle, rotate: -90)
        }
        svg.raw("</g>\n")
    }

    /// The axis lines over the marks, the x title, and the closing tag.
    func close(into svg: inout SVGBuilder) {
        svg.raw("<g class=\"axes\">")
        svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, classes: "lc-axis", colourAttributes: "stroke=\"#59636e\"")
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, classes: "lc-axis", colourAttributes: "stroke=\"#59636e\"")
        if !chart.xTitle.isEmpty {
            svg.label(chart.xTitle, x: (plotLeft + plotRight) / 2, y: plotBottom + xLabelDepth + 26, anchor: .middle)
        }
        svg.raw("</g>\n</svg>\n")
    }

    /// The chart's title, or its kind when the cell gave none: `<title>` must never be empty.
    static func accessibleTitle(_ chart: Chart) -> String {
        if !chart.title.isEmpty { return chart.title }
        return chart.kind == .line ? "Line chart" : "Bar chart"
    }

    /// A sentence per series for `<desc>`: what a screen reader says instead of the picture.
    func seriesSummary() -> String {
        chart.series.map { series in
            let finite = series.values.filter(\.isFinite)
            guard let low = finite.min(), let high = finite.max() else { return "\(series.label): no values." }
            return "\(series.label): from \(NumberText.significant(low).plain) to \(NumberText.significant(high).plain)."
        }.joined(separator: " ")
    }
}
