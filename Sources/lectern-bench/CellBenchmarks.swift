import Foundation
import LessonCells
import LessonModel

/// Benchmarks for the cell stage: the shortcut-connections lesson's cells end to end (parse,
/// lower, evaluate, both models, printing), and a numeric loop beside CPython running the same.
func cellBenchmarks() {
    print("== cells ==")
    let lessonMilliseconds = median(runs: 30) { runShortcutLesson() }
    print("shortcut lesson, all cells (parse + lower + run): \(format(lessonMilliseconds)) ms   (goal <= 5 ms)")

    let loop = "var s = 0.0\nfor i in 0..<1_000_000 { s += Double(i) * 0.5 }\nprint(s)"
    let loopMilliseconds = median(runs: 5) {
        let output = CellSession().run(CellSource(code: loop, location: SourceLocation(file: "bench.md", line: 1, column: 1)))
        precondition(output.printedText == "249999750000.0\n", "loop printed \(output.printedText)")
    }
    let python = pythonLoopMilliseconds()
    print("1M-iteration Double loop: \(format(loopMilliseconds)) ms   CPython: \(python.map(format) ?? "n/a (python3 not found)") ms   (goal: no slower than CPython)")
}

/// The lesson's cells: its composed GELU, the network with optional shortcuts, and the
/// gradient printout for the model without and the model with shortcuts.
private let lessonCells = [
    """
    import NetworkEngine

    struct GELU: Module {
        func callAsFunction(_ x: Tensor) -> Tensor {
            0.5 * x * (1 + tanh(sqrt(Tensor(2.0 / Double.pi)) * (x + 0.044715 * pow(x, 3))))
        }
    }
    """,
    """
    struct ExampleDeepNeuralNetwork: Module {
        var layers: [Sequential]
        let useShortcut: Bool

        init(layerSizes: [Int], useShortcut: Bool) {
            self.useShortcut = useShortcut
            layers = (0..<layerSizes.count - 1).map { i in
                Sequential(Linear(layerSizes[i], layerSizes[i + 1]), GELU())
            }
        }

        func callAsFunction(_ input: Tensor) -> Tensor {
            var x = input
            for layer in layers {
                let output = layer(x)
                x = useShortcut && x.shape == output.shape ? x + output : output
            }
            return x
        }
    }
    """,
    """
    let layerSizes = [3, 3, 3, 3, 3, 1]
    let sampleInput = Tensor([[1.0, 0.0, -1.0]])
    manualSeed(123)
    let modelWithoutShortcut = ExampleDeepNeuralNetwork(layerSizes: layerSizes, useShortcut: false)

    func printGradients(_ model: Module, _ x: Tensor) {
        let output = model(x)
        let loss = mseLoss(output, Tensor([[0.0]]))
        loss.backward()
        for (name, parameter) in model.namedParameters() where name.hasSuffix("weight") {
            print("\\(name) has gradient mean of \\(parameter.grad!.abs().mean().item())")
        }
    }
    printGradients(modelWithoutShortcut, sampleInput)
    """,
    """
    manualSeed(123)
    let modelWithShortcut = ExampleDeepNeuralNetwork(layerSizes: layerSizes, useShortcut: true)
    printGradients(modelWithShortcut, sampleInput)
    """,
]

private func runShortcutLesson() {
    let session = CellSession()
    var line = 1
    for code in lessonCells {
        let output = session.run(CellSource(code: code, location: SourceLocation(file: "shortcut-connections.md", line: line, column: 1)))
        precondition(output.error == nil, "lesson cell failed: \(output.error!)")
        line += code.split(separator: "\n", omittingEmptySubsequences: false).count + 4
    }
}

/// Median wall-clock milliseconds of `runs` calls (after one warm-up call).
private func median(runs: Int, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        body()
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
    }
    return times.sorted()[times.count / 2]
}

/// The same loop in CPython, timed by `timeit` (best of 5), in milliseconds.
private func pythonLoopMilliseconds() -> Double? {
    let script = """
    import timeit
    def loop():
        s = 0.0
        for i in range(1_000_000):
            s += float(i) * 0.5
        return s
    print(min(timeit.repeat(loop, number=1, repeat=5)) * 1000)
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

private func format(_ milliseconds: Double) -> String {
    String(format: "%.2f", milliseconds)
}
