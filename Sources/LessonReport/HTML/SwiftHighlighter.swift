import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Swift source as highlighted HTML, using the same classification editors use
/// (SwiftIDEUtils' rules, see `CellClassification`), so a cell reads like code in Xcode:
/// keywords, types, literals, comments.
enum SwiftHighlighter {
    static func html(_ code: String) -> String {
        let tree = Parser.parse(source: code)
        let bytes = Array(code.utf8)
        var html = ""
        html.reserveCapacity(bytes.count * 2)
        var cursor = 0
        func plain(upTo end: Int) {
            guard end > cursor else { return }
            html += Escape.html(String(decoding: bytes[cursor..<end], as: UTF8.self))
            cursor = end
        }
        for classified in CellClassification(tree).ranges {
            let start = min(classified.start, bytes.count)
            let end = min(classified.end, bytes.count)
            guard start >= cursor, end > start else { continue }
            plain(upTo: start)
            guard let cssClass = cssClass(classified.kind, firstByte: bytes[start]) else {
                plain(upTo: end)
                continue
            }
            html += "<span class=\"\(cssClass)\">"
            plain(upTo: end)
            html += "</span>"
        }
        plain(upTo: bytes.count)
        return html
    }

    /// The classification is syntactic: `Tensor` in `let x: Tensor` is a type, but `Tensor(…)`
    /// is just an identifier. Swift names types in UpperCamelCase, so a capitalised identifier
    /// is coloured as a type too, as Xcode's semantic highlighting would.
    private static func cssClass(_ kind: SyntaxClassification, firstByte: UInt8) -> String? {
        switch kind {
        case .identifier where firstByte >= UInt8(ascii: "A") && firstByte <= UInt8(ascii: "Z"): "ty"
        case .keyword: "kw"
        case .type: "ty"
        case .stringLiteral, .regexLiteral: "st"
        case .integerLiteral, .floatLiteral: "nu"
        case .lineComment, .blockComment, .docLineComment, .docBlockComment: "co"
        case .attribute, .ifConfigDirective: "at"
        case .dollarIdentifier: "dl"
        case .argumentLabel: "lb"
        case .identifier, .operator, .none, .editorPlaceholder: nil
        }
    }
}
