import ArgumentParser
import Foundation
import LessonCheck
import LessonExecution

extension CheckFormat: ExpressibleByArgument {}

/// How pages are run and compared (`--rtol`, `--atol`, `--exact-digits`, `--jobs`), shared by `check` and `bless`.
public struct CheckingOptions: ParsableArguments {
    // `.unconditional` takes the next word as the value even when it starts with `-`, so
    // `--rtol -1` reaches `validate()` and is told why, instead of "Missing value".
    @Option(parsing: .unconditional, help: "Relative tolerance for numbers (default: the page's front-matter tolerance, else 1e-5; a block's own 'output rtol=' wins).")
    public var rtol: Double?

    @Option(parsing: .unconditional, help: "Absolute tolerance added to the relative one (default: 0; a block's own 'output atol=' wins).")
    public var atol: Double?

    @Flag(help: "Compare published numbers as exact values even when written with few digits (0.0002 then means 0.0002, not anything that rounds to it).")
    public var exactDigits = false

    @OptionGroup public var parallel: JobOptions

    @OptionGroup public var budget: LimitOptions

    public init() {}

    public func validate() throws {
        for (name, value) in [("--rtol", rtol), ("--atol", atol)] {
            if let value, !(value.isFinite && value >= 0) { throw ValidationError("\(name) must be a number ≥ 0, not \(value)") }
        }
    }

    /// The options for checking or blessing pages.
    var checkOptions: CheckOptions {
        var options = CheckOptions(relative: rtol, absolute: atol, precisionAware: !exactDigits, isolation: Lectern.pageIsolation)
        options.limits = budget.executionLimits
        options.jobs = parallel.jobCount
        return options
    }
}

extension Lectern {
    public struct Check: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Rerun pages and compare every output block with what its cell prints.",
            discussion: "Exits 0 when every block matches, 1 when any differs, 2 when a page cannot be read, parsed or run, 64 when the command line is wrong.")

        @Argument(help: "Pages (.md files) or folders of pages.")
        public var pages: [String]

        @OptionGroup public var checking: CheckingOptions

        @Option(help: "Report as text, json, junit or github (workflow annotations).")
        public var format: CheckFormat = .text

        @OptionGroup public var caching: CheckCacheOptions

        public init() {}

        public func validate() throws {
            if pages.isEmpty { throw ValidationError("name at least one page or folder to check") }
        }

        /// The report and the exit status, without printing (what tests call).
        public func report() -> (text: String, exitCode: Int32) {
            var options = checking.checkOptions
            caching.apply(to: &options)
            let summary = CheckRun.check(pages, options: options)
            return (format.render(summary), summary.exitCode)
        }

        public func run() throws {
            let (text, exitCode) = report()
            FileHandle.standardOutput.write(Data(text.utf8))
            if exitCode != 0 { throw ExitCode(exitCode) }
        }
    }
}
