/// Lines of published and produced output paired by a longest common subsequence, so one missing
/// line shows as one missing line instead of every later line differing.
enum LineEdit: Equatable {
    case same(expected: Int, produced: Int)
    case missing(expected: Int)
    case extra(produced: Int)
}

enum LineAlignment {
    /// Beyond this many line pairs between the common head and tail, the middle is reported as
    /// one replaced run rather than aligned (the table would cost more than it explains).
    static let maximumTableSize = 4_000_000

    static func align(expectedCount n: Int, producedCount m: Int, matches: (Int, Int) -> Bool) -> [LineEdit] {
        var head = 0
        while head < n, head < m, matches(head, head) { head += 1 }
        var tail = 0
        while tail < n - head, tail < m - head, matches(n - 1 - tail, m - 1 - tail) { tail += 1 }

        var edits = (0..<head).map { LineEdit.same(expected: $0, produced: $0) }
        let middleN = n - head - tail, middleM = m - head - tail
        if middleN * middleM > maximumTableSize {
            edits += (head..<(n - tail)).map { LineEdit.missing(expected: $0) }
            edits += (head..<(m - tail)).map { LineEdit.extra(produced: $0) }
        } else {
            edits += middle(head: head, n: middleN, m: middleM, matches: matches)
        }
        edits += (0..<tail).map { LineEdit.same(expected: n - tail + $0, produced: m - tail + $0) }
        return edits
    }

    /// Classic dynamic programme over the middle; `table[i][j]` is the LCS length of the suffixes.
    private static func middle(head: Int, n: Int, m: Int, matches: (Int, Int) -> Bool) -> [LineEdit] {
        let width = m + 1
        var table = [Int32](repeating: 0, count: (n + 1) * width)
        var same = [Bool](repeating: false, count: n * m)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                if matches(head + i, head + j) {
                    same[i * m + j] = true
                    table[i * width + j] = table[(i + 1) * width + j + 1] + 1
                } else {
                    table[i * width + j] = max(table[(i + 1) * width + j], table[i * width + j + 1])
                }
            }
        }
        var edits: [LineEdit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, same[i * m + j] {
                edits.append(.same(expected: head + i, produced: head + j))
                i += 1
                j += 1
            } else if i < n, j == m || table[(i + 1) * width + j] >= table[i * width + j + 1] {
                // Missing before extra on ties, so a changed line reads `-old` then `+new`.
                edits.append(.missing(expected: head + i))
                i += 1
            } else {
                edits.append(.extra(produced: head + j))
                j += 1
            }
        }
        return edits
    }
}
