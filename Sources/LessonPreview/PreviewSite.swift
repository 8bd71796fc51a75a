import Foundation
import LessonCache
import LessonCells
import LessonDocument
import LessonExecution
import LessonModel
import LessonReport

/// The reports preview serves, kept in memory. `refresh` (called by one thread: at start and
/// whenever the watcher sees a change) reruns only pages whose file changed and whose cells,
/// front matter or place changed, then publishes what the server answers with.
final class PreviewSite: @unchecked Sendable {
    /// What a served page needs: its HTML with the reload script, and the version the script waits on.
    struct Served: Sendable {
        var html: String
        var version: String
    }

    private struct Page {
        var path: String
        var name: String
        var fingerprint: FileFingerprint?
        var title: String
        var executed: ExecutedDocument?
        var key: CacheKey?
        /// The located error that stopped the page, or why it could not be read.
        var errorLine: String?
        var report = ""
        var version = 0
    }

    private let inputs: [String]
    private let cache: CellCache?
    private let limits: ExecutionLimits
    private let isolation: PageIsolation
    private let log: @Sendable (String) -> Void
    /// Tells this server's versions from an earlier one's, so a tab left open across a restart reloads.
    private let instance = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)

    // Owned by the refreshing thread.
    private var pages: [String: Page] = [:]
    private var indexReport = ""
    private var indexVersion = 0
    private var lessonKeys: [String] = []

    // Read by request handlers, under `lock`.
    private let lock = NSLock()
    private var served: [String: Served] = [:]
    private var fileNames: [String: String] = [:]

    static let indexName = "index"

    init(inputs: [String], cache: CellCache?, limits: ExecutionLimits, isolation: PageIsolation,
         log: @escaping @Sendable (String) -> Void) {
        self.inputs = inputs
        self.cache = cache
        self.limits = limits
        self.isolation = isolation
        self.log = log
    }

    /// The page served at `fileName` (`index.html`, `<name>.html`), by its page name.
    func name(forFile fileName: String) -> String? {
        lock.withLock { fileNames[fileName] }
    }

    func served(_ name: String) -> Served? {
        lock.withLock { served[name] }
    }

    /// The page names served, in order (the index first).
    var pageCount: Int { lock.withLock { served.count - 1 } }

    /// Brings every report up to date; returns the names whose served page changed.
    @discardableResult
    func refresh() -> [String] {
        var order: [String] = []
        var problems: [String] = []
        var next: [String: Page] = [:]
        var changedReports: Set<String> = []
        var seenNames: [String: String] = [:]
        for entry in PageCollection.pages(named: inputs) {
            switch entry {
            case .problem(let path, let diagnostic):
                problems.append("\(path): \(diagnostic)")
            case .page(let path):
                guard next[path] == nil else { continue }
                let name = PageList.reportName(for: path)
                var page = update(pages[path], path: path, name: name, changed: &changedReports)
                if let other = seenNames[name] {
                    page.errorLine = "error: \(other) and \(path) would both be served as \(ReportRenderer.htmlFileName(for: name)); rename one"
                    page.executed = nil
                    changedReports.insert(path)
                }
                seenNames[name] = seenNames[name] ?? path
                next[path] = page
                order.append(path)
            }
        }
        let lessons = order.compactMap { path in next[path].flatMap { seenNames[$0.name] == path ? ($0.name, $0.title) : nil } }
        // A title, a page or the order changed: every report's navigation may have, so all are remade.
        let remakeAll = lessons.map { "\($0.0)\u{0}\($0.1)" } != lessonKeys
        lessonKeys = lessons.map { "\($0.0)\u{0}\($0.1)" }
        var changedNames: [String] = []
        for path in order {
            guard var page = next[path] else { continue }
            if remakeAll || changedReports.contains(path) || page.version == 0 {
                let report = makeReport(page)
                if report != page.report || page.version == 0 {
                    page.report = report
                    page.version += 1
                    changedNames.append(page.name)
                }
            }
            next[path] = page
        }
        var index = ReportRenderer.index(lessons: lessons, formats: [.html])
        if !problems.isEmpty, let body = index.range(of: "<body>") {
            index.insert(contentsOf: "\n" + PreviewInjection.banner(problems.joined(separator: "\n")), at: body.upperBound)
        }
        if index != indexReport || indexVersion == 0 {
            indexReport = index
            indexVersion += 1
            changedNames.append(Self.indexName)
        }
        pages = next
        publish(order: order)
        return changedNames
    }

    /// The page as it is now: reread only when its file changed, rerun only when its cells did.
    private func update(_ old: Page?, path: String, name: String, changed: inout Set<String>) -> Page {
        let fingerprint = FileFingerprint(path: path)
        if let old, fingerprint != nil, old.fingerprint == fingerprint { return old }
        var page = old ?? Page(path: path, name: name, title: name)
        page.fingerprint = fingerprint
        changed.insert(path)
        let document: Document
        do {
            document = try Document.load(path: path)
        } catch {
            page.errorLine = error.location == nil ? "\(path): \(error)" : error.description
            page.executed = nil
            page.key = nil
            page.title = name
            log(page.errorLine!)
            return page
        }
        document.diagnostics.forEach { log($0.description) }
        let key = (cache ?? CellCache()).key(for: document, limits: limits)
        let started = ContinuousClock.now
        let executed: ExecutedDocument
        if let previous = page.executed, page.key == key {
            executed = ExecutedDocument(document: document, outputs: previous.outputs)
        } else if let cache {
            executed = cache.execute(document, limits: limits, isolation: isolation)
            executed.warnings.forEach { log($0.description) }
        } else {
            executed = ExecutedDocument.execute(document, limits: limits, isolation: isolation)
        }
        page.executed = executed
        page.key = key
        page.title = ReportRenderer.title(of: executed, name: name)
        page.errorLine = executed.firstUnexpectedError?.description
        if let errorLine = page.errorLine {
            log(errorLine)
        } else if old != nil {
            log("rendered \(path) (\(Int(started.duration(to: .now) / .milliseconds(1))) ms)")
        }
        return page
    }

    private func makeReport(_ page: Page) -> String {
        guard let executed = page.executed else {
            return PreviewInjection.errorPage(title: page.title, errorLine: page.errorLine ?? "")
        }
        let (html, warnings) = ReportRenderer.htmlReport(executed, name: page.name)
        warnings.forEach { log($0.description) }
        return html
    }

    private func publish(order: [String]) {
        var served: [String: Served] = [:]
        var fileNames: [String: String] = ["index.html": Self.indexName, "": Self.indexName]
        let indexVersion = "\(instance)-\(self.indexVersion)"
        served[Self.indexName] = Served(html: PreviewInjection.inject(into: indexReport, page: Self.indexName, version: indexVersion), version: indexVersion)
        for path in order {
            guard let page = pages[path], served[page.name] == nil else { continue }
            let version = "\(instance)-\(page.version)"
            let html = PreviewInjection.inject(
                into: page.report, page: page.name, version: version, banner: page.errorLine.map(PreviewInjection.banner))
            served[page.name] = Served(html: html, version: version)
            fileNames[ReportRenderer.htmlFileName(for: page.name)] = page.name
        }
        lock.withLock {
            self.served = served
            self.fileNames = fileNames
        }
    }
}
