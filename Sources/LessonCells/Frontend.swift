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
        try SourceLimits.scan(code, origin: Loc(line: Int32(origin.line), column: Int32(origin.column)))
        // An explicit nesting limit: swift-syntax's default depends on how it was built (20 in
        // debug builds, 256 in release); cells run on a thread with stack for 256.
        var parser = Parser(code, maximumNestingLevel: 256)
        let tree = SourceFileSyntax.parse(from: &parser)
        var map = PositionMap(code, origin: origin)
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
    private func fold(_ chains: [SequenceExprSyntax], _ map: PositionMap) throws(CellError) -> [Int: ExprSyntax] {
        var ordered = chains.map { (chain: $0, start: $0.position.utf8Offset, end: $0.endPosition.utf8Offset) }
        ordered.sort { $0.end != $1.end ? $0.end < $1.end : $0.start > $1.start }
        var folded: [Int: ExprSyntax] = [:]
        var operatorError: OperatorError?
        for (chain, start, _) in ordered {
            folded[start] = Frontend.operators.foldSingle(chain) { error in
                if operatorError == nil { operatorError = error }
            }
        }
        if let operatorError {
            let diagnostic = operatorError.asDiagnostic
            throw CellError(diagnostic.message, at: map.loc(diagnostic.position))
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

    /// Rejects expressions nested more deeply than `SourceLimits.maxExpressionDepth`, walking the
    /// tree with a stack of its own. An operator chain counts one level per operand: folding
    /// turns it into a tree that deep. The error points at the outermost expression. Returns
    /// the operator chains it met, for folding.
    private func checkDepth(_ tree: SourceFileSyntax, _ map: PositionMap) throws(CellError) -> [SequenceExprSyntax] {
        let limit = SourceLimits.maxExpressionDepth
        var chains: [SequenceExprSyntax] = []
        var pending: [(node: Syntax, depth: Int, outermost: Syntax?)] = [(Syntax(tree), 0, nil)]
        while let (node, outer, outermost) = pending.popLast() {
            var depth = outer
            var root = outermost
            if node.is(ExprSyntax.self) {
                depth += 1
                if root == nil { root = node }
                if let sequence = node.as(SequenceExprSyntax.self) {
                    depth += sequence.elements.count / 2
                    chains.append(sequence)
                }
                if depth > limit {
                    throw CellError("expression nested too deeply (more than \(limit) levels); split it with intermediate variables", at: map.loc(root ?? node))
                }
            }
            for child in node.children(viewMode: .sourceAccurate) where child.as(TokenSyntax.self) == nil {
                pending.append((child, depth, root))
            }
        }
        return chains
    }
}
