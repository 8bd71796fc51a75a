import LessonModel
import SwiftDiagnostics
import SwiftOperators
import SwiftParser
import SwiftParserDiagnostics
import SwiftSyntax

/// Parses a cell with swift-syntax, reports syntax errors at their page location, and folds
/// operators by Swift's standard precedence, giving the tree that `Lowering` turns into our AST.
struct Frontend {
    let origin: LessonModel.SourceLocation

    /// Maps swift-syntax positions to page locations: lines shift by the cell's first line,
    /// columns by the fence's indentation.
    struct PositionMap {
        let converter: SourceLocationConverter
        let origin: LessonModel.SourceLocation

        func loc(_ position: AbsolutePosition) -> Loc {
            let l = converter.location(for: position)
            return Loc(line: Int32(origin.line + l.line - 1), column: Int32(origin.column + l.column - 1))
        }

        func loc(_ node: some SyntaxProtocol) -> Loc {
            loc(node.positionAfterSkippingLeadingTrivia)
        }
    }

    /// The folded tree and its position map, or the first syntax error.
    func parse(_ code: String) throws(CellError) -> (SourceFileSyntax, PositionMap) {
        let tree = Parser.parse(source: code)
        let map = PositionMap(converter: SourceLocationConverter(fileName: origin.file, tree: tree), origin: origin)
        let diagnostics = tree.hasError ? ParseDiagnosticsGenerator.diagnostics(for: tree) : []
        if let first = diagnostics.first(where: { $0.diagMessage.severity == .error }) {
            throw CellError(first.message, at: map.loc(first.position))
        }
        var operatorError: OperatorError?
        let folded = OperatorTable.standardOperators.foldAll(tree) { error in
            if operatorError == nil { operatorError = error }
        }
        if let operatorError {
            let diagnostic = operatorError.asDiagnostic
            throw CellError(diagnostic.message, at: map.loc(diagnostic.position))
        }
        guard let file = folded.as(SourceFileSyntax.self) else {
            throw CellError("could not read this cell", at: map.loc(AbsolutePosition(utf8Offset: 0)))
        }
        return (file, map)
    }
}
