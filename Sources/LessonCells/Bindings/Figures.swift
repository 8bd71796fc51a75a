import LessonModel
import NetworkEngine

/// Rich values for the report: `GradientTable`, `BarChart`, `LineChart`, `Series`, `display`,
/// and `compareGradients`, which shows the lesson's comparison in one call.
extension Registry {
    static let figures: [Binding] = [
        .initializer("Series(_:_:)") { (label: String, values: [Double]) in Chart.Series(label: label, values: values) },
        .initializer("GradientTable(models:labels:title:)", defaults: ["labels": .nilValue, "title": .nilValue]) {
            (models: [AnyModule], labels: [String]?, title: String?, site: CallSite) in
            Figure.gradientTable(try site.gradientTable(models, labels, title: title))
        },
        .initializer("BarChart(title:categories:series:xTitle:yTitle:logScale:)", defaults: ["title": .string(""), "xTitle": .string(""), "yTitle": .string(""), "logScale": .bool(false)]) {
            (title: String, categories: [String], series: [Chart.Series], xTitle: String, yTitle: String, logScale: Bool) in
            Figure.chart(Chart(kind: .groupedBar, title: title, xTitle: xTitle, yTitle: yTitle, yScale: logScale ? .log : .linear, categories: categories, series: series))
        },
        .initializer("LineChart(title:x:series:xTitle:yTitle:logScale:)", defaults: ["title": .string(""), "xTitle": .string(""), "yTitle": .string(""), "logScale": .bool(false)]) {
            (title: String, x: [Double], series: [Chart.Series], xTitle: String, yTitle: String, logScale: Bool, site: CallSite) throws in
            for s in series where s.values.count != x.count {
                throw CellError("series '\(s.label)' has \(s.values.count) values but x has \(x.count)", at: site.loc)
            }
            return Figure.chart(Chart(kind: .line, title: title, xTitle: xTitle, yTitle: yTitle, yScale: logScale ? .log : .linear, xValues: x, series: series))
        },
        .function("display(_:)", does: { (figure: Figure, site: CallSite) in try site.interpreter.display(figure, site.loc) }),
        .function("compareGradients(_:labels:title:)", defaults: ["labels": .nilValue, "title": .nilValue], does: {
            (models: [AnyModule], labels: [String]?, title: String?, site: CallSite) in try site.compareGradients(models, labels, title: title)
        }),
    ]
}

extension CallSite {
    /// Rows: every parameter whose name ends in `weight`, in the first model's order, with its
    /// shape and each model's mean |grad| (`grad.abs().mean().item()`, as the lesson prints it).
    func gradientTable(_ models: [AnyModule], _ labels: [String]?, title: String?) throws(CellError) -> GradientTable {
        guard !models.isEmpty else { throw CellError("expected an array of models, e.g. [model1, model2]", at: loc) }
        let names = labels ?? (0..<models.count).map { "model \($0 + 1)" }
        guard names.count == models.count else {
            throw CellError("\(models.count) models but \(names.count) labels", at: loc)
        }
        let perModel = models.map { $0.module.namedParameters().filter { $0.name.hasSuffix("weight") } }
        var rows: [GradientTable.Row] = []
        for (name, parameter) in perModel.first ?? [] {
            var means: [Double?] = []
            for parameters in perModel {
                let grad = parameters.first { $0.name == name }?.parameter.grad
                means.append(try grad.map { g throws(CellError) in try interpreter.engine(loc) { () throws -> Double in try g.abs().mean().item() } })
            }
            rows.append(GradientTable.Row(name: name, shape: parameter.shape, meanAbsoluteGradients: means))
        }
        return GradientTable(title: title, modelLabels: names, rows: rows)
    }

    /// The table, then a grouped bar chart of the same numbers: one bar per model in each
    /// layer's group, on a log axis, since the means span decades.
    func compareGradients(_ models: [AnyModule], _ labels: [String]?, title: String?) throws(CellError) {
        let table = try gradientTable(models, labels, title: title)
        try interpreter.display(.gradientTable(table), loc)
        let series = table.modelLabels.indices.map { m in
            Chart.Series(label: table.modelLabels[m], values: table.rows.map { $0.meanAbsoluteGradients[m] ?? 0 })
        }
        try interpreter.display(.chart(Chart(
            kind: .groupedBar, title: title ?? "Mean absolute gradient per layer", xTitle: "layer",
            yTitle: "mean |gradient|", yScale: .log, categories: table.rows.map(\.name), series: series)), loc)
    }
}

extension Figure {
    /// Roughly what the figure costs in a report: each number and label is drawn as a few dozen
    /// bytes of SVG or HTML. Counted against the page's output limit.
    var estimatedBytes: Int {
        switch self {
        case .gradientTable(let table):
            return 256 + table.rows.reduce(0) { $0 + 64 + $1.name.utf8.count + 32 * $1.meanAbsoluteGradients.count }
        case .chart(let chart):
            let labels = chart.categories.reduce(0) { $0 + $1.utf8.count } + chart.series.reduce(0) { $0 + $1.label.utf8.count }
            let numbers = chart.xValues.count + chart.series.reduce(0) { $0 + $1.values.count }
            return 1024 + labels + 32 * (numbers + chart.categories.count)
        }
    }
}
