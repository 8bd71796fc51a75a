import ArgumentParser
import LessonExecution

/// `--jobs N`, shared by `render`, `check` and `bless`: pages run at once.
public struct JobOptions: ParsableArguments {
    // `.unconditional` takes `--jobs -1` as a value, so `validate()` can say why it is wrong.
    @Option(parsing: .unconditional, help: "Pages run at once (default: the number of cores, fewer if the pages' memory budgets exceed the machine's memory).")
    public var jobs: Int?

    public init() {}

    public func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// `--jobs`, else as many pages as the cores and memory allow: each run counts the memory
    /// budgets of the pages it runs, from the front matter it read to run them.
    public var jobCount: JobCount {
        jobs.map(JobCount.fixed) ?? .machine
    }
}
