import Foundation
import Testing
@testable import NetworkEngine

/// cross_entropy (class indices with ignore_index, a (N, C, d) batch, one sample; class
/// probabilities), binary_cross_entropy and its logits form against PyTorch 2.13 (math.json).
@Suite struct LossTests {
    /// Compares one loss case (math.json's layout) with the engine: cross-entropy's log_softmax
    /// with vectors of `lanes` floats, or the public `crossEntropy` (the CPU's own width) for nil.
    private static func compare(_ item: [String: Any], lanes: Int?, _ values: inout UlpTally, _ gradients: inout UlpTally) throws {
        let op = try #require(item["op"] as? String)
        let reductionName = try #require(item["reduction"] as? String)
        let reduction = try #require(LossReduction(rawValue: reductionName))
        let inputs = try #require(item["inputs"] as? [Any])
        let input = try EncodedTensor(inputs[0]).tensor(requiresGrad: true)
        let targetEncoding = try EncodedTensor(inputs[1])
        let target = try targetEncoding.tensor(requiresGrad: targetEncoding.integers == nil)
        let what = "\(op) \(reduction) of \(input.shape)"
        let loss: Tensor
        switch op {
        case "crossEntropy", "crossEntropyProbabilities":
            let ignoreIndex = item["ignoreIndex"] as? Int ?? -100
            loss = try lanes.map { try crossEntropy(input, target, ignoreIndex: ignoreIndex, reduction: reduction, lanes: $0) }
                ?? crossEntropy(input, target, ignoreIndex: ignoreIndex, reduction: reduction)
        case "binaryCrossEntropy": loss = try binaryCrossEntropy(input, target, reduction: reduction)
        case "binaryCrossEntropyWithLogits": loss = try binaryCrossEntropyWithLogits(input, target, reduction: reduction)
        default: Issue.record("unknown loss \(op)"); return
        }
        values.compare(loss, try EncodedTensor(item["result"]), what)
        #expect(loss.ruleType?.name == item["gradFn"] as? String, "\(what): grad_fn")
        try loss.backward(gradient: try EncodedTensor(item["upstream"]).tensor())
        let grads = try #require(item["grads"] as? [Any])
        gradients.compare(try #require(input.grad), try EncodedTensor(grads[0]), "\(what) input grad")
        if !(grads[1] is NSNull) {
            gradients.compare(try #require(target.grad), try EncodedTensor(grads[1]), "\(what) target grad")
        }
    }

    /// math.json (made at AVX512): cross-entropy with AVX-512's 16-lane log_softmax, on any CPU.
    @Test func lossesMatchPyTorch() throws {
        var values = UlpTally(), gradients = UlpTally()
        let items = try MathReference.group("losses")
        for item in items { try Self.compare(item, lanes: 16, &values, &gradients) }
        // Every loss value is PyTorch's bits (65 of 65); 1 of 1,840 gradients is an ulp off.
        #expect(items.count == 18 && values.compared == 65 && gradients.compared == 1_840, "\(items.count) cases, \(values), \(gradients)")
        #expect(values.exact == values.compared, "values: \(values)")
        #expect(gradients.compared - gradients.exact <= 1, "gradients: \(gradients)")
    }

    /// cross_entropy_avx2.json (scripts/reference/cross_entropy_avx2_cases.py, made with
    /// ATEN_CPU_CAPABILITY=avx2): cross-entropy with AVX2's 8-lane log_softmax, on any CPU.
    @Test func crossEntropyWithAVX2LanesMatchesPyTorch() throws {
        var values = UlpTally(), gradients = UlpTally()
        let file = try Reference.json("cross_entropy_avx2.json")
        #expect((file["provenance"] as? [String: Any])?["cpuCapability"] as? String == "AVX2")
        let items = try #require(file["cases"] as? [[String: Any]])
        for item in items { try Self.compare(item, lanes: 8, &values, &gradients) }
        #expect(items.count == 25 && values.compared == 72 && gradients.compared == 2_471, "\(items.count) cases, \(values), \(gradients)")
        #expect(values.exact == values.compared, "values: \(values)")
        #expect(gradients.exact == gradients.compared, "gradients: \(gradients)")
    }

    /// The public `crossEntropy` runs this CPU's width: PyTorch's numbers at the same capability.
    /// (ATen's DEFAULT log_softmax, on a CPU without AVX2, has no reference file.)
    @Test(.enabled(if: KernelVariant.best != .baseline, "no PyTorch reference for the baseline kernels"))
    func crossEntropyMatchesPyTorchAtThisCPUsCapability() throws {
        var values = UlpTally(), gradients = UlpTally()
        let items = KernelVariant.best == .avx512
            ? try MathReference.group("losses").filter { ($0["op"] as? String)?.hasPrefix("crossEntropy") == true }
            : try #require(try Reference.json("cross_entropy_avx2.json")["cases"] as? [[String: Any]])
        #expect(items.count >= 12, "\(KernelVariant.best): \(items.count) cross-entropy cases")
        for item in items { try Self.compare(item, lanes: nil, &values, &gradients) }
        #expect(values.compared > 0 && values.exact == values.compared, "\(KernelVariant.best) values: \(values)")
        #expect(gradients.compared > 0 && gradients.exact == gradients.compared, "\(KernelVariant.best) gradients: \(gradients)")
    }

    /// Each error of math.json's `errors`, raised the same way here, has PyTorch's text.
    @Test func errorTextsAreTorchs() throws {
        let x = try Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0) / 4 })
        let cases: [String: () throws -> Any] = [
            "softmax dim": { try x.softmax(dim: 2) },
            "max empty": { try Tensor.zeros([0]).max() },
            "max dim empty": { try Tensor.zeros([3, 0]).max(dim: 1) },
            "argmin empty": { try Tensor.zeros([0]).argmin() },
            "cross_entropy batch": { try crossEntropy(x, Tensor(integers: [0, 1])) },
            "cross_entropy float indices shape": { try crossEntropy(x, Tensor(shape: [3, 5], scalars: Array(repeating: 0.2, count: 15))) },
            "cross_entropy target out of bounds": { try crossEntropy(x, Tensor(integers: [0, 4, 1])) },
            "cross_entropy float target": { try crossEntropy(x, Tensor([0.5, 0.25, 0.125])) },
            "cross_entropy bool target": { try crossEntropy(x, Tensor(booleans: [true, false, true])) },
            "cross_entropy spatial size": { try crossEntropy(Tensor.zeros([2, 5, 3]), Tensor(shape: [2, 4], integers: Array(repeating: 0, count: 8))) },
            "binary_cross_entropy size": { try binaryCrossEntropy(Tensor([0.5, 0.5, 0.5]), Tensor([1.0, 0.0])) },
            "binary_cross_entropy_with_logits size": { try binaryCrossEntropyWithLogits(Tensor([0.5, 0.5, 0.5]), Tensor([1.0, 0.0])) },
            "binary_cross_entropy range": { try binaryCrossEntropy(Tensor([1.5]), Tensor([1.0])) },
            "requires_grad int": { try Tensor(integers: [1, 2]).requiresGrad_() },
            "clamp none": { try x.clamp() },
            "var dim": { try x.var(dim: 3) },
            "var int": { try Tensor(integers: [1, 2]).var() },
            "sum repeated dim": { try x.sum(dims: [0, 0]) },
        ]
        for item in try MathReference.group("errors") {
            let what = try #require(item["what"] as? String), expected = try #require(item["error"] as? String)
            let raise = try #require(cases[what], "no engine case for \(what)")
            #expect(throws: TensorError(expected), "\(what)") { _ = try raise() }
        }
    }

    /// Every target ignored: PyTorch's mean is 0 / 0.
    @Test func allIgnoredIsNaN() throws {
        let loss = try crossEntropy(Tensor([[1.0, 2.0]]), Tensor(integers: [-100]))
        #expect(loss.scalars[0].isNaN)
    }
}


