/// A gradient table as a pipe table, numbers right-aligned.
enum GradientTableMarkdown {
    static func markdown(_ text: GradientTableText) -> String {
        let table = text.table
        var header = ["Parameter", "Shape"] + table.modelLabels.map(Escape.markdown)
        if let ratioHeading = text.ratioHeading { header.append(Escape.markdown(ratioHeading)) }
        var alignment = [":--", ":--"] + table.modelLabels.map { _ in "--:" }
        if table.showsRatio { alignment.append("--:") }
        var lines: [String] = []
        if let title = table.title { lines += ["**\(Escape.markdown(title))**", ""] }
        lines.append(row(header))
        lines.append(row(alignment))
        for entry in text.rows {
            var cells = ["`\(entry.name.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|"))`", entry.shape]
            cells += entry.values.map { $0?.rounded.plain ?? "—" }
            if table.showsRatio { cells.append(entry.ratio?.rounded.plain ?? "—") }
            lines.append(row(cells))
        }
        if let note = text.ratioNote { lines += ["", "*\(Escape.markdown(note))*"] }
        return lines.joined(separator: "\n")
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }
}
