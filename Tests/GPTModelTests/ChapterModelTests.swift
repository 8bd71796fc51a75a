import Foundation
import Testing
import NetworkEngine
import GPT

/// The chapter's 124M model (section 4.6-4.7) against what its notebook printed, with PyTorch 2.13
/// printing the same: built from a generator seeded with 123 (`torch.manual_seed(123)`), the
/// parameter counts, the 2 × 4 batch's logits in training mode (dropout 0.1) as `print(out)`
/// shows them, and greedy generation in eval mode.
@Suite struct ChapterModelTests {
    /// The chapter's `print(out)` (notebook cell 72), copied as data.
    static let printedLogits = """
        tensor([[[ 0.3613,  0.4222, -0.0711,  ...,  0.3483,  0.4661, -0.2838],
                 [-0.1792, -0.5660, -0.9485,  ...,  0.0477,  0.5181, -0.3168],
                 [ 0.7120,  0.0332,  0.1085,  ...,  0.1018, -0.4327, -0.2553],
                 [-1.0076,  0.3418, -0.1190,  ...,  0.7195,  0.4023,  0.0532]],

                [[-0.2564,  0.0900,  0.0335,  ...,  0.2659,  0.4454, -0.6806],
                 [ 0.1230,  0.3653, -0.2074,  ...,  0.7705,  0.2710,  0.2246],
                 [ 1.0558,  1.0318, -0.2800,  ...,  0.6936,  0.3205, -0.3178],
                 [-0.1565,  0.3926,  0.3288,  ...,  1.2630, -0.1858,  0.0388]]],
               grad_fn=<UnsafeViewBackward0>)
        """

    @Test func theChaptersModelPrintsTheChaptersNumbers() throws {
        let generator = Generator(seed: 123)
        let model = try GPTModel(.gpt124M, generator: generator)

        let total = model.parameters().reduce(0) { $0 + $1.numel() }
        #expect(total == 163_009_536)
        #expect(total - model.out_head.parameters().reduce(0) { $0 + $1.numel() } == 124_412_160)
        #expect(String(format: "%.2f MB", Double(total * 4) / (1024 * 1024)) == "621.83 MB")
        #expect(model.tok_emb.weight.shape == [50257, 768] && model.out_head.weight.shape == [50257, 768])

        // Dropout draws from the same generator, after the weights, as in the notebook.
        let batch = try Tensor(shape: [2, 4], integers: [6109, 3626, 6100, 345, 6109, 1110, 6622, 257])
        let out = try model.forward(batch)
        #expect(out.shape == [2, 4, 50257])
        #expect("\(out)" == Self.printedLogits)

        model.eval()
        let start = try Tensor(shape: [1, 4], integers: [15496, 11, 314, 716])
        let generated = try generateTextSimple(model: model, idx: start, maxNewTokens: 6, contextSize: 1024)
        #expect(generated.integers == [15496, 11, 314, 716, 27018, 24086, 47843, 30961, 42348, 7267])
    }
}
