import Dispatch
import NetworkEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `engine-bench products`: this machine's memory bandwidth, the floor it sets for one forward of
// the chapter's 124M GPT (622 MiB of weights), and the model's matrix products at that scale
// (the 12 layers' query/key/value/output and feed-forward products, the 768 × 50257 head) on the
// 2 × 4 batch's 8 rows and on 1 row, beside PyTorch 2.13 eager in the same run
// (scripts/bench-products.py, when `import torch` works). Two threads, as PyTorch's figures.

/// The bytes of the 124M model's float32 parameters (163,009,536 of them).
let modelBytes = 163_009_536 * 4

/// Seconds for the fastest of `rounds` runs of `body` (after one to warm up).
func fastest(rounds: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = now(CLOCK_MONOTONIC)
        try body()
        best = min(best, now(CLOCK_MONOTONIC) - start)
    }
    return best
}

/// Reads `count` floats on two threads (a STREAM-like sum); returns the sum so the reads stay.
func readAll(_ values: UnsafePointer<Float>, count: Int) -> Float {
    let half = count / 2 / 64 * 64
    let parts = UnsafeMutablePointer<Float>.allocate(capacity: 2)
    defer { parts.deallocate() }
    let address = UInt(bitPattern: values), partsAddress = UInt(bitPattern: parts)
    DispatchQueue.concurrentPerform(iterations: 2) { part in
        let base = UnsafeRawPointer(bitPattern: address)!
        let range = part == 0 ? 0..<half : half..<count
        var sums = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
        var i = range.lowerBound
        while i + 64 <= range.upperBound {
            sums.0 += base.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            sums.1 += base.loadUnaligned(fromByteOffset: i * 4 + 64, as: SIMD16<Float>.self)
            sums.2 += base.loadUnaligned(fromByteOffset: i * 4 + 128, as: SIMD16<Float>.self)
            sums.3 += base.loadUnaligned(fromByteOffset: i * 4 + 192, as: SIMD16<Float>.self)
            i += 64
        }
        var total = (sums.0 + sums.1 + sums.2 + sums.3).sum()
        while i < range.upperBound { total += base.load(fromByteOffset: i * 4, as: Float.self); i += 1 }
        UnsafeMutablePointer<Float>(bitPattern: partsAddress)![part] = total
    }
    return parts[0] + parts[1]
}

/// PyTorch's figures from `script` (`name value` lines), by name; empty when torch is not installed.
func pytorchProductFigures(_ script: String = "scripts/bench-products.py") -> [String: Double] {
    guard system("python3 -c 'import torch' >/dev/null 2>&1") == 0 else {
        print("    PyTorch not installed: no figures beside these")
        return [:]
    }
    guard let pipe = popen("python3 \(script)", "r") else { return [:] }
    var figures: [String: Double] = [:]
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), pipe) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(separator: " ")
        if fields.count == 2, let seconds = Double(String(fields[1].filter { !$0.isWhitespace })) {
            figures[String(fields[0])] = seconds
        }
    }
    // A script that failed (its error went to standard error) gives no figures to compare with.
    guard pclose(pipe) == 0 else {
        print("    \(script) failed: no PyTorch figures beside these")
        return [:]
    }
    return figures
}

func milliseconds(_ seconds: Double) -> String { "\((seconds * 1e4).rounded() / 10) ms" }

func besidePyTorch(_ name: String, _ seconds: Double, _ pytorch: Double?, extra: String = "") {
    let theirs = pytorch.map { "; PyTorch \(milliseconds($0)), \((($0 / seconds) * 10).rounded() / 10)x its speed" } ?? ""
    print("\(name): \(milliseconds(seconds))\(theirs)\(extra)")
}

func productBench() throws {
    try setNumThreads(2)
    let pytorch = pytorchProductFigures()

    // Memory bandwidth: 622 MiB written once, then read on two threads.
    let count = modelBytes / 4
    let values = UnsafeMutablePointer<Float>.allocate(capacity: count)
    values.initialize(repeating: 1, count: count)
    var sink: Float = 0
    let readTime = fastest(rounds: 10) { sink += readAll(values, count: count) }
    values.deallocate()
    let bandwidth = Double(modelBytes) / readTime
    besidePyTorch("read of the 124M model's 622 MiB (two threads)", readTime, pytorch["read"],
                  extra: " — \((bandwidth / 1e8).rounded() / 10) GB/s: the floor for one forward that reads every weight"
                      + " once is \(milliseconds(readTime))")

    // The products at 124M scale, each layer with its own weights (so they come from memory).
    manualSeed(123)
    let layers: [[Linear]] = (0..<12).map { _ in
        [Linear(768, 768, bias: false), Linear(768, 768, bias: false), Linear(768, 768, bias: false),
         Linear(768, 768), Linear(768, 3072), Linear(3072, 768)]
    }
    let head = Linear(768, 50257, bias: false)
    let layerBytes = layers.joined().reduce(0) { $0 + $1.weight.count * 4 }
    let headBytes = head.weight.count * 4
    for rows in [8, 1] {
        let x = Tensor.randn([rows, 768]), hidden = Tensor.randn([rows, 3072])
        let layerTime = try fastest {
            try noGrad {
                for layer in layers.joined() { _ = try layer(layer.inFeatures == 768 ? x : hidden) }
            }
        }
        let headTime = try fastest { _ = try noGrad { try head(x) } }
        let runLayers = { try noGrad { for layer in layers.joined() { _ = try layer(layer.inFeatures == 768 ? x : hidden) } } }
        let cpuStart = now(CLOCK_PROCESS_CPUTIME_ID), wallStart = now(CLOCK_MONOTONIC)
        try runLayers()
        let cpu = now(CLOCK_PROCESS_CPUTIME_ID) - cpuStart, wall = now(CLOCK_MONOTONIC) - wallStart
        try setNumThreads(1)
        let oneThread = try fastest(runLayers)
        let oneThreadCPU = try measure(steps: 1, rounds: 5, clock: CLOCK_THREAD_CPUTIME_ID, runLayers)
        let headCPU = try measure(steps: 1, rounds: 5, clock: CLOCK_THREAD_CPUTIME_ID) { _ = try noGrad { try head(x) } }
        try setNumThreads(2)
        print("    one thread: layers \(milliseconds(oneThread)) (its CPU time \(milliseconds(oneThreadCPU))), head's CPU time "
              + "\(milliseconds(headCPU)); one two-thread run of the layers: wall \(milliseconds(wall)), CPU \(milliseconds(cpu))")
        let floor = { (bytes: Int) in " (reads \(bytes / 1_000_000) MB: \((Double(bytes) / bandwidth * 1e4).rounded() / 10) ms at the measured bandwidth)" }
        besidePyTorch("12 layers' 72 products (q, k, v, out, ff in, ff out) on \(rows) row\(rows == 1 ? "" : "s")", layerTime,
                      pytorch["layers\(rows)"], extra: floor(layerBytes))
        besidePyTorch("head 768 × 50257 on \(rows) row\(rows == 1 ? "" : "s")", headTime, pytorch["head\(rows)"], extra: floor(headBytes))
    }
    if sink.isNaN { print(sink) }
}
