import LessonModel

/// The report for people: located errors in compiler style, a line per page, then the outcome.
enum TextReport {
    static func render(_ summary: CheckSummary) -> String {
        var lines: [String] = []
        for page in summary.pages {
            lines += page.warnings.map(\.description)
            for block in page.blocks {
                for mismatch in block.mismatches {
                    lines.append("\(mismatch.location): error: \(mismatch.summary)")
                    lines += mismatch.details.map { "    " + $0 }
                }
            }
            if let errorLine = page.errorLine { lines.append(errorLine) }
            lines.append(pageLine(page))
        }
        lines.append(summary.outcomeLine)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func pageLine(_ page: PageResult) -> String {
        let path = PathText.display(page.path)
        if page.error != nil, page.blocks.isEmpty, page.uncheckedBlocks.isEmpty { return "\(path): not checked" }
        var line = "\(path): \(page.passedCount) passed, \(page.failedCount) failed"
        if page.error != nil { line += ", \(page.uncheckedBlocks.count) not checked (the page stopped)" }
        return line
    }
}
