import Foundation
import Testing
@testable import NetworkEngine

/// cross_entropy (class indices with ignore_index, a (N, C, d) batch, one sample; class
/// probabilities), binary_cross_entropy and its logits form against PyTorch 2.13 (math.json).
@Suite struct LossTests {
    @Test func lossesMatchPyTorch() throws {
        var values = UlpTally(), gradients = UlpTally()
        for item in try MathReference.group("losses") {
            let op = try #require(item["op"] as? String)
            // math.json's cross-entropy runs AVX512's 16-lane log_softmax; where the engine runs
            // AVX2's 8 lanes, as torch does there, CleanupReferenceTests checks it instead.
            if op.hasPrefix("crossEntropy") && KernelVariant.best.floatLanes != 16 { continue }
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
                loss = try crossEntropy(input, target, ignoreIndex: item["ignoreIndex"] as? Int ?? -100, reduction: reduction)
            case "binaryCrossEntropy": loss = try binaryCrossEntropy(input, target, reduction: reduction)
            default: loss = try binaryCrossEntropyWithLogits(input, target, reduction: reduction)
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
        // Every loss value is PyTorch's bits (65 of 65); 1 of 1,840 gradients is an ulp off.
        #expect(values.exact == values.compared, "values: \(values)")
        #expect(gradients.compared - gradients.exact <= 1, "gradients: \(gradients)")
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


