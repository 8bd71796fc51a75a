import LessonCache
import LessonCells
import LessonExecution
import LessonModel

/// How `check` treats the cell cache.
public enum CheckCache: Sendable {
    /// Run every page (the default: a check never trusts stored output).
    case fresh
    /// `--cached`: take outputs from matching entries, run the rest; write nothing.
    case cached(CellCache)
    /// `--verify-cache`: run every page and fail on any matching entry that differs from the run.
    case verify(CellCache)
}

/// `--verify-cache`: the cached outputs of a page against a fresh run of it.
enum CacheVerification {
    /// A failed result at each cell whose cached output differs from `fresh`; warnings for
    /// entries that could not be read.
    static func compare(_ fresh: ExecutedDocument, cache: CellCache, limits: ExecutionLimits) -> (blocks: [BlockResult], warnings: [Diagnostic]) {
        let document = fresh.document
        switch cache.lookup(document, key: cache.key(for: document, limits: limits)) {
        case .miss: return ([], [])
        case .unusable(let warning): return ([], [warning])
        case .hit(let cached):
            var blocks: [BlockResult] = []
            for (cell, (stored, produced)) in zip(document.cells, zip(cached, fresh.outputs)) where stored != produced {
                let detail = difference(cached: stored, fresh: produced)
                blocks.append(BlockResult(
                    cellIndex: cell.index, location: cell.codeLocation, produced: produced?.printedText ?? "",
                    mismatches: [Mismatch(.staleCache(detail: detail), at: cell.codeLocation)]))
            }
            return (blocks, [])
        }
    }

    /// The first thing that differs, in a few words.
    static func difference(cached: CellOutput?, fresh: CellOutput?) -> String {
        guard let cached else { return "the cache has no output for this cell, a fresh run has" }
        guard let fresh else { return "the cache has output for this cell, a fresh run did not run it" }
        let cachedLines = cached.printedText.split(separator: "\n", omittingEmptySubsequences: false)
        let freshLines = fresh.printedText.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, (old, new)) in zip(cachedLines, freshLines).enumerated() where old != new {
            return "printed line \(number + 1) is '\(old)' in the cache, '\(new)' in a fresh run"
        }
        if cachedLines.count != freshLines.count {
            return "the cache printed \(cachedLines.count) lines, a fresh run \(freshLines.count)"
        }
        if cached.figures != fresh.figures { return "a figure differs from a fresh run's" }
        if cached.warnings != fresh.warnings { return "a warning differs from a fresh run's" }
        if cached.error != fresh.error { return "the error differs from a fresh run's" }
        return "the output differs from a fresh run's"
    }
}
