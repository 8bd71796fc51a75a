import LessonModel

/// A gradient table's cells as text, shared by both spellings: four significant digits are
/// enough to compare layers that differ by orders of magnitude; the full value stays available.
struct GradientTableText {
    struct Number {
        var rounded: NumberText.Rounded
        /// Every digit Swift prints for the value.
        var full: String
    }

    struct Row {
        var name: String
        var shape: String
        var values: [Number?]
        var ratio: Number?
    }

    let table: GradientTable
    let rows: [Row]

    init(_ table: GradientTable) {
        self.table = table
        rows = table.rows.map { row in
            let values = table.modelLabels.indices.map { i -> Number? in
                guard i < row.meanAbsoluteGradients.count, let value = row.meanAbsoluteGradients[i] else { return nil }
                return Number(rounded: NumberText.significant(value), full: NumberText.full(value))
            }
            var ratio: Number?
            if table.showsRatio, row.meanAbsoluteGradients.count >= 2,
               let first = row.meanAbsoluteGradients[0], let last = row.meanAbsoluteGradients[1], first != 0 {
                let value = last / first
                var rounded = Self.ratio(value)
                rounded.mantissa += rounded.exponent == nil ? "×" : ""
                ratio = Number(rounded: rounded, full: NumberText.full(value))
            }
            return Row(name: row.name, shape: row.shape.map(String.init).joined(separator: " × "), values: values, ratio: ratio)
        }
    }

    /// Ratios from 100 up as whole numbers (1099×, 460×), smaller ones to three significant
    /// digits (12.3×, 1.05×): a reader compares orders of magnitude, not the fourth digit.
    static func ratio(_ value: Double) -> NumberText.Rounded {
        if value.isFinite, abs(value) >= 100, abs(value) < 100_000 {
            return NumberText.Rounded(mantissa: String(Int(value.rounded())))
        }
        return NumberText.significant(value, digits: 3)
    }

    /// The ratio column's heading: one short word, so the table stays narrow; `ratioNote` says
    /// what it divides.
    var ratioHeading: String? { table.showsRatio ? "Ratio" : nil }

    /// "Ratio: with shortcut ÷ without shortcut."
    var ratioNote: String? {
        guard table.showsRatio else { return nil }
        return "Ratio: \(table.modelLabels[1]) ÷ \(table.modelLabels[0])."
    }
}
