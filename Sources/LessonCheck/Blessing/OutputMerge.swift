/// The text `bless` writes into a failing `output` block: what the cell produced, except that
/// published lines that still match are kept as published, and in a changed line every published
/// number that still matches keeps its digits. A block's published facts survive a bless that was
/// needed for one line; the result matches the produced output, so the page then checks clean.
enum OutputMerge {
    static func merge(expected: String, produced: String, tolerance: Tolerance) -> String {
        let published = PrintedLine.lines(of: expected)
        let printed = PrintedLine.lines(of: produced)
        let edits = LineAlignment.align(expectedCount: published.count, producedCount: printed.count) {
            published[$0].matches(printed[$1], within: tolerance)
        }
        var lines: [String] = []
        var missing: [Int] = [], extra: [Int] = []
        func flushRun() {
            if missing.count == extra.count {
                lines += zip(missing, extra).map { mergedLine(published[$0], printed[$1], tolerance) }
            } else {
                lines += extra.map { printed[$0].text }
            }
            missing = []
            extra = []
        }
        for edit in edits {
            switch edit {
            case .same(let e, _):
                flushRun()
                lines.append(published[e].text)
            case .missing(let e): missing.append(e)
            case .extra(let p): extra.append(p)
            }
        }
        flushRun()
        return lines.map { $0 + "\n" }.joined()
    }

    /// The produced line, with the published spelling of each number that is still accepted.
    private static func mergedLine(_ expected: PrintedLine, _ produced: PrintedLine, _ tolerance: Tolerance) -> String {
        guard expected.hasSameShape(as: produced) else { return produced.text }
        return zip(expected.tokens, produced.tokens).map { pair in
            switch pair {
            case (.number(let e), .number(let a)): tolerance.accepts(expected: e, produced: a) ? e.spelling : a.spelling
            case (_, .text(let text)): text
            case (_, .number(let a)): a.spelling
            }
        }.joined()
    }
}
