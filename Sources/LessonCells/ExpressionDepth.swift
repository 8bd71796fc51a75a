@_spi(RawSyntax) import SwiftSyntax

extension Frontend {
    /// An operator chain of the cell, as a tree of its own, and where it starts and ends in
    /// the cell (UTF-8 offsets, trivia included).
    struct Chain {
        let sequence: SequenceExprSyntax
        let start: Int
        let end: Int
    }

    /// Rejects expressions nested more deeply than `SourceLimits.maxExpressionDepth`, walking the
    /// tree with a stack of its own. An operator chain counts one level per operand: folding
    /// turns it into a tree that deep. The error points at the outermost expression. Returns
    /// the operator chains it met, for folding.
    ///
    /// The walk reads swift-syntax's raw nodes, counting offsets itself: making a `Syntax` node
    /// for each node visited cost more than the rest of the walk.
    func checkDepth(_ tree: SourceFileSyntax, _ map: PositionMap) throws(CellError) -> [Chain] {
        let limit = SourceLimits.maxExpressionDepth
        var chains: [Chain] = []
        // Each node with its offset, the depth above it and the outermost expression above it.
        var pending: [(node: RawSyntax, offset: Int, depth: Int, outermost: (node: RawSyntax, offset: Int)?)] = [(tree.raw, tree.position.utf8Offset, 0, nil)]
        while let (node, offset, outer, outermost) = pending.popLast() {
            var depth = outer
            var root = outermost
            if RawExprSyntax.isKindOf(node) {
                depth += 1
                if root == nil { root = (node, offset) }
                if node.kind == .sequenceExpr, let elements = RawSequenceExprSyntax(node)?.elements.layoutView.children {
                    depth += elements.count / 2
                    if let sequence = SequenceExprSyntax(Syntax(raw: node, rawNodeArena: node.arena)) {
                        chains.append(Chain(sequence: sequence, start: offset, end: offset + node.byteLength))
                    }
                }
                if depth > limit, let (outermostNode, outermostOffset) = root {
                    throw CellError(
                        "expression nested too deeply (more than \(limit) levels); split it with intermediate variables",
                        at: map.loc(AbsolutePosition(utf8Offset: outermostOffset + outermostNode.leadingTriviaByteLength)))
                }
            }
            guard let children = node.layoutView?.children else { continue }
            var childOffset = offset
            for child in children {
                guard let child else { continue }
                if !child.isToken { pending.append((child, childOffset, depth, root)) }
                childOffset += child.byteLength
            }
        }
        return chains
    }
}
