import Foundation

extension ParallelPages {
    /// Pages run at once by default: one per core, and no more than `memory` holds when the
    /// pages with the largest memory budgets run together (two 124M GPT pages at 1.5 GB each
    /// fit where three do not). A page with no room even alone still runs, one at a time.
    public static func defaultJobs(memoryBudgets: [Int], cores: Int = machineCores, memory: Int = machineMemory) -> Int {
        guard !memoryBudgets.isEmpty else { return max(1, cores) }
        var jobs = 0
        var total = 0
        for budget in memoryBudgets.sorted(by: >).prefix(max(1, cores)) {
            let budget = max(budget, 0)
            total = total > Int.max - budget ? Int.max : total + budget
            guard total <= memory else { break }
            jobs += 1
        }
        return max(1, jobs)
    }

    public static var machineCores: Int { ProcessInfo.processInfo.activeProcessorCount }
    public static var machineMemory: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory) }
}
