import ArgumentParser
import LessonCache
import LessonExecution
import LessonModel
import LessonReport

extension Lectern {
    public struct Render: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Run lesson pages and write their HTML and Markdown reports.",
            discussion: """
                For each page NAME.md this writes OUTPUT/NAME.html (one self-contained file) and \
                OUTPUT/NAME.md (GitHub-flavoured Markdown, with its charts in OUTPUT/NAME/figure-N.svg), \
                then the contents as OUTPUT/index.html (and index.md). A folder stands for the .md pages in it.

                A folder's _toc.yml lists its pages in reading order, with their numbers (see \
                docs/page-format.md): the contents follow it, and each report links the pages \
                before and after it. Pages it does not list are rendered last, with a warning.

                Each page's cell outputs are kept in .lectern/cache/, keyed by a hash of its cells, \
                front matter, limits and this lectern build: a page whose key is unchanged is not \
                run again (--no-cache runs every page and leaves the cache alone).

                When a cell fails, the report still shows everything up to and including the error, \
                and the command exits non-zero unless --allow-errors is given.

                Examples:
                  lectern render notebooks
                  lectern render notebooks/shortcut-connections.md --to html
                  lectern render notebooks --output-dir site --allow-errors
                """)

        @Argument(help: ArgumentHelp("Lesson pages (.md) or folders of pages.", valueName: "page-or-folder"))
        var inputs: [String]

        @Option(name: .customLong("to"), help: ArgumentHelp("Report formats, comma-separated.", valueName: "html,md"))
        var formats = "html,md"

        @Option(help: "The folder reports are written to.")
        var outputDir = "output"

        @Flag(help: "Exit 0 even when a cell fails (the report shows the error either way).")
        var allowErrors = false

        @Flag(help: "Run every page, neither reading nor writing the cell cache (.lectern/cache).")
        var noCache = false

        @OptionGroup var parallel: JobOptions

        @OptionGroup var budget: LimitOptions

        public init() {}

        public func validate() throws {
            guard !inputs.isEmpty else { throw ValidationError("name at least one page or folder, e.g. 'lectern render notebooks'") }
            do {
                _ = try ReportFormat.parseList(formats)
            } catch {
                throw ValidationError(error.message)
            }
        }

        public func run() throws {
            let isolation = Lectern.pageIsolation
            var job = RenderJob(inputs: inputs, formats: (try? ReportFormat.parseList(formats)) ?? [.html, .md],
                                outputFolder: outputDir, allowErrors: allowErrors,
                                limits: budget.executionLimits, jobs: parallel.jobCount,
                                execute: { ExecutedDocument.execute($0, limits: $1, isolation: isolation) })
            if !noCache {
                let cache = CellCache()
                job.execute = { cache.execute($0, limits: $1, isolation: isolation) }
            }
            let outcome = job.run(report: StandardStreams.errorLine)
            if outcome.failed { throw ExitCode.failure }
        }
    }
}
