import LessonDocument
import LessonExecution
import LessonModel

/// Reads, runs and blesses pages (in parallel, results in the order named), then writes them.
public enum BlessRun {
    public static func bless(_ arguments: [String], options: CheckOptions, blessing: Blessing.Options) -> [BlessedPage] {
        PageRunPlan(entries: PageCollection.pages(named: arguments), options: options, beforeReading: AtomicFile.removeStaleTemporaries(of:))
            .map({ blessPage($0, options: options, blessing: blessing) }, failed: { BlessedPage(path: $0, original: [], error: $1) })
    }

    static func blessPage(_ document: Document, options: CheckOptions, blessing: Blessing.Options) -> BlessedPage {
        let executed = ExecutedDocument.execute(document, limits: options.limits, isolation: options.isolation)
        let tolerance = PageCheck.tolerance(
            for: document, relative: options.relative, absolute: options.absolute, precisionAware: options.precisionAware)
        return Blessing.bless(executed, tolerance: tolerance, options: blessing)
    }

    /// Writes each page that has changes and no error; returns the pages that could not be written.
    public static func write(_ pages: [BlessedPage]) -> [Diagnostic] {
        writeReporting(pages).compactMap { $0.writeFailed ? $0.error : nil }
    }

    /// Writes each page that has changes and no error, and returns the pages as they now stand:
    /// a page that could not be written carries that error instead of its changes, so what is
    /// reported is what happened. A page changed on disk since it was read is not written.
    public static func writeReporting(_ pages: [BlessedPage]) -> [BlessedPage] {
        pages.map { page in
            guard page.error == nil, !page.changes.isEmpty else { return page }
            do throws(Diagnostic) {
                try AtomicFile.write(page.blessed, to: page.path, expecting: page.original)
                return page
            } catch {
                var failed = page
                failed.error = error
                failed.writeFailed = true
                return failed
            }
        }
    }
}
