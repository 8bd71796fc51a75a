import ArgumentParser
import Foundation
import LessonCheck

extension Lectern {
    public struct Bless: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "bless",
            abstract: "Write what cells produce into the pages' output blocks.",
            discussion: """
                Only blocks that fail the check are rewritten (unless --force), and no other byte of the \
                page changes. A page whose cells fail is not written, nor one that is read-only or that \
                changed on disk while bless ran. Symbolic links are written through and hard links kept. \
                Exits 2 when a page cannot be read, parsed, run or written, 64 when the command line is wrong.
                """)

        @Argument(help: "Pages (.md files) or folders of pages.")
        public var pages: [String]

        @Flag(help: "Show a diff of what would change and write nothing.")
        public var dryRun = false

        @Flag(help: "Add an output block after each cell that prints but has none.")
        public var add = false

        @Flag(help: "Rewrite output blocks even where they match within tolerance.")
        public var force = false

        @OptionGroup public var checking: CheckingOptions

        public init() {}

        public func validate() throws {
            if pages.isEmpty { throw ValidationError("name at least one page to bless") }
        }

        /// What the command prints and its exit status; writes pages unless `--dry-run`.
        public func perform() -> (text: String, exitCode: Int32) {
            var blessed = BlessRun.bless(pages, options: checking.checkOptions, blessing: .init(add: add, force: force))
            var lines: [String] = []
            if dryRun { lines += blessed.map(BlessDiff.render).filter { !$0.isEmpty }.map { String($0.dropLast()) } }
            // Summaries come after writing, so a page that could not be written says so instead.
            if !dryRun { blessed = BlessRun.writeReporting(blessed) }
            lines += blessed.map { $0.summaryLine(dryRun: dryRun) }
            if dryRun { lines.append("dry run: nothing written") }
            let failed = blessed.count { $0.error != nil }
            return (lines.joined(separator: "\n") + "\n", failed > 0 ? 2 : 0)
        }

        public func run() throws {
            let (text, exitCode) = perform()
            FileHandle.standardOutput.write(Data(text.utf8))
            if exitCode != 0 { throw ExitCode(exitCode) }
        }
    }
}
