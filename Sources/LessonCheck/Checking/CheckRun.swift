import Foundation
import LessonCache
import LessonCells
import LessonDocument
import LessonExecution
import LessonModel

/// What `lectern check` was asked for.
public struct CheckOptions: Sendable {
    /// `--rtol`; `nil` leaves it to each page's front matter, then 1e-5.
    public var relative: Double?
    /// `--atol`; `nil` means 0.
    public var absolute: Double?
    public var precisionAware: Bool
    /// Pages checked at once.
    public var jobs: JobCount
    public var limits: ExecutionLimits
    /// Whether outputs may come from the cell cache, or are compared with it (`--cached`, `--verify-cache`).
    public var cache: CheckCache = .fresh
    /// `--shard i/n`: check only that part of the pages.
    public var shard: Shard?
    /// Where each page's cells run (the command line runs each page in a child process).
    public var isolation: PageIsolation

    public init(
        relative: Double? = nil, absolute: Double? = nil, precisionAware: Bool = true,
        jobs: JobCount = .machine, limits: ExecutionLimits = .default,
        isolation: PageIsolation = .inProcess
    ) {
        self.relative = relative
        self.absolute = absolute
        self.precisionAware = precisionAware
        self.jobs = jobs
        self.limits = limits
        self.isolation = isolation
    }
}

/// Reads, runs and checks pages. Pages are independent (each runs in its own cell session), so
/// they run in parallel; results come back in the order the pages were named.
public enum CheckRun {
    public static func check(_ arguments: [String], options: CheckOptions) -> CheckSummary {
        let pages = plan(arguments, options: options).map({ checkPage($0, options: options) }, failed: { PageResult(path: $0, error: $1) })
        return CheckSummary(pages: pages, shard: options.shard)
    }

    /// The pages of `arguments` in this shard, read, and how they are run.
    static func plan(_ arguments: [String], options: CheckOptions) -> PageRunPlan {
        PageRunPlan(entries: options.shard.map { $0.select(arguments) } ?? PageCollection.pages(named: arguments), options: options)
    }

    public static func checkPage(_ document: Document, options: CheckOptions) -> PageResult {
        let executed: ExecutedDocument
        if case .cached(let cache) = options.cache {
            executed = cache.execute(document, limits: options.limits, isolation: options.isolation, mode: .readOnly)
        } else {
            executed = ExecutedDocument.execute(document, limits: options.limits, isolation: options.isolation)
        }
        let tolerance = PageCheck.tolerance(
            for: document, relative: options.relative, absolute: options.absolute, precisionAware: options.precisionAware)
        var result = PageCheck.check(executed, tolerance: tolerance)
        if case .verify(let cache) = options.cache {
            let (stale, warnings) = CacheVerification.compare(executed, cache: cache, limits: options.limits)
            result.blocks += stale
            result.warnings += warnings
        }
        return result
    }
}
