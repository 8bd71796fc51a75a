import SwiftSyntax

/// Structural limits a cell's source must meet before swift-syntax sees it. The parser's cost is
/// not linear in every input: its lookahead for inline-array types (`[3 of Int]`) doubles with
/// each nested `[` (20 levels took 11 s, 24 never finished), and its recursive descent, like the
/// lowering and evaluation after it, uses stack for each level of nesting. A cheap scan of the
/// text rejects such cells with a located error instead.
enum SourceLimits {
    /// Bytes in one cell. A lesson's cells are a few kilobytes; this leaves room for long
    /// literal tables while keeping parsing well within the time budget.
    static let maxCellBytes = 512 << 10
    /// Brackets (`(`, `[`, `{`) open at once.
    static let maxBracketNesting = 64
    /// Square brackets open at once: each level doubles the parser's lookahead. Ten levels cost
    /// about 10 ms; a tensor literal has one level per dimension.
    static let maxSquareNesting = 10
    /// Levels of expressions inside one another, counting each operand of an operator chain
    /// (`1 + 1 + …` folds into a tree as deep as it is long). The lowering, evaluation and
    /// teardown of an expression recurse once per level.
    static let maxExpressionDepth = 256
    /// Prefix operators and keywords such as `try` and `await` in a row, and generic types
    /// inside one another (`Array<Array<…>>`): the parser recurses once for each, without
    /// counting it as nesting (20,000 `try`s overflowed the stack).
    static let maxPrefixRun = 64
    static let maxGenericNesting = 64
    /// Compared as bytes: making a `String` of every word of a cell to look it up was most of
    /// the scan's time.
    private static let prefixWords: [[UInt8]] = ["try", "await", "consume", "copy", "each", "repeat", "some", "any", "inout", "borrowing", "consuming", "_move", "_borrow"].map { Array($0.utf8) }

    /// Checks the size and bracket nesting of `code`, locating what it refuses with `map`, the
    /// cell's one line table (so a refusal after a CR, or in an indented fence, is where the
    /// parser's errors would be).
    static func scan(_ code: String, _ map: Frontend.PositionMap) throws(CellError) {
        let bytes = Array(code.utf8)
        if bytes.count > maxCellBytes {
            throw CellError("this cell has \(bytes.count) bytes of code, more than the limit of \(maxCellBytes); split it into several cells", at: map.loc(AbsolutePosition(utf8Offset: 0)))
        }
        try scan(bytes, map)
    }

    private enum Open {
        case paren, square, brace
        /// `\(` inside a string literal: its `)` returns to the string.
        case interpolation(multiline: Bool, hashes: Int)
    }

    private enum State {
        case code
        case lineComment
        case blockComment(depth: Int)
        case string(multiline: Bool, hashes: Int)
    }

    private static func scan(_ bytes: [UInt8], _ map: Frontend.PositionMap) throws(CellError) {
        var stack: [Open] = []
        var squares = 0
        var prefixRun = 0
        var generics = 0
        var state = State.code
        var i = 0
        let n = bytes.count
        func at(_ k: Int) -> UInt8 { k < n ? bytes[k] : 0 }
        func loc(_ k: Int) -> Loc { map.loc(AbsolutePosition(utf8Offset: k)) }
        func hashes(after k: Int) -> Int {
            var count = 0
            while at(k + count) == UInt8(ascii: "#") { count += 1 }
            return count
        }
        func closesString(_ k: Int, multiline: Bool, hashes: Int) -> Bool {
            if multiline { guard at(k + 1) == UInt8(ascii: "\""), at(k + 2) == UInt8(ascii: "\"") else { return false } }
            let end = k + (multiline ? 3 : 1)
            for h in 0..<hashes where at(end + h) != UInt8(ascii: "#") { return false }
            return true
        }
        while i < n {
            let c = bytes[i]
            // swift-syntax 602 traps making a Fix-It for `=` beside a vertical tab, form feed or
            // NUL (found by fuzzing: `let a =\u{0B} 1`); no lesson needs those characters.
            if c < 0x20, c != UInt8(ascii: "\t"), c != UInt8(ascii: "\n"), c != UInt8(ascii: "\r") {
                throw CellError("control character U+\(hex4(c)) in a cell; cells may contain tabs and line breaks, but no other control characters", at: loc(i))
            }
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                switch state {
                // A line break ends a comment to the end of the line, and (as Swift's lexer
                // decides) an unterminated one-line string: what follows is code again.
                case .lineComment, .string(multiline: false, _): state = .code
                default: break
                }
                i += 1
                continue
            }
            switch state {
            case .lineComment:
                i += 1
            case .blockComment(let depth):
                if c == UInt8(ascii: "*"), at(i + 1) == UInt8(ascii: "/") {
                    state = depth == 1 ? .code : .blockComment(depth: depth - 1)
                    i += 2
                } else if c == UInt8(ascii: "/"), at(i + 1) == UInt8(ascii: "*") {
                    state = .blockComment(depth: depth + 1)
                    i += 2
                } else {
                    i += 1
                }
            case .string(let multiline, let count):
                if c == UInt8(ascii: "\\") {
                    // `\(` (or `\#(` in a raw string) opens an interpolation; other escapes skip a byte.
                    var k = i + 1
                    var escapeHashes = 0
                    while escapeHashes < count, at(k) == UInt8(ascii: "#") { escapeHashes += 1; k += 1 }
                    if escapeHashes == count, at(k) == UInt8(ascii: "(") {
                        stack.append(.interpolation(multiline: multiline, hashes: count))
                        try checkDepth(stack.count, squares, loc(k))
                        state = .code
                        i = k + 1
                    } else {
                        i = escapeHashes == count ? k + 1 : i + 1
                    }
                } else if c == UInt8(ascii: "\""), closesString(i, multiline: multiline, hashes: count) {
                    state = .code
                    i += (multiline ? 3 : 1) + count
                } else {
                    i += 1
                }
            case .code:
                switch c {
                case UInt8(ascii: "/") where at(i + 1) == UInt8(ascii: "/"):
                    state = .lineComment
                    i += 2
                case UInt8(ascii: "/") where at(i + 1) == UInt8(ascii: "*"):
                    state = .blockComment(depth: 1)
                    i += 2
                case UInt8(ascii: "#"), UInt8(ascii: "\""):
                    let count = c == UInt8(ascii: "#") ? hashes(after: i) : 0
                    let quote = i + count
                    guard at(quote) == UInt8(ascii: "\"") else { i += max(count, 1); continue }
                    prefixRun = 0
                    let multiline = at(quote + 1) == UInt8(ascii: "\"") && at(quote + 2) == UInt8(ascii: "\"")
                    state = .string(multiline: multiline, hashes: count)
                    i = quote + (multiline ? 3 : 1)
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                    stack.append(c == UInt8(ascii: "(") ? .paren : c == UInt8(ascii: "[") ? .square : .brace)
                    if c == UInt8(ascii: "[") { squares += 1 }
                    try checkDepth(stack.count, squares, loc(i))
                    i += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    prefixRun = 0
                    // Unbalanced closers are the parser's to report.
                    switch stack.popLast() {
                    case .square?: squares -= 1
                    case .interpolation(let multiline, let count)?: state = .string(multiline: multiline, hashes: count)
                    default: break
                    }
                    i += 1
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    i += 1
                case _ where isOperator(c):
                    let start = i
                    while i < n, isOperator(bytes[i]), !(bytes[i] == UInt8(ascii: "/") && (at(i + 1) == UInt8(ascii: "/") || at(i + 1) == UInt8(ascii: "*"))) {
                        if bytes[i] == UInt8(ascii: ">"), generics > 0 { generics -= 1 }
                        i += 1
                    }
                    prefixRun += 1
                    if prefixRun > maxPrefixRun {
                        throw CellError("too many operators or keywords such as 'try' in a row (more than \(maxPrefixRun))", at: loc(start))
                    }
                case _ where isWordByte(c):
                    let start = i
                    while i < n, isWordByte(bytes[i]) { i += 1 }
                    let word = bytes[start..<i]
                    if word.count <= 9, prefixWords.contains(where: { $0.elementsEqual(word) }) {
                        prefixRun += 1
                        if prefixRun > maxPrefixRun {
                            throw CellError("too many operators or keywords such as 'try' in a row (more than \(maxPrefixRun))", at: loc(start))
                        }
                    } else {
                        prefixRun = 0
                    }
                    // `Name<`: a generic argument list opens (a comparison is written with spaces).
                    if at(i) == UInt8(ascii: "<") {
                        generics += 1
                        if generics > maxGenericNesting {
                            throw CellError("generic types nested too deeply (more than \(maxGenericNesting) levels of '<')", at: loc(i))
                        }
                        i += 1
                    }
                default:
                    prefixRun = 0
                    i += 1
                }
            }
        }
    }

    private static func hex4(_ c: UInt8) -> String {
        let digits = String(c, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    private static func isOperator(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "!"), UInt8(ascii: "~"), UInt8(ascii: "&"), UInt8(ascii: "*"),
             UInt8(ascii: "%"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "|"), UInt8(ascii: "^"),
             UInt8(ascii: "?"), UInt8(ascii: "."), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }

    /// Letters, digits, `_`, `$`, `@` and any byte of a non-ASCII character.
    private static func isWordByte(_ c: UInt8) -> Bool {
        c >= 0x80 || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "$") || c == UInt8(ascii: "@")
    }

    private static func checkDepth(_ depth: Int, _ squares: Int, _ loc: Loc) throws(CellError) {
        if squares > maxSquareNesting {
            throw CellError("array literal nested too deeply (more than \(maxSquareNesting) levels of '[')", at: loc)
        }
        if depth > maxBracketNesting {
            throw CellError("code nested too deeply (more than \(maxBracketNesting) levels of brackets)", at: loc)
        }
    }
}
