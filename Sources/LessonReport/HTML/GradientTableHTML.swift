/// A gradient table as an HTML table: rounded numbers, with every digit in the `title`
/// attribute (shown on hover, read by screen readers on request).
enum GradientTableHTML {
    static func html(_ text: GradientTableText) -> String {
        let table = text.table
        var html = "<figure class=\"gradient-table\">\n"
        html += "<figcaption>\(Escape.html(table.title ?? "Mean absolute gradient per weight"))</figcaption>\n"
        html += "<table>\n<thead><tr><th scope=\"col\">Parameter</th><th scope=\"col\">Shape</th>"
        for label in table.modelLabels {
            html += "<th scope=\"col\" class=\"num\">\(Escape.html(label))</th>"
        }
        if let ratioHeading = text.ratioHeading {
            html += "<th scope=\"col\" class=\"num\">\(Escape.html(ratioHeading))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in text.rows {
            html += "<tr><th scope=\"row\"><code>\(Escape.html(row.name))</code></th><td>\(row.shape)</td>"
            for value in row.values { html += cell(value) }
            if table.showsRatio { html += cell(row.ratio) }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if let note = text.ratioNote { html += "<p class=\"table-note\">\(Escape.html(note))</p>\n" }
        html += "</figure>\n"
        return html
    }

    private static func cell(_ number: GradientTableText.Number?) -> String {
        guard let number else { return "<td class=\"num\">—</td>" }
        return "<td class=\"num\" title=\"\(Escape.html(number.full))\">\(Escape.html(number.rounded.typeset))</td>"
    }
}
