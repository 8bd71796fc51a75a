/// A rich value a cell displays; the report decides how to draw it.
public enum Figure: Hashable, Sendable, Codable {
    case gradientTable(GradientTable)
    case chart(Chart)
}

/// Mean absolute gradient of each weight parameter, one column per model.
/// Rows are matched across models by parameter name, in the first model's order.
public struct GradientTable: Hashable, Sendable, Codable {
    public struct Row: Hashable, Sendable, Codable {
        /// PyTorch's dotted name, e.g. `layers.0.0.weight`.
        public var name: String
        public var shape: [Int]
        /// One value per model (`nil` where that model has no such parameter or no gradient).
        public var meanAbsoluteGradients: [Double?]

        public init(name: String, shape: [Int], meanAbsoluteGradients: [Double?]) {
            self.name = name
            self.shape = shape
            self.meanAbsoluteGradients = meanAbsoluteGradients
        }
    }

    public var title: String?
    /// Column labels, one per model, e.g. `["without shortcut", "with shortcut"]`.
    public var modelLabels: [String]
    public var rows: [Row]

    public init(title: String? = nil, modelLabels: [String], rows: [Row]) {
        self.title = title
        self.modelLabels = modelLabels
        self.rows = rows
    }

    /// A ratio column (last model over first) is shown when exactly two models are compared.
    public var showsRatio: Bool { modelLabels.count == 2 }
}

/// A chart's data and labels. Drawing (SVG) belongs to the report.
public struct Chart: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Categories on x (e.g. layers), one bar per series in each group.
        case groupedBar
        /// One polyline per series over numeric x values.
        case line
    }

    public enum Scale: String, Hashable, Sendable, Codable {
        case linear, log
    }

    public struct Series: Hashable, Sendable, Codable {
        public var label: String
        public var values: [Double]

        public init(label: String, values: [Double]) {
            self.label = label
            self.values = values
        }
    }

    public var kind: Kind
    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var yScale: Scale
    /// Bar charts: one label per group. Line charts: empty, see `xValues`.
    public var categories: [String]
    /// Line charts: the x coordinate of each point (shared by every series).
    public var xValues: [Double]
    public var series: [Series]

    public init(
        kind: Kind, title: String, xTitle: String, yTitle: String, yScale: Scale,
        categories: [String] = [], xValues: [Double] = [], series: [Series]
    ) {
        self.kind = kind
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.yScale = yScale
        self.categories = categories
        self.xValues = xValues
        self.series = series
    }
}
