import LessonModel
import NetworkEngine

/// Rich values for the report: `GradientTable`, `BarChart`, `LineChart`, `Series`, `display`,
/// and `compareGradients`, which shows the lesson's comparison in one call.
extension Interpreter {
    func figureBuiltin(_ name: String, _ values: [Value], _ labels: [String?], _ loc: Loc) throws(CellError) -> Value? {
        switch name {
        case "Series":
            let args = try Arguments(values, labels, signature: [nil, nil], name: "Series(_:_:)", loc: loc)
            return .series(Chart.Series(label: try string(args[0], loc), values: try numbers(args[1], loc)))
        case "GradientTable":
            let args = try Arguments(values, labels, signature: ["models", "labels", "title"], name: "GradientTable(models:labels:title:)", loc: loc, optional: ["labels", "title"])
            let models = try modules(args["models"], loc)
            let names = try args["labels"].map { v throws(CellError) in try strings(v, loc) } ?? defaultLabels(models.count)
            return .figure(.gradientTable(try gradientTable(models, names, title: try args["title"].map { v throws(CellError) in try string(v, loc) }, loc)))
        case "BarChart":
            let args = try Arguments(values, labels, signature: ["title", "categories", "series", "xTitle", "yTitle", "logScale"], name: "BarChart(title:categories:series:xTitle:yTitle:logScale:)", loc: loc, optional: ["title", "xTitle", "yTitle", "logScale"])
            return .figure(.chart(Chart(
                kind: .groupedBar, title: try optionalString(args["title"], loc), xTitle: try optionalString(args["xTitle"], loc),
                yTitle: try optionalString(args["yTitle"], loc), yScale: try scale(args["logScale"], loc),
                categories: try strings(args["categories"]!, loc), series: try seriesList(args["series"]!, loc))))
        case "LineChart":
            let args = try Arguments(values, labels, signature: ["title", "x", "series", "xTitle", "yTitle", "logScale"], name: "LineChart(title:x:series:xTitle:yTitle:logScale:)", loc: loc, optional: ["title", "xTitle", "yTitle", "logScale"])
            let x = try numbers(args["x"]!, loc)
            let series = try seriesList(args["series"]!, loc)
            for s in series where s.values.count != x.count {
                throw CellError("series '\(s.label)' has \(s.values.count) values but x has \(x.count)", at: loc)
            }
            return .figure(.chart(Chart(
                kind: .line, title: try optionalString(args["title"], loc), xTitle: try optionalString(args["xTitle"], loc),
                yTitle: try optionalString(args["yTitle"], loc), yScale: try scale(args["logScale"], loc),
                xValues: x, series: series)))
        case "display":
            guard values.count == 1, labels[0] == nil else { throw CellError("display takes one figure: display(figure)", at: loc) }
            guard case .figure(let figure) = values[0] else {
                throw CellError("display shows a GradientTable, BarChart or LineChart, found '\(values[0].typeName)'", at: loc)
            }
            try display(figure, loc)
            return .void
        case "compareGradients":
            let args = try Arguments(values, labels, signature: [nil, "labels", "title"], name: "compareGradients(_:labels:title:)", loc: loc, optional: ["labels", "title"])
            let models = try modules(args[0], loc)
            let names = try args["labels"].map { v throws(CellError) in try strings(v, loc) } ?? defaultLabels(models.count)
            let title = try args["title"].map { v throws(CellError) in try string(v, loc) }
            let table = try gradientTable(models, names, title: title, loc)
            try display(.gradientTable(table), loc)
            // One bar per model in each layer's group; a log axis, since the means span decades.
            let series = names.indices.map { m in
                Chart.Series(label: names[m], values: table.rows.map { $0.meanAbsoluteGradients[m] ?? 0 })
            }
            try display(.chart(Chart(
                kind: .groupedBar, title: title ?? "Mean absolute gradient per layer", xTitle: "layer",
                yTitle: "mean |gradient|", yScale: .log, categories: table.rows.map(\.name), series: series)), loc)
            return .void
        default:
            return nil
        }
    }

    /// Rows: every parameter whose name ends in `weight`, in the first model's order, with its
    /// shape and each model's mean |grad| (`grad.abs().mean().item()`, as the lesson prints it).
    func gradientTable(_ models: [Value], _ names: [String], title: String?, _ loc: Loc) throws(CellError) -> GradientTable {
        guard names.count == models.count else {
            throw CellError("\(models.count) models but \(names.count) labels", at: loc)
        }
        let perModel = models.map { namedParameters($0).filter { $0.0.hasSuffix("weight") } }
        var rows: [GradientTable.Row] = []
        for (name, parameter) in perModel.first ?? [] {
            var means: [Double?] = []
            for parameters in perModel {
                let grad = parameters.first { $0.0 == name }?.1.grad
                means.append(try grad.map { g throws(CellError) in try engine(loc) { () throws -> Double in try g.abs().mean().item() } })
            }
            rows.append(GradientTable.Row(name: name, shape: parameter.shape, meanAbsoluteGradients: means))
        }
        return GradientTable(title: title, modelLabels: names, rows: rows)
    }

    func defaultLabels(_ count: Int) -> [String] { (0..<count).map { "model \($0 + 1)" } }

    func modules(_ v: Value?, _ loc: Loc) throws(CellError) -> [Value] {
        guard case .array(let a)? = v, !a.isEmpty else { throw CellError("expected an array of models, e.g. [model1, model2]", at: loc) }
        for m in a where !isModule(m) { throw CellError("expected a model (a Module), found '\(m.typeName)'", at: loc) }
        return a
    }

    func string(_ v: Value?, _ loc: Loc) throws(CellError) -> String {
        guard case .string(let s)? = v else { throw CellError("expected a String, found '\(v?.typeName ?? "nothing")'", at: loc) }
        return s
    }

    func optionalString(_ v: Value?, _ loc: Loc) throws(CellError) -> String {
        guard let v else { return "" }
        return try string(v, loc)
    }

    func strings(_ v: Value, _ loc: Loc) throws(CellError) -> [String] {
        guard case .array(let a) = v else { throw CellError("expected an array of strings, found '\(v.typeName)'", at: loc) }
        var result: [String] = []
        for e in a { result.append(try string(e, loc)) }
        return result
    }

    func numbers(_ v: Value, _ loc: Loc) throws(CellError) -> [Double] {
        let items: [Value]
        switch v {
        case .array(let a): items = a
        case .range: items = try elements(of: v, loc)
        case .tensor(let t): return t.scalars.map(Double.init)
        default: throw CellError("expected an array of numbers, found '\(v.typeName)'", at: loc)
        }
        var result: [Double] = []
        for e in items {
            guard let n = number(e) else { throw CellError("expected a number, found '\(e.typeName)'", at: loc) }
            result.append(n)
        }
        return result
    }

    func seriesList(_ v: Value, _ loc: Loc) throws(CellError) -> [Chart.Series] {
        guard case .array(let a) = v else { throw CellError("expected an array of Series, found '\(v.typeName)'", at: loc) }
        var result: [Chart.Series] = []
        for e in a {
            guard case .series(let s) = e else { throw CellError("expected a Series(\"label\", [values]), found '\(e.typeName)'", at: loc) }
            result.append(s)
        }
        return result
    }

    func scale(_ v: Value?, _ loc: Loc) throws(CellError) -> Chart.Scale {
        guard let v else { return .linear }
        return try truth(v, loc) ? .log : .linear
    }
}

/// Arguments matched to a built-in's labels in order; labels in `optional` may be left out.
struct Arguments {
    private var byLabel: [String: Value] = [:]
    private var positional: [Value] = []

    init(_ values: [Value], _ labels: [String?], signature: [String?], name: String, loc: Loc, optional: Set<String> = []) throws(CellError) {
        var next = 0
        for (i, want) in signature.enumerated() {
            if next < values.count, labels[next] == want {
                if let want { byLabel[want] = values[next] } else { positional.append(values[next]) }
                next += 1
            } else if let want, optional.contains(want) {
                continue
            } else {
                let have = next < labels.count ? (labels[next].map { "'\($0):'" } ?? "an unlabeled argument") : "nothing"
                throw CellError("argument \(i + 1) of '\(name)' should be \(want.map { "'\($0):'" } ?? "unlabeled"), found \(have)", at: loc)
            }
        }
        if next < values.count {
            throw CellError("extra argument \(labels[next].map { "'\($0):'" } ?? "#\(next + 1)") in call to '\(name)'", at: loc)
        }
    }

    subscript(label: String) -> Value? { byLabel[label] }
    subscript(index: Int) -> Value { positional[index] }
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
