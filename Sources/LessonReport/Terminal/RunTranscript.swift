import LessonDocument
import LessonExecution
import LessonModel

/// `lectern run` as library code: each cell's output for a terminal. Printed text and tables go
/// to standard output; warnings and errors go to standard error, located in the page.
public enum RunTranscript {
    public static func write(_ executed: ExecutedDocument, output: (String) -> Void, errors: (String) -> Void) {
        for (cell, cellOutput) in zip(executed.document.cells, executed.outputs) {
            guard let cellOutput else { continue }
            for item in cellOutput.items {
                switch item {
                case .text(let text):
                    output(text)
                case .warning(let message):
                    errors(Diagnostic.warning(message, at: cell.codeLocation).description + "\n")
                case .figure(.gradientTable(let table)):
                    output(plainTable(GradientTableText(table)))
                case .figure(.chart(let chart)):
                    output("[\(chart.kind == .line ? "line" : "bar") chart: \(chart.title); `lectern render` draws it]\n")
                case .error(let diagnostic):
                    errors(diagnostic.description + "\n")
                }
            }
        }
    }

    /// A gradient table as aligned columns of plain text.
    static func plainTable(_ text: GradientTableText) -> String {
        var header = ["parameter", "shape"] + text.table.modelLabels
        if let ratioHeading = text.ratioHeading { header.append(ratioHeading) }
        var rows = [header]
        for row in text.rows {
            var cells = [row.name, row.shape] + row.values.map { $0?.rounded.plain ?? "-" }
            if text.table.showsRatio { cells.append(row.ratio?.rounded.plain ?? "-") }
            rows.append(cells)
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = text.table.title.map { [$0] } ?? []
        for row in rows {
            let padded = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                // Names and shapes read left to right; numbers line up on the right.
                return column < 2 ? cell + padding : padding + cell
            }
            var line = padded.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        if let note = text.ratioNote { lines.append(note) }
        return lines.joined(separator: "\n") + "\n"
    }
}
