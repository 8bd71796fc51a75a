import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Swift source as highlighted HTML, using the same classification editors use
/// (SwiftIDEUtils), so a cell reads like code in Xcode: keywords, types, literals, comments.
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
        for classified in tree.classifications {
            let start = min(classified.range.lowerBound.utf8Offset, bytes.count)
            let end = min(classified.range.upperBound.utf8Offset, bytes.count)
            guard start >= cursor, end > start else { continue }
            plain(upTo: start)
            guard let cssClass = cssClass(classified.kind) else {
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

    private static func cssClass(_ kind: SyntaxClassification) -> String? {
        switch kind {
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
