import LessonModel
import SwiftDiagnostics
import SwiftOperators
import SwiftParser
import SwiftParserDiagnostics
import SwiftSyntax

/// Parses a cell with swift-syntax, reports syntax errors at their page location, and folds its
/// operator chains by Swift's standard precedence, giving the tree and the folded chains that
/// `Lowering` turns into our AST.
struct Frontend {
    let origin: LessonModel.SourceLocation

    /// The tree, its position map and its operator chains folded, or the first syntax error.
    func parse(_ code: String) throws(CellError) -> (SourceFileSyntax, PositionMap) {
        var map = PositionMap(code, origin: origin)
        try SourceLimits.scan(code, map)
        // An explicit nesting limit: swift-syntax's default depends on how it was built (20 in
        // debug builds, 256 in release); cells run on a thread with stack for 256.
        var parser = Parser(code, maximumNestingLevel: 256)
        let tree = SourceFileSyntax.parse(from: &parser)
        if tree.hasError {
            try refuseUnevenlySpacedEquals(tree, map)
            if let first = firstSyntaxError(tree) { throw CellError(first.message, at: map.loc(first.position)) }
        }
        map.chains = try fold(try checkDepth(tree, map), map)
        return (tree, map)
    }

    /// Folds each operator chain by itself (`foldSingle`) rather than rewriting the whole tree
    /// around them (`foldAll`), which rebuilt every node above a chain and left lowering a
    /// second tree to walk. Chains are folded inner before outer, left to right, as `foldAll`
    /// visits them, so the first operator error reported is the one it would report; its
    /// location is the operator's in the cell (`foldAll` counted an outer chain's from the
    /// chain's start once an inner chain had been folded: `a == (b + 1) == c` said 1:3).
    private func fold(_ chains: [Chain], _ map: PositionMap) throws(CellError) -> [Int: ExprSyntax] {
        let ordered = chains.sorted { $0.end != $1.end ? $0.end < $1.end : $0.start > $1.start }
        var folded: [Int: ExprSyntax] = [:]
        var operatorError: (OperatorError, start: Int)?
        for chain in ordered {
            folded[chain.start] = Frontend.operators.foldSingle(chain.sequence) { error in
                if operatorError == nil { operatorError = (error, chain.start) }
            }
        }
        if let (error, start) = operatorError {
            // The chain folded is a tree of its own: its positions count from its start.
            let diagnostic = error.asDiagnostic
            throw CellError(diagnostic.message, at: map.loc(AbsolutePosition(utf8Offset: start + diagnostic.position.utf8Offset)))
        }
        return folded
    }

    /// Swift's standard operators, read back from their declarations' source: a table made in
    /// code (`standardOperators`) has no syntax for its precedence relations, so folding made
    /// a syntax node for every relation it followed, a third of the folding time. Same groups,
    /// operators and errors.
    static let operators: OperatorTable = {
        var table = OperatorTable()
        do { try table.addSourceFile(Parser.parse(source: OperatorTable.standardOperators.description)) }
        catch { return OperatorTable.standardOperators }
        return table
    }()

    /// swift-syntax 602 traps (a Fix-It without changes) making the diagnostics of an `=` that
    /// its lexer finds bound on one side only while both sides' trivia hold a space, as when a
    /// character it skips without counting as space (U+FFFD) touches the `=`:
    /// `let a \u{FFFD}= 1` (found by fuzzing). Such an `=` is reported here, in Swift's words,
    /// before the diagnostics are asked for.
    private func refuseUnevenlySpacedEquals(_ tree: SourceFileSyntax, _ map: PositionMap) throws(CellError) {
        for token in tree.tokens(viewMode: .all) {
            guard case .equalMustHaveConsistentWhitespaceOnBothSides? = token.tokenDiagnostic?.kind else { continue }
            let spaceBefore = token.previousToken(viewMode: .all)?.trailingTrivia.contains { $0.isSpaceOrTab } ?? false
            let spaceAfter = token.trailingTrivia.contains { $0.isSpaceOrTab }
            if spaceBefore && spaceAfter {
                throw CellError("'=' must have consistent whitespace on both sides", at: map.loc(token))
            }
        }
    }

    /// The first syntax error. Diagnostics are made for the first statement that has one:
    /// making them for a whole cell of broken statements costs time quadratic in their number.
    private func firstSyntaxError(_ tree: SourceFileSyntax) -> SwiftDiagnostics.Diagnostic? {
        func firstError(_ node: some SyntaxProtocol) -> SwiftDiagnostics.Diagnostic? {
            ParseDiagnosticsGenerator.diagnostics(for: node).first { $0.diagMessage.severity == .error }
        }
        for item in tree.statements where item.hasError {
            if let error = firstError(item) { return error }
            break
        }
        return firstError(tree)
    }
}
