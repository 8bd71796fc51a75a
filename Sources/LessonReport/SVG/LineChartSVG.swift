import LessonModel

/// One polyline per series over shared x values; series differ by colour, dash and marker.
struct LineChartSVG {
    let chart: Chart
    let id: String

    func svg(standalone: Bool) -> String {
        let pointCount = chart.series.map(\.values.count).max() ?? 0
        let xs = chart.xValues.isEmpty ? (0..<pointCount).map { Double($0 + 1) } : chart.xValues
        let values = chart.series.flatMap(\.values)
        let yScale: any ChartScale
        if chart.yScale == .log, let log = LogScale(values: values) {
            yScale = log
        } else {
            yScale = LinearScale(values: values)
        }
        let xScale = LinearScale(values: xs)
        let frame = ChartFrame(chart: chart, id: id, yScale: yScale, xLabelDepth: 18)
        func x(_ value: Double) -> Double? {
            xScale.fraction(value).map { frame.plotLeft + min(1, max(0, $0)) * frame.plotWidth }
        }

        // Each series' plotted points: (x, y) in the frame, then the data's x and value.
        let plotted = chart.series.map { series in
            zip(xs, series.values).compactMap { xValue, value -> (Double, Double, Double, Double)? in
                guard let px = x(xValue), let py = frame.y(value) else { return nil }
                return (px, py, xValue, value)
            }
        }
        // Markers carry each point's value; past 60 points they would only add clutter, and the
        // legend shows a series' marker only where its line has them (GELU's 100 points have none).
        let drawsMarkers = plotted.map { $0.count <= Self.maximumMarkedPoints }

        var svg = SVGBuilder()
        let description = "Line chart of \(chart.yTitle.isEmpty ? "values" : chart.yTitle) (\(chart.yScale == .log ? "logarithmic" : "linear") axis) "
            + "against \(chart.xTitle.isEmpty ? "x" : chart.xTitle), \(xs.count) points per series. " + frame.seriesSummary()
        frame.open(into: &svg, standalone: standalone, description: description) { svg, index, x, y in
            Self.stroke(&svg, index: index, points: [(x, y), (x + 20, y)])
            if index < drawsMarkers.count, drawsMarkers[index] {
                Self.marker(&svg, index: index, x: x + 10, y: y, tooltip: nil)
            }
        }
        svg.raw("<g class=\"x-axis\">")
        for tick in xScale.ticks {
            guard let position = x(tick.value) else { continue }
            svg.line(x1: position, y1: frame.plotBottom, x2: position, y2: frame.plotBottom + 5, classes: "lc-axis", colourAttributes: "stroke=\"#59636e\"")
            svg.label(tick.label, x: position, y: frame.plotBottom + 18, anchor: .middle, size: 11, classes: "lc-muted")
        }
        svg.raw("</g>\n<g class=\"lines\">")
        for (index, series) in chart.series.enumerated() {
            let points = plotted[index]
            Self.stroke(&svg, index: index, points: points.map { ($0.0, $0.1) })
            if drawsMarkers[index] {
                for point in points {
                    Self.marker(&svg, index: index, x: point.0, y: point.1,
                                tooltip: "\(series.label) at \(NumberText.compact(point.2)): \(NumberText.full(point.3))")
                }
            }
        }
        svg.raw("</g>\n")
        frame.close(into: &svg)
        return svg.text
    }

    static let maximumMarkedPoints = 60

    private static func stroke(_ svg: inout SVGBuilder, index: Int, points: [(Double, Double)]) {
        guard points.count > 1 else { return }
        let coordinates = points.map { "\(SVGBuilder.number($0.0)),\(SVGBuilder.number($0.1))" }.joined(separator: " ")
        let dash = ChartPalette.dash(index)
        svg.raw("<polyline points=\"\(coordinates)\" fill=\"none\" stroke-width=\"2\" class=\"lc-k\(index % ChartPalette.light.count)\" stroke=\"\(ChartPalette.colour(index))\"")
        svg.raw(dash.isEmpty ? "/>" : " stroke-dasharray=\"\(dash)\"/>")
    }

    /// Circle, square, diamond, triangle: shapes that tell series apart in grey print.
    private static func marker(_ svg: inout SVGBuilder, index: Int, x: Double, y: Double, tooltip: String?) {
        let colour = ChartPalette.colour(index)
        let classes = "lc-f\(index % ChartPalette.light.count)"
        let n = SVGBuilder.number
        let shape: String
        switch index % 4 {
        case 0: shape = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"3.5\""
        case 1: shape = "<rect x=\"\(n(x - 3.2))\" y=\"\(n(y - 3.2))\" width=\"6.4\" height=\"6.4\""
        case 2: shape = "<path d=\"M\(n(x)) \(n(y - 4.5))L\(n(x + 4.5)) \(n(y))L\(n(x)) \(n(y + 4.5))L\(n(x - 4.5)) \(n(y))Z\""
        default: shape = "<path d=\"M\(n(x)) \(n(y - 4.5))L\(n(x + 4)) \(n(y + 3))L\(n(x - 4)) \(n(y + 3))Z\""
        }
        svg.raw("\(shape) class=\"\(classes)\" fill=\"\(colour)\"")
        if let tooltip {
            svg.raw("><title>\(Escape.html(tooltip))</title>\(shape.hasPrefix("<circle") ? "</circle>" : shape.hasPrefix("<rect") ? "</rect>" : "</path>")")
        } else {
            svg.raw("/>")
        }
    }
}

/// A chart as SVG, whichever its kind.
enum ChartSVG {
    /// `id` prefixes the ids of `<title>` and `<desc>`, which must be unique within an HTML page.
    static func svg(_ chart: Chart, id: String, standalone: Bool) -> String {
        switch chart.kind {
        case .groupedBar: BarChartSVG(chart: chart, id: id).svg(standalone: standalone)
        case .line: LineChartSVG(chart: chart, id: id).svg(standalone: standalone)
        }
    }
}
