import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LessonModel
@testable import LessonReport
import TestData
import Testing

@Suite struct SVGChartTests {
    static let charts: [(String, Chart)] = [
        ("bar-log", Fixtures.barChart),
        ("line-linear", Fixtures.lineChart),
        ("line-log", Chart(kind: .line, title: "Gradient by depth", xTitle: "layer", yTitle: "mean |grad|", yScale: .log,
                           xValues: [1, 2, 3, 4, 5],
                           series: [.init(label: "without", values: Fixtures.withoutShortcut), .init(label: "with", values: Fixtures.withShortcut)])),
        ("bar-linear-negative", Chart(kind: .groupedBar, title: "Signed", xTitle: "x", yTitle: "y", yScale: .linear,
                                      categories: ["a", "b"], series: [.init(label: "s", values: [-0.5, 2])])),
        ("bar-log-nonpositive", Chart(kind: .groupedBar, title: "Zeros", xTitle: "x", yTitle: "y", yScale: .log,
                                      categories: ["a", "b", "c"], series: [.init(label: "s", values: [0, -1, 0.01])])),
        ("long-labels", Chart(kind: .groupedBar, title: "Many <layers> & long names", xTitle: "parameter", yTitle: "mean |grad|", yScale: .log,
                              categories: (0..<12).map { "layers.\($0).0.weight" },
                              series: (0..<5).map { s in .init(label: "model number \(s + 1)", values: (0..<12).map { pow(10, Double($0 - 6 + s)) }) })),
        ("untitled", Chart(kind: .groupedBar, title: "", xTitle: "", yTitle: "", yScale: .log,
                           categories: ["a"], series: [.init(label: "s", values: [0.5])])),
        ("extreme-values", Chart(kind: .groupedBar, title: "Exploding", xTitle: "x", yTitle: "y", yScale: .log,
                                 categories: ["a", "b", "c", "d", "e", "f"],
                                 series: [.init(label: "s", values: [.infinity, .nan, 1e308, Double.leastNonzeroMagnitude, 1e-300, -1e308])])),
        ("extreme-line", Chart(kind: .line, title: "Exploding", xTitle: "x", yTitle: "y", yScale: .linear,
                               xValues: [0, 1, 2, 3], series: [.init(label: "s", values: [.infinity, .nan, 1e308, -1e308])])),
        ("empty", Chart(kind: .line, title: "Nothing yet", xTitle: "x", yTitle: "y", yScale: .log, series: [])),
    ]

    @Test(arguments: charts.map(\.0))
    func isWellFormedXMLWithTitleAndDescription(name: String) throws {
        let chart = try #require(Self.charts.first { $0.0 == name }?.1)
        let svg = ChartSVG.svg(chart, id: "figure-1", standalone: true)
        let parser = XMLParser(data: Data(svg.utf8))
        let delegate = ElementCollector()
        parser.delegate = delegate
        #expect(parser.parse(), "\(name): \(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(delegate.elements.first == "svg")
        #expect(delegate.elements.contains("title"))
        #expect(delegate.elements.contains("desc"))
        #expect(svg.contains("<title id=\"figure-1-title\">\(Escape.html(ChartFrame.accessibleTitle(chart)))</title>"))
        #expect(!svg.contains("<title id=\"figure-1-title\"></title>"))
    }

    static let rsvgConvert = "/usr/bin/rsvg-convert"

    /// Skipped, visibly, where librsvg2-bin is not installed; on CI (where the Makefile installs
    /// it) a missing rsvg-convert fails instead.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: rsvgConvert) || TestData.onCI,
                   "rsvg-convert (librsvg2-bin) is not installed"),
          arguments: charts.map(\.0))
    func rendersWithRsvgConvert(name: String) throws {
        let tool = Self.rsvgConvert
        try #require(FileManager.default.isExecutableFile(atPath: tool), "rsvg-convert (librsvg2-bin) is not installed")
        let chart = try #require(Self.charts.first { $0.0 == name }?.1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-svg-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let svgFile = folder.appendingPathComponent("\(name).svg"), pngFile = folder.appendingPathComponent("\(name).png")
        try Data(ChartSVG.svg(chart, id: "figure-1", standalone: true).utf8).write(to: svgFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-o", pngFile.path, svgFile.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let png = try Data(contentsOf: pngFile)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func logBarChartHasDecadeTicksAndLabels() {
        let svg = ChartSVG.svg(Fixtures.barChart, id: "f", standalone: true)
        for label in ["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", ">1<", ">10<"] {
            #expect(svg.contains(label), "missing \(label)")
        }
        #expect(svg.contains("mean |grad| (log scale)"))
        #expect(svg.contains(">without shortcut</text>"))
        #expect(svg.contains(">with shortcut</text>"))
        // One bar per model per layer, each with its value for hover and screen readers.
        #expect(svg.components(separatedBy: "<title>layer ").count - 1 == 10)
    }

    @Test func coordinatesHaveFixedPrecision() {
        for (_, chart) in Self.charts {
            let svg = ChartSVG.svg(chart, id: "f", standalone: true)
            let longDecimal = try! Regex(#"="[^"]*\d\.\d{3,}"#)
            #expect(svg.firstMatch(of: longDecimal) == nil, "\(chart.title)")
            #expect(!svg.contains("nan") && !svg.contains("inf"))
        }
    }

    @Test func aTinyNonzeroBarIsDrawnAtTheMinimumLengthAndLabelled() throws {
        // GPT-2 small's parameters by part, in millions: the layer norms' 0.0384 is 0.02 units
        // tall at this scale.
        let chart = Chart(kind: .groupedBar, title: "Parameters", xTitle: "part", yTitle: "millions", yScale: .linear,
                          categories: ["embeddings", "feed-forward", "layer norms", "nothing", "below"],
                          series: [.init(label: "parameters", values: [39.38, 56.67, 0.0384, 0, -0.0001])])
        let svg = ChartSVG.svg(chart, id: "f", standalone: true)
        func barHeight(_ category: String) throws -> Double {
            let pattern = try Regex("height=\"([0-9.]+)\"[^>]*><title>\(category),")
            let match = try #require(svg.firstMatch(of: pattern))
            let text = try #require(match.output[1].substring)
            return try #require(Double(String(text)))
        }
        #expect(try barHeight("layer norms") == BarChartSVG.minimumBarLength)
        #expect(try barHeight("below") == BarChartSVG.minimumBarLength)
        #expect(try barHeight("nothing") == 0)
        #expect(try barHeight("feed-forward") > 100)
        // The tiny values are written beside their bars; zero and the tall bars are not.
        #expect(svg.contains(">0.0384</text>"))
        #expect(svg.contains(">−1×10⁻⁴</text>"))
        #expect(BarChartSVG.valueLabel(0.5) == "0.5")
        #expect(BarChartSVG.valueLabel(-1.2e-7) == "−1.2×10⁻⁷")
        #expect(!svg.contains(">56.67</text>"))
    }

    @Test func decadeTicksSpanTheData() throws {
        let scale = try #require(LogScale(values: Fixtures.withoutShortcut + Fixtures.withShortcut))
        // The smallest value, 1.2e-4, sits within a quarter decade of 1e-4: the axis starts at
        // 1e-5 so its bar stays visible.
        #expect(scale.lowDecade == -5)
        #expect(scale.highDecade == 1)
        let clear = try #require(LogScale(values: [3e-4, 0.5]))
        #expect((clear.lowDecade, clear.highDecade) == (-4, 0))
        #expect(LogScale(values: [0, -1]) == nil)
        let single = try #require(LogScale(values: [1]))
        #expect((single.lowDecade, single.highDecade) == (-1, 0))
    }

    @Test func theTopDecadeOfAWideLogAxisIsLabelled() throws {
        // The ten-layer page's gradients, 1.7e-7 to 7.4: nine decades labelled every second one
        // left the top decade (10) without a label or gridline; the axis now starts a decade lower.
        let scale = try #require(LogScale(values: [1.685e-7, 2.749e-7, 0.006761, 7.424]))
        #expect((scale.lowDecade, scale.highDecade) == (-9, 1))
        let labelled = scale.ticks.filter { !$0.label.isEmpty }
        #expect(abs(log10(labelled.first?.value ?? 1) + 9) < 1e-12)
        #expect(labelled.last?.value == 10)
        #expect(labelled.map(\.label) == ["10⁻⁹", "10⁻⁷", "10⁻⁵", "10⁻³", "10⁻¹", "10"])
        for decades in 1...60 {
            let wide = try #require(LogScale(values: [1, pow(10, Double(decades)) * 0.9]))
            #expect(wide.ticks.last(where: { !$0.label.isEmpty })?.value == wide.ticks.last?.value, "\(decades) decades")
        }
    }

    @Test func theLegendShowsAMarkerOnlyForALineThatHasThem() throws {
        // GELU drawn at 100 points has no markers on its line, so its legend entry has none
        // either; a three-point series keeps its square in both places.
        let xs = (0..<100).map { Double($0) / 10 }
        let chart = Chart(kind: .line, title: "Curves", xTitle: "x", yTitle: "y", yScale: .linear, xValues: xs,
                          series: [.init(label: "dense", values: xs), .init(label: "sparse", values: [1, 2, 3])])
        let svg = ChartSVG.svg(chart, id: "f", standalone: true)
        let legendStart = try #require(svg.range(of: "<g class=\"legend\">"))
        let legendEnd = try #require(svg.range(of: "</g>", range: legendStart.upperBound..<svg.endIndex))
        let legend = svg[legendStart.upperBound..<legendEnd.lowerBound]
        #expect(!legend.contains("<circle"))
        #expect(legend.components(separatedBy: "<rect").count - 1 == 1)
        #expect(legend.components(separatedBy: "<polyline").count - 1 == 2)
        let lines = try #require(svg.range(of: "<g class=\"lines\">"))
        #expect(!svg[lines.upperBound...].contains("<circle"))
        #expect(svg[lines.upperBound...].components(separatedBy: "<rect").count - 1 == 3)
    }

    @Test func linearTicksAreRoundSteps() {
        let scale = LinearScale(values: [0.12, 1.2])
        #expect(scale.step == 0.2)
        #expect(scale.ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2"])
        #expect(LinearScale(values: [1, 2, 3]).ticks.map(\.label) == ["1", "2", "3"])
        let negative = LinearScale(values: [-0.5, 2], includingZero: true)
        #expect(negative.ticks.first?.label == "−0.5")
    }

    @Test func sameBytesEveryTime() {
        for (_, chart) in Self.charts {
            #expect(ChartSVG.svg(chart, id: "f", standalone: true) == ChartSVG.svg(chart, id: "f", standalone: true))
        }
    }
}

final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(elementName)
    }
}
