import Foundation
import GPT
import NetworkEngine

// `engine-bench gpt`: the chapter's 124M GPT (the GPT library) beside PyTorch 2.13 eager in the
// same run (scripts/bench-gpt.py, when `import torch` works), two threads: building it after
// manualSeed(123), the 2 × 4 batch's forward in training mode (as the chapter prints it), greedy
// generation of 6 tokens in eval mode, and each process's peak resident memory. It also checks the
// chapter's numbers (parameter count, printed logits, generated ids) and exits 1 when they differ;
// `engine-bench gpt-check` does only that (no PyTorch), for CI in a release build.

/// This process's peak resident memory in bytes (Linux reports kilobytes, macOS bytes).
func peakResidentBytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
    #else
    getrusage(RUSAGE_SELF, &usage)
    return usage.ru_maxrss
    #endif
}

func megabytes(_ bytes: Int) -> String { "\(bytes / 1_000_000) MB" }

/// The chapter's facts that differ in this run, one line each (empty when all agree).
func chapterMismatches(_ model: GPTModel, logits: Tensor, generated: Tensor) -> [String] {
    var problems: [String] = []
    let total = model.parameters().reduce(0) { $0 + $1.numel() }
    if total != 163_009_536 { problems.append("\(total) parameters, the chapter has 163,009,536") }
    let path = "Tests/Data/chapter4/gpt-124m-logits.txt"
    if let printed = try? String(contentsOfFile: path, encoding: .utf8) {
        // The whole text, grad_fn included (UnsafeViewBackward0: the head is a Linear without bias).
        let ours = "\(logits)\n"
        if ours != printed {
            problems.append("print(out) differs from the chapter's:\n\(ours)")
        }
    } else {
        problems.append("\(path) not found: run from the repository's root")
    }
    let ids = generated.integers.map(Int.init)
    if ids != [15496, 11, 314, 716, 27018, 24086, 47843, 30961, 42348, 7267] {
        problems.append("generated \(ids), the chapter 15496, 11, 314, 716, 27018, 24086, 47843, 30961, 42348, 7267")
    }
    return problems
}

func gptBench(withPyTorch: Bool) throws {
    try setNumThreads(2)
    // PyTorch first, in its own process, so its peak memory is its own.
    let pytorch = withPyTorch ? pytorchProductFigures("scripts/bench-gpt.py") : [:]

    let buildStart = now(CLOCK_MONOTONIC)
    manualSeed(123)
    let model = try GPTModel(.gpt124M)
    let buildTime = now(CLOCK_MONOTONIC) - buildStart
    let batch = try Tensor(shape: [2, 4], integers: [6109, 3626, 6100, 345, 6109, 1110, 6622, 257])
    // The printed forward comes first (its dropout masks follow the weights' draws).
    let forwardStart = now(CLOCK_MONOTONIC)
    let logits = try model(batch)
    var forwardTime = now(CLOCK_MONOTONIC) - forwardStart
    forwardTime = min(forwardTime, try fastest(rounds: 3) { _ = try model(batch) })

    model.eval()
    let start = try Tensor(shape: [1, 4], integers: [15496, 11, 314, 716])
    let generationStart = now(CLOCK_MONOTONIC)
    let generated = try generateTextSimple(model: model, idx: start, maxNewTokens: 6, contextSize: 1024)
    let generationTime = now(CLOCK_MONOTONIC) - generationStart
    let peak = peakResidentBytes()

    func line(_ name: String, _ seconds: Double, goal: Double, _ key: String) {
        let met = seconds <= goal ? "met" : "not met"
        besidePyTorch(name, seconds, pytorch[key], extra: " (goal ≤ \(milliseconds(goal)): \(met))")
    }
    line("124M GPT: building it after manualSeed(123)", buildTime, goal: 1, "build")
    line("124M GPT: 2 × 4 forward, training mode", forwardTime, goal: 0.1, "forward")
    line("124M GPT: 6-token greedy generation, eval mode", generationTime, goal: 0.6, "generate")
    let theirPeak = pytorch["peak"].map { " (PyTorch \(megabytes(Int($0))), \((($0 / Double(peak)) * 100).rounded() / 100)x ours)" } ?? ""
    print("124M GPT: peak resident memory \(megabytes(peak))\(theirPeak)")

    let problems = chapterMismatches(model, logits: logits, generated: generated)
    if problems.isEmpty {
        print("    the chapter's parameter count, printed logits and generated ids: reproduced")
    } else {
        for problem in problems { print("    MISMATCH: \(problem)") }
        exit(1)
    }
}
