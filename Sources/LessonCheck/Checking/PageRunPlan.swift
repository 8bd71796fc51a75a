import LessonDocument
import LessonExecution
import LessonModel

/// The pages a `check` or `bless` runs, each read once before any of them runs: the front
/// matter read here is what schedules them (`PageSchedule`: how many at once, the longest
/// first), and the page read here is what runs.
struct PageRunPlan: Sendable {
    /// A page as named, and what reading it gave: the page, or why it cannot run.
    struct Page: Sendable {
        var path: String
        var document: Result<Document, Diagnostic>
    }

    var pages: [Page]
    var schedule: PageSchedule

    /// `beforeReading` hears each page's path just before the page is read (on a worker thread).
    init(entries: [PageCollection.Entry], options: CheckOptions, beforeReading: @escaping @Sendable (String) -> Void = { _ in }) {
        // Pages are read on the workers too, as many at once as cores (or `--jobs`): before they
        // are read there are no memory budgets to fit, and a page being read takes little memory.
        pages = ParallelPages.map(count: entries.count, jobs: Self.readers(options.jobs)) { index in
            switch entries[index] {
            case .page(let path):
                beforeReading(path)
                return Page(path: path, document: Result { () throws(Diagnostic) in try Document.load(path: path) })
            case .problem(let path, let diagnostic):
                return Page(path: path, document: .failure(diagnostic))
            }
        }
        schedule = PageSchedule(pages: pages.map { try? $0.document.get().frontMatter.limits }, limits: options.limits, jobs: options.jobs)
    }

    static func readers(_ jobs: JobCount) -> Int {
        switch jobs {
        case .fixed(let count): count
        case .fitting(let cores, _): cores
        }
    }

    /// `run` for each page that was read, `failed` for each that was not, as scheduled; the
    /// results in page order.
    func map<Result: Sendable>(
        _ run: @escaping @Sendable (Document) -> Result, failed: @escaping @Sendable (String, Diagnostic) -> Result
    ) -> [Result] {
        let pages = pages
        return ParallelPages.map(schedule: schedule) { index in
            switch pages[index].document {
            case .success(let document): run(document)
            case .failure(let error): failed(pages[index].path, error)
            }
        }
    }
}
