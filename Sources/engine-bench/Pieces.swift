import NetworkEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `engine-bench pieces`: single operations whose cost is per element or per call, one thread's
// CPU time, to compare builds side by side: an Adam and an SGD step, dropout masks, small random tensors
// (one kernel call each) and index_select along a row and along a column.

func piecesBench() throws {
    func line(_ name: String, _ seconds: Double, per count: Int) {
        let ms = (seconds * 1e5).rounded() / 100, ns = (seconds / Double(count) * 1e11).rounded() / 100
        print("\(name): \(ms) ms, \(ns) ns per element")
    }
    let cpu = CLOCK_THREAD_CPUTIME_ID

    let count = 1 << 20
    let w = Tensor.randn([count])
    w.requiresGrad = true
    try (w * w).sum().backward()
    let adam = try Adam([w], lr: 1e-3)
    line("Adam step, 2^20 values", try measure(steps: 20, clock: cpu) { try adam.step() }, per: count)
    let sgd = try SGD([w], lr: 1e-3, momentum: 0.9, weightDecay: 1e-4)
    line("SGD step (momentum, weight decay), 2^20 values", try measure(steps: 20, clock: cpu) { try sgd.step() }, per: count)

    let x = Tensor.randn([count])
    let generator = Generator(seed: 123)
    line("dropout(p: 0.1), 2^20 values", try measure(steps: 20, clock: cpu) { _ = try dropout(x, p: 0.1, generator: generator) }, per: count)
    let small = Tensor.randn([2, 4, 768])
    line("dropout(p: 0.1), 2 × 4 × 768", try measure(steps: 2_000, clock: cpu) { _ = try dropout(small, p: 0.1, generator: generator) }, per: small.count)

    line("rand(16)", measure(steps: 200_000, clock: cpu) { _ = Tensor.rand([16], generator: generator) }, per: 16)
    line("randn(16)", measure(steps: 200_000, clock: cpu) { _ = Tensor.randn([16], generator: generator) }, per: 16)

    let table = Tensor.randn([4096, 256])
    let ids = try Tensor(shape: [4096], integers: (0..<4096).map { ($0 * 7919) % 4096 })
    line("indexSelect(dim: 0), 4096 rows of 256", try measure(steps: 50, clock: cpu) { _ = try table.indexSelect(dim: 0, index: ids) }, per: table.count)
    let wide = try table.reshape([256, 4096])
    line("indexSelect(dim: 1), 256 rows of 4096", try measure(steps: 50, clock: cpu) { _ = try wide.indexSelect(dim: 1, index: ids) }, per: table.count)
}
