import LessonCells
import LessonDocument
import LessonExecution
import LessonModel

/// `lectern render` as library code: find the pages, run each, write its reports, write the
/// index. Messages go to `report` (one line each); the result says whether the command failed.
public struct RenderJob {
    public var inputs: [String]
    public var formats: Set<ReportFormat>
    public var outputFolder: String
    /// Cell errors still produce a report; with this set they do not fail the command.
    public var allowErrors: Bool
    /// The run's limits (defaults under the command line's); each page's front matter goes
    /// over them. `execute` is handed them, and the schedule ranks pages by them.
    public var limits: ExecutionLimits
    /// How a page's cells run under the run's `limits`; tests substitute hand-made outputs.
    /// Called from worker threads when more than one page runs at once.
    public var execute: @Sendable (Document, ExecutionLimits) -> ExecutedDocument
    /// Pages run at once. Reports, messages and the index come out in page order whatever
    /// finishes first.
    public var jobs: JobCount

    public init(
        inputs: [String], formats: Set<ReportFormat> = [.html, .md], outputFolder: String = "output",
        allowErrors: Bool = false, limits: ExecutionLimits = .default, jobs: JobCount = 1,
        execute: @escaping @Sendable (Document, ExecutionLimits) -> ExecutedDocument = { ExecutedDocument.execute($0, limits: $1) }
    ) {
        self.inputs = inputs
        self.formats = formats
        self.outputFolder = outputFolder
        self.allowErrors = allowErrors
        self.limits = limits
        self.jobs = jobs
        self.execute = execute
    }

    public struct Outcome {
        /// Paths written, relative to the output folder, in the order written.
        public var written: [String] = []
        public var failed = false
    }

    /// Runs the job; `report` receives each diagnostic and problem as one line.
    public func run(report: (String) -> Void) -> Outcome {
        var outcome = Outcome()
        let pages: [String]
        let folder: OutputFolder
        let plan: ChapterPlan
        var loaded: [String: Result<Document, Diagnostic>] = [:]
        do {
            pages = try PageList.pages(in: inputs)
            try checkNamesAreDistinct(pages)
            let contents = try ChapterDiscovery.contents(for: inputs, report: report)
            let others = ChapterDiscovery.unlistedPages(contents: contents, rendered: pages, inputs: inputs, report: report)
            for page in pages { loaded[page] = Result { () throws(Diagnostic) in try Document.load(path: page) } }
            plan = ChapterPlan(contents: contents, others: others) { path in
                let name = PageList.reportName(for: path)
                guard let loadedPage = loaded[path] else {
                    // A page this render does not write still needs its title for the links to it.
                    return PageHeading.title(ofPageAt: path, name: name)
                }
                return loadedPage.success.map { PageHeading($0, name: name).title } ?? name
            }
            try checkNamesAreDistinct(plan.pages.map(\.path))
            folder = try OutputFolder(path: outputFolder)
            try checkReportsSpareThePages(pages)
        } catch {
            report(error.description)
            outcome.failed = true
            return outcome
        }
        var renderedAny = false
        // Every page to render was loaded above.
        let documents = pages.map { loaded[$0]! }
        let (execute, limits) = (execute, limits)
        // Pages run in parallel, those with the largest time budgets (the GPT pages) started first;
        // each is reported and written here, in page order.
        let schedule = PageSchedule(pages: documents.map { $0.success?.frontMatter.limits }, limits: limits, jobs: jobs)
        ParallelPages.forEach(schedule: schedule, { index in documents[index].success.map { execute($0, limits) } }) { index, executed in
            let document: Document
            switch documents[index] {
            case .success(let loadedDocument): document = loadedDocument
            case .failure(let error):
                report(error.description)
                outcome.failed = true
                return
            }
            guard let executed else { return }
            if write(executed, name: PageList.reportName(for: pages[index]), diagnostics: document.diagnostics, to: folder, plan: plan, outcome: &outcome, report: report) {
                renderedAny = true
            }
        }
        // The index is written whatever the formats: with `--to md` it links the Markdown reports.
        if renderedAny {
            _ = write(ReportRenderer.indexFiles(plan, formats: formats), to: folder, outcome: &outcome, report: report)
        }
        return outcome
    }

    /// Reports one executed page's messages and writes its reports; false when a write failed.
    private func write(
        _ executed: ExecutedDocument, name: String, diagnostics: [Diagnostic], to folder: OutputFolder, plan: ChapterPlan,
        outcome: inout Outcome, report: (String) -> Void
    ) -> Bool {
        diagnostics.forEach { report($0.description) }
        executed.warnings.forEach { report($0.description) }
        if let error = executed.firstUnexpectedError {
            report(error.description)
            if !allowErrors { outcome.failed = true }
        }
        let (files, warnings) = ReportRenderer.report(executed, name: name, formats: formats, navigation: plan.navigation(for: name))
        warnings.forEach { report($0.description) }
        guard write(files, to: folder, outcome: &outcome, report: report) else { return false }
        let figureNames = Set(files.map(\.relativePath).filter { $0.hasPrefix(name + "/") }.map { String($0.dropFirst(name.count + 1)) })
        folder.removeStaleFigures(in: name, keeping: figureNames)
        return true
    }

    /// Writes `files` in order, stopping at the first that fails; false when one did.
    private func write(_ files: [ReportFile], to folder: OutputFolder, outcome: inout Outcome, report: (String) -> Void) -> Bool {
        do {
            for file in files {
                try folder.write(file)
                outcome.written.append(file.relativePath)
            }
            return true
        } catch {
            report(error.description)
            outcome.failed = true
            return false
        }
    }

    /// `--output-dir notebooks` would write `notebooks/x.md` over the page it came from.
    private func checkReportsSpareThePages(_ pages: [String]) throws(RenderFailure) {
        guard formats.contains(.md) else { return }
        for page in pages {
            let report = outputFolder + "/" + PageList.reportName(for: page) + ".md"
            if FileIdentity.same(page, report) {
                throw RenderFailure("the Markdown report \(report) would overwrite the page \(page); choose another --output-dir")
            }
        }
    }

    /// Two pages named alike in different folders would overwrite each other's reports, and a
    /// page named `index.md` would overwrite the lesson index (or be overwritten by it).
    private func checkNamesAreDistinct(_ pages: [String]) throws(RenderFailure) {
        var seen: [String: String] = [:]
        for page in pages {
            let name = PageList.reportName(for: page)
            if PageList.isReservedReportName(name) {
                throw RenderFailure(
                    "\(page) would be written as \(outputFolder)/\(name).html, the name of the lesson index; rename the page (e.g. introduction.md)")
            }
            if let other = seen[name], other != page {
                throw RenderFailure("\(other) and \(page) would both be written as \(outputFolder)/\(name).*; rename one")
            }
            seen[name] = page
        }
    }
}
