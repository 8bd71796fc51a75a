import NetworkEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The engine's speed beside PyTorch's (eager, one thread, same machine class), for one training
// step (forward, MSE, backward, zeroGrad) of:
//   (a) the lesson's network: layer sizes [3, 3, 3, 3, 3, 1], GELU blocks, shortcuts, batch 1;
//   (b) a wide one: 20 layers of width 256, GELU, shortcuts, batch 32.

/// The lesson's network with shortcuts where shapes agree.
struct ShortcutNetwork: Module {
    var layers: [Sequential]

    init(layerSizes: [Int], activation: () -> any Module) {
        layers = (0..<layerSizes.count - 1).map { i in
            Sequential(Linear(layerSizes[i], layerSizes[i + 1]), activation())
        }
    }

    func callAsFunction(_ input: Tensor) throws -> Tensor {
        var x = input
        for layer in layers {
            let output = try layer(x)
            x = x.shape == output.shape ? x + output : output
        }
        return x
    }
}

/// The lesson's own GELU, composed from tensor operations.
struct ComposedGELU: Module {
    func callAsFunction(_ x: Tensor) -> Tensor {
        0.5 * x * (1 + tanh(sqrt(Tensor(2.0 / Double.pi)) * (x + 0.044715 * pow(x, 3))))
    }
}

/// Wall-clock time, or the CPU time of this thread: on a machine shared with other work the
/// thread's CPU time is what a single-threaded step costs, undisturbed by waiting for a core.
func now(_ clock: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(clock, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Best of several rounds of the mean time per step, in seconds.
func measure(steps: Int, rounds: Int = 7, clock: clockid_t = CLOCK_MONOTONIC, _ step: () throws -> Void) rethrows -> Double {
    for _ in 0..<max(1, steps / 10) { try step() }
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = now(clock)
        for _ in 0..<steps { try step() }
        best = min(best, (now(clock) - start) / Double(steps))
    }
    return best
}

func trainingStep(_ model: any Module, _ input: Tensor, _ target: Tensor) throws {
    let loss = try mseLoss(model(input), target)
    try loss.backward()
    model.zeroGrad()
}

func report(_ name: String, seconds: Double, pytorch: Double, unit: String, scale: Double, extra: String = "") {
    let value = seconds * scale
    let ratio = pytorch / seconds
    let figure = (value * 100).rounded() / 100
    print("\(name): \(figure) \(unit) per step (PyTorch \(pytorch * scale) \(unit)); \((ratio * 10).rounded() / 10)x PyTorch's speed\(extra)")
}

// `engine-bench lesson`, `lesson-fused`, `wide`, `pieces` (Pieces.swift), `products` (Products.swift), `gpt` or `gpt-check` (GPT.swift) runs one part only; `engine-bench bits` prints the
// lesson steps' bits (they must not change); `engine-bench phases`
// splits the lesson step into forward, loss, backward and zeroGrad; `engine-bench randn` times
// `randn` of the GPT-2 token table.
let only = CommandLine.arguments.dropFirst().first
if only == "pieces" {
    try piecesBench()
    exit(0)
}
if only == "randn" {
    // The 124M model's embedding tables draw 39.4M normals; time one 38.6M-value table.
    let count = 50257 * 768
    let seconds = measure(steps: 1, rounds: 5) { _ = Tensor.randn([50257, 768]) }
    let cpuSeconds = measure(steps: 1, rounds: 5, clock: CLOCK_THREAD_CPUTIME_ID) { _ = Tensor.randn([50257, 768]) }
    func perValue(_ seconds: Double) -> Double { (seconds / Double(count) * 1e10).rounded() / 10 }
    print("randn(50257, 768): \((seconds * 1e4).rounded() / 10) ms, \(perValue(seconds)) ns per value"
          + " (CPU time \(perValue(cpuSeconds)) ns per value; \(kernelVariant) kernels)")
    exit(0)
}
// As an application training wide networks would: large freed gradients stay in the process
// for the next step (see keepFreedMemoryForReuse).
keepFreedMemoryForReuse()
manualSeed(123)
if only != "wide" && only != "products" && only != "gpt" && only != "gpt-check" {
let lesson = ShortcutNetwork(layerSizes: [3, 3, 3, 3, 3, 1]) { GELU(approximate: .tanh) }
let lessonInput = Tensor([[1.0, 0.0, -1.0]])
let lessonTarget = Tensor([[0.0]])
let lessonTime = try measure(steps: 20_000, clock: CLOCK_THREAD_CPUTIME_ID) { try trainingStep(lesson, lessonInput, lessonTarget) }
let lessonWallTime = try measure(steps: 20_000) { try trainingStep(lesson, lessonInput, lessonTarget) }
report("(a) lesson step (CPU time), fused tanh GELU", seconds: lessonTime, pytorch: 621e-6, unit: "µs", scale: 1e6,
       extra: (lessonTime <= 3e-6 ? " (goal ≤ 3 µs: met)" : " (goal ≤ 3 µs: not met)")
           + "; wall time \((lessonWallTime * 1e8).rounded() / 100) µs")

if only == "bits" {
    // The bits of a few lesson steps (losses and gradients, both GELU forms, gradients summed
    // over two passes before zeroGrad), to check that speed work changes no result.
    let composedNetwork = ShortcutNetwork(layerSizes: [3, 3, 3, 3, 3, 1]) { ComposedGELU() }
    var bits: UInt64 = 14_695_981_039_346_656_037
    for model in [lesson, composedNetwork] as [any Module] {
        for step in 0..<3 {
            for _ in 0..<2 {
                let loss = try mseLoss(model(Tensor([[1.0, Double(step), -1.0]])), lessonTarget)
                try loss.backward()
                for scalar in loss.scalars { bits = (bits ^ UInt64(scalar.bitPattern)) &* 1_099_511_628_211 }
            }
            for value in model.parameters().compactMap(\.grad) {
                for scalar in value.scalars { bits = (bits ^ UInt64(scalar.bitPattern)) &* 1_099_511_628_211 }
            }
            model.zeroGrad()
        }
    }
    print("    bits of the lesson steps' losses and gradients: \(String(bits, radix: 16))")
}
if only == "phases" {
    let f = try measure(steps: 20_000, clock: CLOCK_THREAD_CPUTIME_ID) { _ = try lesson(lessonInput) }
    let fl = try measure(steps: 20_000, clock: CLOCK_THREAD_CPUTIME_ID) { _ = try mseLoss(lesson(lessonInput), lessonTarget) }
    let flb = try measure(steps: 20_000, clock: CLOCK_THREAD_CPUTIME_ID) { try mseLoss(lesson(lessonInput), lessonTarget).backward() }
    let z = measure(steps: 20_000, clock: CLOCK_THREAD_CPUTIME_ID) { lesson.zeroGrad() }
    func µs(_ seconds: Double) -> Double { (seconds * 1e7).rounded() / 10 }
    print("lesson step phases (CPU time): forward \(µs(f)) µs; with loss \(µs(fl)) µs; with backward \(µs(flb)) µs; zeroGrad \(µs(z)) µs")
}
if only == "ops" {
    // One small operation at a time (batch 1, width 3), to see what each costs.
    let x = Tensor([[1.0, 0.0, -1.0]])
    let p = Tensor([[0.5, 0.25, -2.0]])
    p.requiresGrad = true
    let linear = Linear(3, 3)
    func ns(_ seconds: Double) -> Double { (seconds * 1e10).rounded() / 10 }
    let timings: [(String, () -> Void)] = [
        ("Tensor(rows)", { _ = Tensor([[1.0, 0.0, -1.0]]) }),
        ("tanh, untracked", { _ = x.tanh() }),
        ("tanh, recorded", { _ = p.tanh() }),
        ("add, recorded", { _ = p + p }),
        ("linear, recorded", { _ = try! linear(x) }),
        ("tanh + backward", { try! p.tanh().sum().backward() }),
    ]
    for (name, body) in timings {
        print("\(name): \(ns(measure(steps: 200_000, clock: CLOCK_THREAD_CPUTIME_ID, body))) ns")
    }
}
if only != "lesson-fused" && only != "phases" && only != "ops" {
let composed = ShortcutNetwork(layerSizes: [3, 3, 3, 3, 3, 1]) { ComposedGELU() }
let composedTime = try measure(steps: 20_000, clock: CLOCK_THREAD_CPUTIME_ID) { try trainingStep(composed, lessonInput, lessonTarget) }
report("(a') lesson step (CPU time), the lesson's composed GELU", seconds: composedTime, pytorch: 621e-6, unit: "µs", scale: 1e6)
}

}
if only != "lesson" && only != "lesson-fused" && only != "phases" && only != "ops" && only != "bits" && only != "products" && only != "gpt" && only != "gpt-check" {
let width = 256, depth = 20, batch = 32
let wide = ShortcutNetwork(layerSizes: [Int](repeating: width, count: depth + 1)) { GELU() }
let wideInput = Tensor.randn([batch, width])
let wideTarget = Tensor.zeros([batch, width])
// A fingerprint of the step's bits (loss and every gradient), to compare builds with different
// compiler settings: the summation order is fixed, so it must not change.
let wideLoss = try mseLoss(wide(wideInput), wideTarget)
try wideLoss.backward()
var fingerprint: UInt64 = 14_695_981_039_346_656_037
for value in [wideLoss] + wide.parameters().compactMap(\.grad) {
    for scalar in value.scalars { fingerprint = (fingerprint ^ UInt64(scalar.bitPattern)) &* 1_099_511_628_211 }
}
wide.zeroGrad()
print("    bits of the wide step's loss and gradients: \(String(fingerprint, radix: 16))")
// Multiply-adds: forward x·Wᵀ, backward dy·W and dyᵀ·x, each batch × width × width, per layer.
let flops = Double(depth) * 3 * 2 * Double(batch * width * width)
func gigaflops(_ seconds: Double) -> Double { ((flops / seconds / 1e9) * 10).rounded() / 10 }
// PyTorch's figure is for one thread (torch.set_num_threads(1)), so the goal is judged on one
// thread; the two-thread figure is a bonus beside it.
try setNumThreads(1)
let wideTime = try measure(steps: 20, rounds: 7) { try trainingStep(wide, wideInput, wideTarget) }
report("(b) 20 × 256 GELU network, batch 32, one thread", seconds: wideTime, pytorch: 12.1e-3, unit: "ms", scale: 1e3,
       extra: " — \(gigaflops(wideTime)) GFLOP/s (PyTorch 20.8)"
           + (12.1e-3 / wideTime >= 1.2 ? "; goal ≥ 1.2x: met" : "; goal ≥ 1.2x: not met")
           + "; \(kernelVariant) kernels")
try setNumThreads(2)
let wideTwoThreadTime = try measure(steps: 20, rounds: 7) { try trainingStep(wide, wideInput, wideTarget) }
let wideCPUTime = try measure(steps: 20, rounds: 7, clock: CLOCK_PROCESS_CPUTIME_ID) {
    try trainingStep(wide, wideInput, wideTarget)
}
report("(b') the same, two threads", seconds: wideTwoThreadTime, pytorch: 12.1e-3, unit: "ms", scale: 1e3,
       extra: " — \(gigaflops(wideTwoThreadTime)) GFLOP/s; CPU time of both threads \((wideCPUTime * 1e4).rounded() / 10) ms"
           + " (on a busy machine the wall time includes waiting for a core)")
}
if only == nil || only == "products" {
    try productBench()
}
if only == "gpt" || only == "gpt-check" {
    try gptBench(withPyTorch: only == "gpt")
} else if only == nil {
    // In a process of its own, so that its peak memory is the model's, not the products'.
    guard system("\"\(CommandLine.arguments[0])\" gpt") == 0 else { exit(1) }
}
