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

    /// `beforeReading` hears each page's path just before the page is read.
    init(entries: [PageCollection.Entry], options: CheckOptions, beforeReading: (String) -> Void = { _ in }) {
        pages = entries.map { entry in
            switch entry {
            case .page(let path):
                beforeReading(path)
                return Page(path: path, document: Result { () throws(Diagnostic) in try Document.load(path: path) })
            case .problem(let path, let diagnostic):
                return Page(path: path, document: .failure(diagnostic))
            }
        }
        schedule = PageSchedule(pages: pages.map { try? $0.document.get().frontMatter.limits }, limits: options.limits, jobs: options.jobs)
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
