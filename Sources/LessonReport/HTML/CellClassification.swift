import SwiftIDEUtils
import SwiftSyntax

/// The ranges SwiftIDEUtils' `classifications` reports for a syntax tree, computed the same way
/// (a token's kind, overridden by the role its nearest classifying ancestor gives it; comments
/// in trivia; adjacent ranges of one kind merged) without its per-node key-path tables.
/// Building those tables scans the runtime's conformance records on first use and re-creates
/// key paths for every node: it cost more than all the rest of a report's HTML.
/// Tests compare the two on every lesson's cells and on the rarer constructs.
struct CellClassification {
    struct Range: Equatable {
        var kind: SyntaxClassification
        var start: Int
        var end: Int
    }

    /// A contextual classification; `force` colours the whole child, not just its identifiers.
    private typealias Context = (kind: SyntaxClassification, force: Bool)

    private(set) var ranges: [Range] = []

    init(_ tree: some SyntaxProtocol) {
        visit(Syntax(tree), context: nil)
    }

    private mutating func visit(_ node: Syntax, context: Context?) {
        if let token = node.as(TokenSyntax.self) {
            classify(token, context: context)
            return
        }
        for child in node.children(viewMode: .all) {
            let own = Self.context(of: child, in: node)
            if let own, own.force {
                classify(child.leadingTrivia, at: child.position.utf8Offset)
                report(own.kind, child.positionAfterSkippingLeadingTrivia.utf8Offset,
                       child.endPositionBeforeTrailingTrivia.utf8Offset)
                classify(child.trailingTrivia, at: child.endPositionBeforeTrailingTrivia.utf8Offset)
                continue
            }
            // Source-accurate view: tokens the parser only inferred are not in the text.
            if let token = child.as(TokenSyntax.self), token.presence == .missing { continue }
            visit(child, context: own ?? context)
        }
    }

    private mutating func classify(_ token: TokenSyntax, context: Context?) {
        classify(token.leadingTrivia, at: token.position.utf8Offset)
        let start = token.positionAfterSkippingLeadingTrivia.utf8Offset
        let end = token.endPositionBeforeTrailingTrivia.utf8Offset
        let kind = token.tokenKind
        if let context, context.force || Self.isIdentifier(kind) {
            report(context.kind, start, end)
        } else {
            report(Self.contextFree(kind, text: token.text), start, end)
        }
        classify(token.trailingTrivia, at: end)
    }

    private mutating func classify(_ trivia: Trivia, at offset: Int) {
        var offset = offset
        for piece in trivia {
            let length = piece.sourceLength.utf8Length
            let kind: SyntaxClassification = switch piece {
            case .lineComment: .lineComment
            case .blockComment: .blockComment
            case .docLineComment: .docLineComment
            case .docBlockComment: .docBlockComment
            default: .none
            }
            report(kind, offset, offset + length)
            offset += length
        }
    }

    private mutating func report(_ kind: SyntaxClassification, _ start: Int, _ end: Int) {
        if kind == .none && start == end { return }
        if let last = ranges.last, last.kind == kind, last.end == start {
            ranges[ranges.count - 1].end += end - start
            return
        }
        ranges.append(Range(kind: kind, start: start, end: end))
    }

    private static func isIdentifier(_ kind: TokenKind) -> Bool {
        if case .identifier = kind { true } else { false }
    }

    /// The role a parent gives one of its children, as SwiftIDEUtils' table names it.
    private static func context(of child: Syntax, in parent: Syntax) -> Context? {
        let id = child.id
        switch parent.kind {
        case .attribute:
            return parent.cast(AttributeSyntax.self).attributeName.id == id ? (.attribute, true) : nil
        case .platformVersionItem:
            return parent.cast(PlatformVersionItemSyntax.self).platformVersion.id == id ? (.keyword, false) : nil
        case .platformVersion:
            return parent.cast(PlatformVersionSyntax.self).platform.id == id ? (.keyword, false) : nil
        case .declModifier:
            return parent.cast(DeclModifierSyntax.self).name.id == id ? (.attribute, false) : nil
        case .ifConfigClause:
            let clause = parent.cast(IfConfigClauseSyntax.self)
            return clause.poundKeyword.id == id || clause.condition?.id == id ? (.ifConfigDirective, false) : nil
        case .ifConfigDecl:
            return parent.cast(IfConfigDeclSyntax.self).poundEndif.id == id ? (.ifConfigDirective, false) : nil
        case .memberType:
            return parent.cast(MemberTypeSyntax.self).name.id == id ? (.type, false) : nil
        case .operatorDecl:
            return parent.cast(OperatorDeclSyntax.self).name.id == id ? (.operator, false) : nil
        case .precedenceGroupAssociativity:
            return parent.cast(PrecedenceGroupAssociativitySyntax.self).associativityLabel.id == id
                ? (.keyword, false) : nil
        case .precedenceGroupRelation:
            return parent.cast(PrecedenceGroupRelationSyntax.self).higherThanOrLowerThanLabel.id == id
                ? (.keyword, false) : nil
        case .identifierType:
            return parent.cast(IdentifierTypeSyntax.self).name.id == id ? (.type, false) : nil
        case .functionParameter:
            return parent.cast(FunctionParameterSyntax.self).firstName.id == id ? (.argumentLabel, false) : nil
        case .labeledExpr:
            return parent.cast(LabeledExprSyntax.self).label?.id == id ? (.argumentLabel, false) : nil
        default:
            return nil
        }
    }

    /// A token's own classification, before any parent's role.
    private static func contextFree(_ kind: TokenKind, text: String) -> SyntaxClassification {
        switch kind {
        case .unknown where text.hasPrefix("\""): .stringLiteral
        case .identifier where text.hasPrefix("<#") && text.hasSuffix("#>"): .editorPlaceholder
        case .atSign: .attribute
        case .binaryOperator, .postfixOperator, .prefixOperator: .operator
        case .dollarIdentifier: .dollarIdentifier
        case .floatLiteral: .floatLiteral
        case .identifier: .identifier
        case .integerLiteral: .integerLiteral
        case .keyword, .poundSourceLocation: .keyword
        case .multilineStringQuote, .singleQuote, .stringQuote, .stringSegment: .stringLiteral
        case .poundElse, .poundElseif, .poundEndif, .poundIf: .ifConfigDirective
        case .regexLiteralPattern, .regexPoundDelimiter, .regexSlash: .regexLiteral
        default: .none
        }
    }
}
