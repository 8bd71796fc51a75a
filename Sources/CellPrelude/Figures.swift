import NetworkEngine

// The figure API cells call, declared as Swift so a page's cells type-check as one program
// against `NetworkEngine` (see SwiftTypeCheckTests). Lectern's interpreter binds these names
// itself (Sources/LessonCells/Bindings/Figures.swift); here they only need their signatures.

/// A figure a cell shows in the report with `display(_:)`.
public protocol Figure {}

/// One named series of a chart.
public struct Series {
    public var label: String
    public var values: [Double]
    public init(_ label: String, _ values: [Double]) {
        self.label = label
        self.values = values
    }
}

/// The mean absolute gradient of each model's weights, one row per weight.
public struct GradientTable: Figure {
    public init(models: [any Module], labels: [String]? = nil, title: String? = nil) {}
}

public struct BarChart: Figure {
    public init(title: String = "", categories: [String], series: [Series], xTitle: String = "", yTitle: String = "", logScale: Bool = false) {}
}

public struct LineChart: Figure {
    public init(title: String = "", x: [Double], series: [Series], xTitle: String = "", yTitle: String = "", logScale: Bool = false) {}
}

public func display(_ figure: any Figure) {}

public func compareGradients(_ models: [any Module], labels: [String]? = nil, title: String? = nil) {}
