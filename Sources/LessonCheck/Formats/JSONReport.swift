import Foundation
import LessonModel

/// Machine-readable results: every page, block and mismatch with its location. Keys are sorted,
/// so the bytes are stable. A number mismatch's `relativeDifference` is always a JSON number, or
/// `null` when it is infinite or undefined (a published 0, `inf` or `nan`): one type for scripts.
enum JSONReport {
    static func render(_ summary: CheckSummary) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(Report(summary)) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    struct Report: Encodable {
        var passed: Int
        var failed: Int
        var errors: Int
        var pages: [Page]
        /// `2/4` with `--shard 2/4`; absent otherwise.
        var shard: String?

        init(_ summary: CheckSummary) {
            shard = summary.shard?.description
            passed = summary.passedCount
            failed = summary.failedCount
            errors = summary.errorCount
            pages = summary.pages.map(Page.init)
        }
    }

    struct Page: Encodable {
        var path: String
        var passed: Int
        var failed: Int
        var error: Message?
        var blocks: [BlockEntry]
        var unchecked: [Place]
        var warnings: [Message]

        init(_ page: PageResult) {
            path = page.path
            passed = page.passedCount
            failed = page.failedCount
            error = page.error.map(Message.init)
            blocks = page.blocks.map(BlockEntry.init)
            unchecked = page.uncheckedBlocks.map(Place.init)
            warnings = page.warnings.map(Message.init)
        }
    }

    struct BlockEntry: Encodable {
        var cell: Int
        var line: Int
        var column: Int
        var status: String
        var mismatches: [MismatchEntry]

        init(_ block: BlockResult) {
            cell = block.cellIndex
            line = block.location.line
            column = block.location.column
            status = block.passed ? "passed" : "failed"
            mismatches = block.mismatches.map(MismatchEntry.init)
        }
    }

    struct MismatchEntry: Encodable {
        var kind: String
        var line: Int
        var column: Int
        var message: String
        var expected: String?
        var produced: String?
        var relativeDifference: FiniteNumber?
        var diff: [String]?

        init(_ mismatch: Mismatch) {
            line = mismatch.location.line
            column = mismatch.location.column
            message = mismatch.summary
            switch mismatch.kind {
            case .number(let e, let p, let difference):
                kind = "number"
                expected = e
                produced = p
                relativeDifference = FiniteNumber(value: difference)
            case .text(let e, let p):
                kind = "text"
                expected = e
                produced = p
            case .lines(_, _, let lines):
                kind = "lines"
                diff = lines
            case .errorNotRaised:
                kind = "error-not-raised"
            case .staleCache:
                kind = "stale-cache"
            }
        }
    }

    /// A number, written as `null` when it is not finite (JSON has no infinity or NaN).
    struct FiniteNumber: Encodable {
        var value: Double

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        }
    }

    struct Message: Encodable {
        var message: String
        var line: Int?
        var column: Int?

        init(_ diagnostic: Diagnostic) {
            message = diagnostic.message
            line = diagnostic.location?.line
            column = diagnostic.location?.column
        }
    }

    struct Place: Encodable {
        var line: Int
        var column: Int

        init(_ location: SourceLocation) {
            line = location.line
            column = location.column
        }
    }
}
