import LessonModel

/// A cell's output as the cache stores it: LessonModel's types stay free of serialization, and
/// this mirror spells each item out so an entry reads plainly in a text editor.
struct CachedOutput: Codable, Equatable {
    var items: [CachedItem]

    init(_ output: CellOutput) { items = output.items.map(CachedItem.init) }

    /// `nil` when an item cannot be read back.
    var output: CellOutput? {
        let read = items.compactMap(\.item)
        return read.count == items.count ? CellOutput(items: read) : nil
    }
}

/// One item, spelt `{"text": …}`, `{"warning": …}`, `{"figure": …}` or `{"error": …}`.
struct CachedItem: Codable, Equatable {
    var text: String?
    var warning: String?
    var figure: CachedFigure?
    var error: CachedDiagnostic?

    init(_ item: CellOutput.Item) {
        switch item {
        case .text(let text): self.text = text
        case .warning(let text): warning = text
        case .figure(let figure): self.figure = CachedFigure(figure)
        case .error(let diagnostic): error = CachedDiagnostic(diagnostic)
        }
    }

    /// `nil` for an item that names no kind (an entry that was edited by hand).
    var item: CellOutput.Item? {
        if let text { return .text(text) }
        if let warning { return .warning(warning) }
        if let figure = figure?.figure { return .figure(figure) }
        if let error { return .error(error.diagnostic) }
        return nil
    }
}

struct CachedDiagnostic: Codable, Equatable {
    var severity: String
    var message: String
    var file: String?
    var line: Int?
    var column: Int?

    init(_ diagnostic: Diagnostic) {
        severity = diagnostic.severity.rawValue
        message = diagnostic.message
        file = diagnostic.location?.file
        line = diagnostic.location?.line
        column = diagnostic.location?.column
    }

    var diagnostic: Diagnostic {
        var location: SourceLocation?
        if let file, let line, let column { location = SourceLocation(file: file, line: line, column: column) }
        return Diagnostic(Diagnostic.Severity(rawValue: severity) ?? .error, message, at: location)
    }
}

/// A figure, spelt `{"gradientTable": …}` or `{"chart": …}`.
struct CachedFigure: Codable, Equatable {
    struct Table: Codable, Equatable {
        var title: String?
        var modelLabels: [String]
        var rows: [Row]
    }

    struct Row: Codable, Equatable {
        var name: String
        var shape: [Int]
        var meanAbsoluteGradients: [Double?]
    }

    var gradientTable: Table?
    var chart: CachedChart?

    init(_ figure: Figure) {
        switch figure {
        case .gradientTable(let table):
            gradientTable = Table(
                title: table.title, modelLabels: table.modelLabels,
                rows: table.rows.map { Row(name: $0.name, shape: $0.shape, meanAbsoluteGradients: $0.meanAbsoluteGradients) })
        case .chart(let chart):
            self.chart = CachedChart(chart)
        }
    }

    var figure: Figure? {
        if let table = gradientTable {
            return .gradientTable(GradientTable(
                title: table.title, modelLabels: table.modelLabels,
                rows: table.rows.map { GradientTable.Row(name: $0.name, shape: $0.shape, meanAbsoluteGradients: $0.meanAbsoluteGradients) }))
        }
        return chart.map { .chart($0.chart) }
    }
}

struct CachedChart: Codable, Equatable {
    struct Series: Codable, Equatable {
        var label: String
        var values: [Double]
    }

    var kind: String
    var title: String
    var xTitle: String
    var yTitle: String
    var yScale: String
    var categories: [String]
    var xValues: [Double]
    var series: [Series]

    init(_ chart: Chart) {
        kind = chart.kind.rawValue
        title = chart.title
        xTitle = chart.xTitle
        yTitle = chart.yTitle
        yScale = chart.yScale.rawValue
        categories = chart.categories
        xValues = chart.xValues
        series = chart.series.map { Series(label: $0.label, values: $0.values) }
    }

    var chart: Chart {
        Chart(
            kind: Chart.Kind(rawValue: kind) ?? .line, title: title, xTitle: xTitle, yTitle: yTitle,
            yScale: Chart.Scale(rawValue: yScale) ?? .linear, categories: categories, xValues: xValues,
            series: series.map { Chart.Series(label: $0.label, values: $0.values) })
    }
}
