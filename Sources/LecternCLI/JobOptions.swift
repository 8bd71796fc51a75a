import ArgumentParser
import LessonCells
import LessonDocument
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

    /// `--jobs`, else as many of `inputs`' pages as the cores and memory allow, each page at its
    /// own memory budget (front matter, under the command line's `limits`).
    public func count(
        for inputs: [String], limits: ExecutionLimits, cores: Int = ParallelPages.machineCores, memory: Int = ParallelPages.machineMemory
    ) -> Int {
        if let jobs { return jobs }
        let pages = PageCollection.pages(named: inputs).compactMap { entry -> String? in
            if case .page(let path) = entry { return path }
            return nil
        }
        return ParallelPages.defaultJobs(memoryBudgets: ParallelPages.memoryBudgets(of: pages, limits: limits), cores: cores, memory: memory)
    }
}
