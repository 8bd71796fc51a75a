import Testing
@testable import NetworkEngine

/// clamp against PyTorch 2.13 (math.json: NaN, infinities, -0, min above max), and the autograd
/// switches `detach()` and `requiresGrad_()`.
@Suite struct ClampTests {
    @Test func clampMatchesPyTorch() throws {
        var tally = UlpTally()
        for item in try MathReference.group("clamp") {
            let x = try EncodedTensor((item["inputs"] as? [Any])?.first).tensor(requiresGrad: true)
            let low = item["min"] as? Double, high = item["max"] as? Double
            let y = try x.clamp(min: low, max: high)
            let what = "clamp(min: \(String(describing: low)), max: \(String(describing: high)))"
            tally.compare(y, try EncodedTensor(item["result"]), what, ulps: 0)
            #expect(y.ruleType?.name == item["gradFn"] as? String, "\(what): grad_fn")
            try y.backward(gradient: try EncodedTensor(item["upstream"]).tensor())
            tally.compare(try #require(x.grad), try EncodedTensor((item["grads"] as? [Any])?.first), "\(what) grad", ulps: 0)
        }
        #expect(tally.exact == tally.compared, "\(tally)")
        #expect(throws: TensorError("torch.clamp: At least one of 'min' or 'max' must not be None")) { try Tensor([1.0]).clamp() }
    }

    @Test func detachAndRequiresGrad() throws {
        let w = try Tensor([1.0, 2.0]).requiresGrad_()
        #expect(w.requiresGrad)
        let y = w * 3
        let frozen = y.detach()
        #expect(!frozen.requiresGrad && frozen.scalars == [3, 6] && frozen.ruleType == nil)
        #expect(Tensor(integers: [1, 2]).detach().dtype == .int64)
        #expect(throws: TensorError("only Tensors of floating point dtype can require gradients")) {
            try Tensor(integers: [1, 2]).requiresGrad_()
        }
        #expect(throws: TensorError("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")) {
            try y.requiresGrad_(false)
        }
        #expect(try !w.requiresGrad_(false).requiresGrad)
    }
}
