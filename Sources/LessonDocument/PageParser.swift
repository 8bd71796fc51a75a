import CCmarkGFM
import LessonModel

extension Document {
    /// Parses a page: front matter, then prose runs and cells with their `output` blocks.
    /// Problems that make the page unusable throw; the rest are warnings in `diagnostics`.
    public static func parse(path: String, contents: [UInt8]) throws(Diagnostic) -> Document {
        var parser = PageParser(path: path, bytes: contents)
        return try parser.parse()
    }
}

/// One pass over cmark-gfm's top-level blocks. Only top-level fenced blocks can be cells: a
/// `swift` fence inside a list or quote is an example in prose, not code the page runs.
struct PageParser {
    static let cellOptionNames: [(String, CellOptions)] = [("hidden", .hidden), ("norun", .norun), ("error", .error)]

    let path: String
    let lines: LineTable
    private var blocks: [Block] = []
    private var diagnostics: [Diagnostic] = []
    private var cellCount = 0

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.lines = LineTable(bytes)
    }

    private var bytes: [UInt8] { lines.bytes }

    mutating func parse() throws(Diagnostic) -> Document {
        try checkUTF8()
        let (frontMatter, bodyLine) = try FrontMatterParser(lines: lines, path: path).parse(diagnostics: &diagnostics)
        let bodyStart = lines.start(ofLine: bodyLine)
        let tree = GFMTree(bytes[bodyStart...], sourcePositions: true)
        // Bytes from here up to the next cell are prose.
        var unconsumed = bodyStart
        for node in tree.topLevelBlocks where cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK {
            let startLine = Int(cmark_node_get_start_line(node)) + bodyLine - 1
            guard let block = FencedBlock(node, startLine: startLine, lines: lines) else { continue }
            switch block.opening.words.first?.text {
            case "swift":
                appendProse(unconsumed..<block.byteRange.lowerBound)
                appendCell(block)
                unconsumed = block.byteRange.upperBound
            case "output":
                if try pairOutput(block, gap: unconsumed..<block.byteRange.lowerBound) {
                    unconsumed = block.byteRange.upperBound
                } else {
                    diagnostics.append(.warning(
                        "this 'output' block does not follow a cell, so nothing checks it; put it right after a swift cell",
                        at: location(block.byteRange.lowerBound + block.opening.indent)))
                }
            default:
                continue
            }
        }
        appendProse(unconsumed..<bytes.count)
        return Document(path: path, source: bytes, frontMatter: frontMatter, blocks: blocks, diagnostics: diagnostics)
    }

    private mutating func appendCell(_ block: FencedBlock) {
        var options: CellOptions = []
        for word in block.opening.words.dropFirst() {
            if let option = Self.cellOptionNames.first(where: { $0.0 == word.text }) {
                options.insert(option.1)
            } else {
                let known = Self.cellOptionNames.map(\.0).joined(separator: ", ")
                diagnostics.append(.warning("unknown cell option '\(word.text)' (known options: \(known))", at: location(word.offset)))
            }
        }
        warnIfUnclosed(block, kind: "cell")
        blocks.append(.cell(Cell(
            index: cellCount, code: block.text, options: options,
            codeLocation: block.contentLocation(in: path), byteRange: block.byteRange, expectedOutput: nil)))
        cellCount += 1
    }

    /// Attaches `block` to the cell just before it when only blank lines separate them.
    /// A malformed option (`atol=abc`) throws: the block's check would mean something else.
    private mutating func pairOutput(_ block: FencedBlock, gap: Range<Int>) throws(Diagnostic) -> Bool {
        guard case .cell(var cell)? = blocks.last, cell.expectedOutput == nil,
              bytes[gap].allSatisfy(Self.isWhitespace) else { return false }
        let options = try OutputBlockOptions(words: block.opening.words.dropFirst(), location: location)
        warnIfUnclosed(block, kind: "output block")
        cell.expectedOutput = ExpectedOutput(
            text: block.text, textLocation: block.contentLocation(in: path), textByteRange: block.contentByteRange,
            byteRange: block.byteRange, fence: block.opening.fence,
            relativeTolerance: options.relativeTolerance, absoluteTolerance: options.absoluteTolerance)
        blocks[blocks.count - 1] = .cell(cell)
        return true
    }

    private mutating func warnIfUnclosed(_ block: FencedBlock, kind: String) {
        guard !block.isClosed else { return }
        diagnostics.append(.warning(
            "this \(kind)'s fence is never closed, so it runs to the end of the page",
            at: location(block.byteRange.lowerBound + block.opening.indent)))
    }

    /// Adds the non-blank lines of `range` as one prose block.
    private mutating func appendProse(_ range: Range<Int>) {
        guard let firstByte = bytes[range].firstIndex(where: { !Self.isWhitespace($0) }),
              let lastByte = bytes[range].lastIndex(where: { !Self.isWhitespace($0) }) else { return }
        let start = lines.start(ofLine: lines.line(containing: firstByte))
        let end = min(range.upperBound, lines.end(ofLine: lines.line(containing: lastByte)))
        blocks.append(.prose(Prose(
            markdown: String(decoding: bytes[start..<end], as: UTF8.self), byteRange: start..<end,
            location: location(firstByte))))
    }

    private func checkUTF8() throws(Diagnostic) {
        // The standard library's validation is fast; decoding scalar by scalar only finds where it fails.
        if String(validating: bytes, as: UTF8.self) != nil { return }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return
            case .error: throw .error("the page is not valid UTF-8 text", at: location(offset))
            }
        }
    }

    private func location(_ offset: Int) -> SourceLocation { lines.location(ofByte: offset, in: path) }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
