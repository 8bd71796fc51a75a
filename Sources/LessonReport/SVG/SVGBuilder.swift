/// Builds SVG text. Every coordinate goes through `NumberText.coordinate`, so the bytes do not
/// depend on floating-point printing, and every string through `Escape.html`.
struct SVGBuilder {
    private(set) var text = ""

    init() { text.reserveCapacity(8 * 1024) }

    mutating func raw(_ markup: String) { text += markup }

    static func number(_ value: Double) -> String { NumberText.coordinate(value) }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, classes: String, colourAttributes: String) {
        text += "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" class=\"\(classes)\" \(colourAttributes)/>"
    }

    /// A rectangle with a tooltip (`<title>`), which also names the mark for screen readers.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, classes: String, fill: String, tooltip: String?) {
        text += "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" class=\"\(classes)\" fill=\"\(fill)\""
        if let tooltip {
            text += "><title>\(Escape.html(tooltip))</title></rect>"
        } else {
            text += "/>"
        }
    }

    enum Anchor: String { case start, middle, end }

    mutating func label(
        _ string: String, x: Double, y: Double, anchor: Anchor = .start, size: Int = 12,
        classes: String = "lc-ink", weight: String? = nil, rotate: Double? = nil
    ) {
        let fill = classes.contains("lc-muted") ? "#59636e" : "#1f2328"
        text += "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(size)\" class=\"\(classes)\" fill=\"\(fill)\""
        if anchor != .start { text += " text-anchor=\"\(anchor.rawValue)\"" }
        if let weight { text += " font-weight=\"\(weight)\"" }
        if let rotate { text += " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\"" }
        text += ">\(Escape.html(string))</text>"
    }

    /// An estimate of a label's width in pixels (average glyph width of a sans-serif face),
    /// enough to lay out legends and decide whether category labels must turn.
    static func estimatedWidth(_ string: String, size: Int = 12) -> Double {
        Double(string.count) * Double(size) * 0.58
    }
}
