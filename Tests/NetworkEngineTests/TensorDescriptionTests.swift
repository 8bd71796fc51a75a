import Foundation
import Testing
@testable import NetworkEngine

/// `print(tensor)` of the engine's own tensors against what PyTorch 2.13 prints for the same ones
/// (engine-printing.json, scripts/reference/engine_print_cases.py): values by dtype, the
/// recorded rule's `grad_fn=<…>`, `requires_grad=True` and `Parameter containing:` for leaves.
@Test func engineTensorsPrintAsPyTorchPrintsThem() throws {
    let cases = try Reference.cases("engine-printing.json")
    let tensors = try engineTensors()
    #expect(Set(cases.compactMap { $0["id"] as? String }) == Set(tensors.keys))
    for item in cases {
        let id = try #require(item["id"] as? String)
        let expected = try #require(item["str"] as? String, "\(id): str")
        let tensor = try #require(tensors[id], "\(id): no engine tensor")
        #expect(tensor.description == expected, "\(id)")
        #expect("\(tensor)" == expected, "\(id): interpolated")
    }
}

/// The tensors of `engine_print_cases.py`, made by the engine's operations, by case id.
private func engineTensors() throws -> [String: Tensor] {
    let a = Tensor([[1.0, -2.5], [0.25, 3.0]])
    a.requiresGrad = true
    let b = Tensor([[0.5, 0.5], [1.0, -1.0]])
    let linear = Linear(3, 2, generator: Generator(seed: 123))
    let ones = Tensor.ones(40, 30)
    ones.requiresGrad = true
    return [
        "leaf": a,
        "plain": b,
        "add": a + b,
        "mul": a * b,
        "mul-scalar": a * 2.0,
        "sum": (a * b).sum(),
        "sum-dim": try a.sum(dim: 0),
        "mean": a.mean(),
        "mean-dim": try a.mean(dim: 1, keepDim: true),
        "relu": a.relu(),
        "detached": (a * b).detached(),
        "parameter-weight": linear.weight,
        "parameter-bias": try #require(linear.bias),
        "parameter-result": linear.weight * 1.0,
        "arange": try Tensor.arange(5),
        "arange-sum": try Tensor.arange(5).sum(),
        "compare-scalar": a.gt(0.0),
        "compare-tensors": try a.lt(b),
        "empty": Tensor.zeros(0),
        "empty-2x0": Tensor.zeros(2, 0),
        "empty-int64": try Tensor.arange(0),
        "summarised-float": ones * 0.5,
        "summarised-int64": try Tensor.arange(1200),
    ]
}

/// Print options belong to a thread: one thread's `setPrintOptions` leaves another's text alone,
/// as one lesson page's leaves another's, even while both are running.
@Test func printOptionsSetOnOneThreadLeaveOthersAlone() {
    let half = Tensor([0.5, -0.25])
    let texts = Texts()
    let set = DispatchSemaphore(value: 0), printed = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
    Thread {
        try? setPrintOptions(precision: 2)
        set.signal()
        printed.wait()
        texts.changed = half.description
        resetPrintOptions()
        done.signal()
    }.start()
    Thread {
        set.wait()
        texts.other = half.description
        printed.signal()
    }.start()
    done.wait()
    #expect(texts.changed == "tensor([ 0.50, -0.25])")
    #expect(texts.other == "tensor([ 0.5000, -0.2500])")
    #expect(half.description == "tensor([ 0.5000, -0.2500])")
}

/// What the threads printed; each field is written before the semaphore its reader waits on.
private final class Texts: @unchecked Sendable {
    var changed = "", other = ""
}

/// `withPrintOptions` prints with the given options, hands back what the body set, and puts the
/// thread's own options back: how a page session carries options from one cell to the next.
@Test func withPrintOptionsScopesAndReturnsTheOptionsLeft() throws {
    let third = Tensor([1.0 / 3.0])
    let (text, after) = try withPrintOptions(PrintOptions(precision: 2)) { () throws -> String in
        let before = third.description
        try setPrintOptions(sciMode: true)
        return before + " " + third.description
    }
    #expect(text == "tensor([0.33]) tensor([3.33e-01])")
    #expect(after == PrintOptions(precision: 2, sciMode: true))
    #expect(PrintOptions.current == .default)
    #expect(third.description == "tensor([0.3333])")
}
