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
        #expect(values.exact * 10 >= values.compared * 9, "values: \(values)")
        #expect(gradients.exact * 10 >= gradients.compared * 9, "gradients: \(gradients)")
    }

    @Test func lossErrorsAreTorchs() throws {
        let x = try Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0) / 4 })
        #expect(throws: TensorError("Expected input batch_size (3) to match target batch_size (2).")) {
            try crossEntropy(x, Tensor(integers: [0, 1]))
        }
        #expect(throws: TensorError("0D or 1D target tensor expected, multi-target not supported")) {
            try crossEntropy(x, Tensor(shape: [3, 5], scalars: Array(repeating: 0.2, count: 15)))
        }
        #expect(throws: TensorError("Target 4 is out of bounds.")) { try crossEntropy(x, Tensor(integers: [0, 4, 1])) }
        #expect(throws: TensorError("Using a target size (torch.Size([2])) that is different to the input size (torch.Size([3])) is deprecated. Please ensure they have the same size.")) {
            try binaryCrossEntropy(Tensor([0.5, 0.5, 0.5]), Tensor([1.0, 0.0]))
        }
        #expect(throws: TensorError("all elements of input should be between 0 and 1")) {
            try binaryCrossEntropy(Tensor([1.5]), Tensor([1.0]))
        }
    }

    /// Every target ignored: PyTorch's mean is 0 / 0.
    @Test func allIgnoredIsNaN() throws {
        let loss = try crossEntropy(Tensor([[1.0, 2.0]]), Tensor(integers: [-100]))
        #expect(loss.scalars[0].isNaN)
    }
}


