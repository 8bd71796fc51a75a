import ArgumentParser
import LessonDocument
import LessonExecution
import LessonReport

extension Lectern {
    public struct Run: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run one lesson page and print each cell's output.",
            discussion: """
                Cells run in page order in one environment, as in a notebook. What they print goes to \
                standard output; warnings and errors go to standard error as FILE:LINE:COLUMN messages. \
                The command exits non-zero when a cell fails that is not marked `error`.

                Examples:
                  lectern run notebooks/shortcut-connections.md
                  lectern run notebooks/shortcut-connections.md 2>/dev/null
                """)

        @Argument(help: "The lesson page (.md) to run.")
        var page: String

        @OptionGroup var budget: LimitOptions

        public init() {}

        public func run() throws {
            let document: Document
            do {
                document = try Document.load(path: page)
            } catch {
                StandardStreams.errorLine(error.description)
                throw ExitCode.failure
            }
            document.diagnostics.forEach { StandardStreams.errorLine($0.description) }
            let executed = ExecutedDocument.execute(document, limits: budget.executionLimits)
            RunTranscript.write(executed, output: StandardStreams.output, errors: StandardStreams.error)
            if executed.firstUnexpectedError != nil { throw ExitCode.failure }
        }
    }
}
