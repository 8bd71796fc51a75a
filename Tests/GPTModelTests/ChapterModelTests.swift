import Foundation
import Testing
import NetworkEngine
import GPT
import TestData

/// The chapter's 124M model (section 4.6-4.7) against what its notebook printed, with PyTorch 2.13
/// printing the same: built from a generator seeded with 123 (`torch.manual_seed(123)`), the
/// parameter counts, the 2 × 4 batch's logits in training mode (dropout 0.1) as `print(out)`
/// shows them, and greedy generation in eval mode.
@Suite struct ChapterModelTests {
    /// The chapter's `print(out)` (notebook cell 72), copied as data.
    static let printedLogits = try! String(
        contentsOf: TestData.directory.appendingPathComponent("chapter4/gpt-124m-logits.txt"), encoding: .utf8)

    /// About 5 s in a debug build (the generator's fills are C kernels); .ci/run also checks the
    /// same facts in a release build (`engine-bench gpt-check`).
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
        let out = try model(batch)
        #expect(out.shape == [2, 4, 50257])
        let printed = "\(out)\n"
        // The whole text, grad_fn included: the head is a Linear without bias on a 3-D input,
        // which PyTorch records as matmul's UnsafeViewBackward0.
        #expect(printed == Self.printedLogits)

        model.eval()
        let start = try Tensor(shape: [1, 4], integers: [15496, 11, 314, 716])
        let generated = try generateTextSimple(model: model, idx: start, maxNewTokens: 6, contextSize: 1024)
        #expect(generated.integers == [15496, 11, 314, 716, 27018, 24086, 47843, 30961, 42348, 7267])
    }
}
