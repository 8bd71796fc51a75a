import LessonCells
import LessonModel
import Testing

@Suite struct FigureTests {
    static let models = """
    struct Net: Module {
        var layers: [Sequential]
        let shortcut: Bool
        init(_ shortcut: Bool) {
            self.shortcut = shortcut
            layers = [Sequential(Linear(2, 2), Tanh()), Sequential(Linear(2, 2), Tanh()), Sequential(Linear(2, 1), Tanh())]
        }
        func callAsFunction(_ input: Tensor) -> Tensor {
            var x = input
            for layer in layers {
                let y = layer(x)
                x = shortcut && y.shape == x.shape ? x + y : y
            }
            return x
        }
    }
    manualSeed(7)
    let plain = Net(false)
    let residual = Net(true)
    let x = Tensor([[0.5, -1.0]])
    mseLoss(plain(x), Tensor([[1.0]])).backward()
    mseLoss(residual(x), Tensor([[1.0]])).backward()
    """

    @Test func gradientTableHasOneRowPerWeightWithEachModelsMean() throws {
        let outputs = runPage([
            (1, Self.models),
            (40, "display(GradientTable(models: [plain, residual], labels: [\"without shortcuts\", \"with shortcuts\"], title: \"Gradients\"))\nprint(plain.layers[0][0].weight.grad!.abs().mean().item())"),
        ])
        #expect(outputs.allSatisfy { $0.error == nil })
        guard case .gradientTable(let table)? = outputs[1].figures.first else {
            Issue.record("no table: \(outputs[1])")
            return
        }
        #expect(table.title == "Gradients")
        #expect(table.modelLabels == ["without shortcuts", "with shortcuts"])
        #expect(table.rows.map(\.name) == ["layers.0.0.weight", "layers.1.0.weight", "layers.2.0.weight"])
        #expect(table.rows.map(\.shape) == [[2, 2], [2, 2], [1, 2]])
        let printedMean = try #require(Double(outputs[1].printedText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(table.rows[0].meanAbsoluteGradients[0] == printedMean)
        #expect(table.rows.allSatisfy { $0.meanAbsoluteGradients.allSatisfy { $0 != nil } })
    }

    @Test func compareGradientsShowsTheTableAndALogScaleBarChart() {
        let outputs = runPage([(1, Self.models), (40, "compareGradients([plain, residual], labels: [\"plain\", \"residual\"], title: \"Shortcuts\")")])
        let figures = outputs[1].figures
        #expect(figures.count == 2)
        guard figures.count == 2, case .gradientTable(let table) = figures[0], case .chart(let chart) = figures[1] else {
            Issue.record("expected a gradient table then a chart, got \(figures)")
            return
        }
        #expect(chart.kind == .groupedBar)
        #expect(chart.yScale == .log)
        #expect(chart.categories == table.rows.map(\.name))
        #expect(chart.series.map(\.label) == ["plain", "residual"])
        #expect(chart.series[1].values == table.rows.map { $0.meanAbsoluteGradients[1]! })
    }

    @Test func barAndLineChartsWithDefaults() {
        let code = """
        let bars = BarChart(categories: ["a", "b"], series: [Series("one", [1, 2]), Series("two", [3.5, 4])])
        display(bars)
        display(LineChart(title: "loss", x: [0, 1, 2], series: [Series("train", [3, 2, 1.5])], xTitle: "step", yTitle: "loss", logScale: true))
        """
        let output = runCell(code)
        #expect(output.error == nil)
        #expect(output.figures == [
            .chart(Chart(kind: .groupedBar, title: "", xTitle: "", yTitle: "", yScale: .linear, categories: ["a", "b"],
                         series: [.init(label: "one", values: [1, 2]), .init(label: "two", values: [3.5, 4])])),
            .chart(Chart(kind: .line, title: "loss", xTitle: "step", yTitle: "loss", yScale: .log, xValues: [0, 1, 2],
                         series: [.init(label: "train", values: [3, 2, 1.5])])),
        ])
    }

    @Test func figuresAndTextKeepTheirOrder() {
        let output = runCell("print(\"before\")\ndisplay(BarChart(categories: [\"a\"], series: [Series(\"s\", [1])]))\nprint(\"after\")")
        #expect(output.items.count == 3)
        #expect(output.items.first == .text("before\n") && output.items.last == .text("after\n"))
    }

    @Test func aLineChartNeedsOneValuePerX() {
        #expect(failure("let c = LineChart(x: [1, 2], series: [Series(\"s\", [1])])") == "page.md:1:9: error: series 's' has 1 values but x has 2")
    }

    @Test func displayNeedsAFigure() {
        #expect(failure("display(3)") == "page.md:1:1: error: display shows a GradientTable, BarChart or LineChart, found 'Int'")
    }
}
