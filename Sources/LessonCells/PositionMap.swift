import LessonModel
import SwiftSyntax

extension Frontend {
    /// Maps positions in a cell (UTF-8 offsets) to page locations: lines shift by the cell's first
    /// line, columns by the fence's indentation. Lines end where swift-syntax's
    /// `SourceLocationConverter` ends them (LF, CR, CR LF) and columns count UTF-8 bytes as it
    /// does, but the line ends are read from the code's bytes: the converter walked the whole
    /// tree to find them.
    struct PositionMap {
        let origin: LessonModel.SourceLocation
        /// The offset just past each line break, in order.
        private let lineEnds: [Int]
        private let length: Int
        /// The cell's operator chains (`SequenceExprSyntax`), folded, by the UTF-8 offset in the
        /// cell where each starts (leading trivia included). A folded chain is a tree of its own:
        /// its positions count from that offset (see `Lowering.loc`).
        var chains: [Int: ExprSyntax] = [:]

        init(_ code: String, origin: LessonModel.SourceLocation) {
            self.origin = origin
            var ends: [Int] = []
            var offset = 0
            var afterCR = false
            for byte in code.utf8 {
                offset += 1
                if byte == UInt8(ascii: "\n") {
                    // CR LF is one line break, ending after the LF.
                    if afterCR { ends[ends.count - 1] = offset } else { ends.append(offset) }
                } else if byte == UInt8(ascii: "\r") {
                    ends.append(offset)
                }
                afterCR = byte == UInt8(ascii: "\r")
            }
            lineEnds = ends
            length = offset
        }

        func loc(_ position: AbsolutePosition) -> Loc {
            let offset = min(max(position.utf8Offset, 0), length)
            // The line is the number of line ends at or before the offset.
            var low = 0
            var high = lineEnds.count
            while low < high {
                let mid = (low + high) / 2
                if offset < lineEnds[mid] { high = mid } else { low = mid + 1 }
            }
            let lineStart = low == 0 ? 0 : lineEnds[low - 1]
            return Loc(line: Int32(origin.line + low), column: Int32(origin.column + offset - lineStart))
        }

        func loc(_ node: some SyntaxProtocol) -> Loc {
            loc(node.positionAfterSkippingLeadingTrivia)
        }
    }
}
