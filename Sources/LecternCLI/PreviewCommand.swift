import ArgumentParser
import LessonCache
import LessonPreview
import LessonReport

extension Lectern {
    public struct Preview: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "preview",
            abstract: "Serve the pages' reports on 127.0.0.1 and reload them as the pages change.",
            discussion: """
                Renders the pages (using the cell cache, as render does), prints the address and \
                serves the reports there, index included; it opens nothing by itself. A saved page is \
                rerun and the browser tab showing it reloads; a page that fails shows its located \
                error. Reports served this way carry a small reload script; files `render` writes \
                never do. Ctrl-C stops.

                Examples:
                  lectern preview notebooks
                  lectern preview notebooks/shortcut-connections.md --port 8000
                """)

        @Argument(help: ArgumentHelp("Lesson pages (.md) or folders of pages.", valueName: "page-or-folder"))
        var inputs: [String] = ["notebooks"]

        @Option(help: "The port on 127.0.0.1 to serve on (0 takes a free one).")
        var port: Int = Int(PreviewServer.defaultPort)

        @Flag(help: "Run every page, neither reading nor writing the cell cache (.lectern/cache).")
        var noCache = false

        @Flag(help: "Look for changes by polling instead of inotify.")
        var poll = false

        @OptionGroup var budget: LimitOptions

        public init() {}

        public func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
        }

        public func run() throws {
            let server = PreviewServer(
                inputs: inputs, port: UInt16(port), cache: noCache ? nil : CellCache(),
                limits: budget.executionLimits, isolation: Lectern.pageIsolation, polling: poll,
                log: { StandardStreams.errorLine($0) })
            do {
                try server.serveUntilInterrupted { bound in
                    StandardStreams.output("Previewing at http://127.0.0.1:\(bound)/ (watching by \(server.watchMethod); Ctrl-C stops)\n")
                }
            } catch {
                StandardStreams.errorLine(error.description)
                throw ExitCode.failure
            }
            StandardStreams.output("stopped\n")
        }
    }
}
