import SwiftSyntax

/// String literals (segments, escapes, interpolation) and closure shorthand arguments.
extension Lowering {
    func lowerString(_ e: StringLiteralExprSyntax) throws(CellError) -> Expr {
        if e.openingPounds != nil { throw unsupported("raw strings are", e) }
        var parts: [InterpolationPart] = []
        var hasInterpolation = false
        for segment in e.segments {
            switch segment {
            case .stringSegment(let s):
                parts.append(InterpolationPart(literal: Lowering.unescape(s.content.text), expr: nil))
            case .expressionSegment(let s):
                hasInterpolation = true
                guard s.expressions.count == 1, let only = s.expressions.first, only.label == nil else {
                    throw unsupported("interpolation with labels or several values is", s)
                }
                parts.append(InterpolationPart(literal: nil, expr: try lowerExpr(only.expression)))
            }
        }
        if !hasInterpolation { return .literal(.string(parts.compactMap(\.literal).joined())) }
        return .interpolation(parts, loc(e))
    }

    static func unescape(_ text: String) -> String {
        // Bytes: `contains("\\")` was Foundation's substring search.
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return text }
        var result = ""
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            guard c == "\\" else { result.append(c); continue }
            switch iterator.next() {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "0": result.append("\0")
            case "\"": result.append("\"")
            case "'": result.append("'")
            case "\\": result.append("\\")
            case "u":
                var hex = ""
                _ = iterator.next()
                while let h = iterator.next(), h != "}" { hex.append(h) }
                if let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) { result.unicodeScalars.append(scalar) }
            case let other?: result.append("\\"); result.append(other)
            case nil: result.append("\\")
            }
        }
        return result
    }
}

/// Counts `$0`, `$1`, … in a closure without a signature (not looking into nested closures).
final class DollarCounter: SyntaxVisitor {
    var count = 0
    let root: SyntaxIdentifier

    init(root: SyntaxIdentifier) {
        self.root = root
        super.init(viewMode: .sourceAccurate)
    }

    static func count(in closure: ClosureExprSyntax) -> Int {
        let counter = DollarCounter(root: closure.id)
        counter.walk(closure)
        return counter.count
    }

    override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind {
        node.id == root ? .visitChildren : .skipChildren
    }

    override func visit(_ token: TokenSyntax) -> SyntaxVisitorContinueKind {
        if case .dollarIdentifier(let text) = token.tokenKind, let n = Int(text.dropFirst()) {
            count = max(count, n + 1)
        }
        return .visitChildren
    }
}
