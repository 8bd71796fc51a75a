import LessonModel

/// Compares what a cell printed with its published `output` block, line by line.
public enum OutputComparison {
    /// Lines of a diff shown around a missing or extra run, and the most shown of the run itself.
    static let contextLines = 1
    static let maximumDiffLines = 12

    /// The mismatches between `expected` (an output block's text, which starts at `textLocation`
    /// in the page) and `produced`; empty when they match.
    public static func compare(expected: String, produced: String, tolerance: Tolerance, textLocation: SourceLocation) -> [Mismatch] {
        let published = PrintedLine.lines(of: expected)
        let printed = PrintedLine.lines(of: produced)
        let edits = LineAlignment.align(expectedCount: published.count, producedCount: printed.count) {
            published[$0].matches(printed[$1], within: tolerance)
        }
        var mismatches: [Mismatch] = []
        var runStart: Int?
        for (index, edit) in edits.enumerated() {
            if case .same = edit {
                if let start = runStart { mismatches += run(start..<index, of: edits, published, printed, tolerance, textLocation) }
                runStart = nil
            } else if runStart == nil {
                runStart = index
            }
        }
        if let start = runStart { mismatches += run(start..<edits.count, of: edits, published, printed, tolerance, textLocation) }
        return mismatches
    }

    /// A run of unpaired lines: as many missing as extra means lines that changed, compared one
    /// by one for precise locations; otherwise lines came or went, shown as a short diff.
    private static func run(
        _ range: Range<Int>, of edits: [LineEdit], _ published: [PrintedLine], _ printed: [PrintedLine],
        _ tolerance: Tolerance, _ textLocation: SourceLocation
    ) -> [Mismatch] {
        var missing: [Int] = [], extra: [Int] = []
        for edit in edits[range] {
            switch edit {
            case .missing(let e): missing.append(e)
            case .extra(let p): extra.append(p)
            case .same: break
            }
        }
        if missing.count == extra.count {
            return zip(missing, extra).flatMap { e, p in
                compareLine(published[e], printed[p], tolerance, line: textLocation.line + e, textLocation: textLocation)
            }
        }
        let firstLine = missing.first ?? expectedLine(before: range.lowerBound, in: edits, published.count)
        let location = SourceLocation(file: textLocation.file, line: textLocation.line + firstLine, column: textLocation.column)
        let diff = unifiedHunk(range, of: edits, published, printed)
        return [Mismatch(.lines(missing: missing.count, extra: extra.count, diff: diff), at: location)]
    }

    private static func compareLine(
        _ expected: PrintedLine, _ produced: PrintedLine, _ tolerance: Tolerance, line: Int, textLocation: SourceLocation
    ) -> [Mismatch] {
        func location(_ offset: Int) -> SourceLocation {
            SourceLocation(file: textLocation.file, line: line, column: textLocation.column + offset)
        }
        guard expected.hasSameShape(as: produced) else {
            let offset = zip(expected.text.utf8, produced.text.utf8).prefix { $0 == $1 }.count
            return [Mismatch(.text(expected: expected.text, produced: produced.text), at: location(offset))]
        }
        return expected.numberPairs(with: produced).compactMap { e, a in
            guard !tolerance.accepts(expected: e, produced: a) else { return nil }
            let difference = Tolerance.relativeDifference(expected: e, produced: a)
            return Mismatch(.number(expected: e.spelling, produced: a.spelling, relativeDifference: difference), at: location(e.offset))
        }
    }

    /// The published line that extra lines were printed before (the closing fence after the last).
    private static func expectedLine(before editIndex: Int, in edits: [LineEdit], _ count: Int) -> Int {
        for edit in edits[editIndex...] {
            switch edit {
            case .same(let e, _), .missing(let e): return e
            case .extra: continue
            }
        }
        return count
    }

    /// `@@ -a,b +c,d @@` then context, `-` published and `+` produced lines; numbers count lines in the block.
    private static func unifiedHunk(_ range: Range<Int>, of edits: [LineEdit], _ published: [PrintedLine], _ printed: [PrintedLine]) -> [String] {
        let start = max(0, range.lowerBound - contextLines), end = min(edits.count, range.upperBound + contextLines)
        var body: [String] = []
        var removed: [String] = [], added: [String] = []
        var expectedLines = 0, producedLines = 0
        var firstExpected: Int?, firstProduced: Int?
        for edit in edits[start..<end] {
            switch edit {
            case .same(let e, let p):
                firstExpected = firstExpected ?? e
                firstProduced = firstProduced ?? p
                expectedLines += 1
                producedLines += 1
                body += removed + added
                removed = []
                added = []
                body.append(" " + published[e].text)
            case .missing(let e):
                firstExpected = firstExpected ?? e
                expectedLines += 1
                removed.append("-" + published[e].text)
            case .extra(let p):
                firstProduced = firstProduced ?? p
                producedLines += 1
                added.append("+" + printed[p].text)
            }
        }
        body += removed + added
        if body.count > maximumDiffLines {
            let hidden = body.count - maximumDiffLines
            body = Array(body.prefix(maximumDiffLines)) + ["… \(hidden) more line\(hidden == 1 ? "" : "s")"]
        }
        let header = "@@ -\(rangeLabel(firstExpected, expectedLines)) +\(rangeLabel(firstProduced, producedLines)) @@"
        return [header] + body
    }

    private static func rangeLabel(_ first: Int?, _ count: Int) -> String {
        "\((first ?? 0) + (count > 0 ? 1 : 0)),\(count)"
    }
}
