import Foundation
@testable import LessonReport
import SwiftIDEUtils
import SwiftParser
import SwiftSyntax
import Testing

/// The highlighter's own classifier must report exactly what SwiftIDEUtils reports.
@Suite struct CellClassificationTests {
    static let snippets = [
        "@discardableResult func f(_ a: Int, b c: Int = 1) -> Int { a + c }",
        "@available(iOS 13.0, macOS 10.15, *)\nstruct S { @MainActor var x: Swift.Int }",
        "#if DEBUG\nlet a = 1\n#elseif os(Linux) && swift(>=5.9)\nlet a = 2\n#else\nlet a = 3\n#endif",
        "// line\n/// doc line\n/* block */ /** doc block */ let x = 1 // trailing",
        "precedencegroup Power { associativity: right higherThan: MultiplicationPrecedence }",
        "infix operator **: Power\nprefix operator √\npostfix operator !!",
        "struct P { mutating func step() { value += 1 }; private(set) var value = 0 }",
        "let y: [String: Array<Double>] = [:]; let z = y.map { $0.key + \"\\($1)\" }",
        "let s = \"\"\"\n  many \\(lines)\n  \"\"\" + #\"raw \\#(x)\"# + String('c')",
        "let r = /ab+c/; let q = #/x(?<n>y)/#; let p = <#placeholder#>",
        "if #available(iOS 15, *) { print(a ?? b, try? f(), x!) }",
        "#sourceLocation(file: \"a.swift\", line: 3)\nlet k = 1\n#sourceLocation()",
        "#!/usr/bin/env swift\nprint(1)",
        "let = \nfunc (\nfoo(label:\n\"unterminated\n@\nstruct { var",
        "for (i, layer) in model.layers.enumerated() where i > 0 { _ = layer(x) }",
    ]

    static func reference(_ code: String) -> [CellClassification.Range] {
        Parser.parse(source: code).classifications.map {
            CellClassification.Range(kind: $0.kind, start: $0.range.lowerBound.utf8Offset,
                                     end: $0.range.upperBound.utf8Offset)
        }
    }

    @Test(arguments: snippets)
    func matchesSwiftIDEUtils(_ code: String) {
        #expect(CellClassification(Parser.parse(source: code)).ranges == Self.reference(code))
    }

    /// Every cell of every committed lesson page.
    @Test func matchesOnEveryLessonCell() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let notebooks = root.appendingPathComponent("notebooks")
        let pages = try FileManager.default.contentsOfDirectory(atPath: notebooks.path)
            .filter { $0.hasSuffix(".md") }.sorted()
        try #require(!pages.isEmpty)
        var cells = 0
        for page in pages {
            let text = try String(contentsOf: notebooks.appendingPathComponent(page), encoding: .utf8)
            var cell: [Substring]?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if cell == nil, line.hasPrefix("```swift") {
                    cell = []
                } else if let lines = cell, line.hasPrefix("```") {
                    let code = lines.joined(separator: "\n")
                    #expect(CellClassification(Parser.parse(source: code)).ranges == Self.reference(code),
                            "\(page): \(code.prefix(60))")
                    cells += 1
                    cell = nil
                } else if cell != nil {
                    cell?.append(line)
                }
            }
        }
        #expect(cells > 20)
    }
}
