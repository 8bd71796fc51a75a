import Testing
import NetworkEngine
import GPT

/// The model's structure on a small configuration: PyTorch's parameter names in PyTorch's order,
/// shapes, the causal mask, training mode and the located errors.
@Suite struct GPTStructureTests {
    let small = GPTConfiguration(vocabularySize: 11, contextLength: 6, embeddingDimension: 8, headCount: 2,
                                 layerCount: 2, dropRate: 0.1, qkvBias: false)

    func model(_ configuration: GPTConfiguration? = nil) throws -> GPTModel {
        try GPTModel(configuration ?? small, generator: Generator(seed: 123))
    }

    @Test func parameterNamesAreThoseOfThePyTorchModel() throws {
        let block = [
            "att.W_query.weight", "att.W_key.weight", "att.W_value.weight", "att.out_proj.weight", "att.out_proj.bias",
            "ff.layers.0.weight", "ff.layers.0.bias", "ff.layers.2.weight", "ff.layers.2.bias",
            "norm1.scale", "norm1.shift", "norm2.scale", "norm2.shift",
        ]
        let expected = ["tok_emb.weight", "pos_emb.weight"]
            + block.map { "trf_blocks.0." + $0 } + block.map { "trf_blocks.1." + $0 }
            + ["final_norm.scale", "final_norm.shift", "out_head.weight"]
        let gpt = try model()
        #expect(gpt.namedParameters().map(\.name) == expected)
        #expect(gpt.namedBuffers().map(\.name) == ["trf_blocks.0.att.mask", "trf_blocks.1.att.mask"])
        let shapes = Dictionary(uniqueKeysWithValues: gpt.namedParameters().map { ($0.name, $0.parameter.shape) })
        #expect(shapes["tok_emb.weight"] == [11, 8] && shapes["pos_emb.weight"] == [6, 8])
        #expect(shapes["trf_blocks.1.ff.layers.0.weight"] == [32, 8] && shapes["trf_blocks.1.ff.layers.2.weight"] == [8, 32])
        #expect(shapes["out_head.weight"] == [11, 8] && shapes["final_norm.shift"] == [8])
    }

    @Test func qkvBiasAddsThreeBiases() throws {
        var configuration = small
        configuration.qkvBias = true
        let names = try model(configuration).namedParameters().map(\.name)
        #expect(names.contains("trf_blocks.1.att.W_key.bias"))
        #expect(names.count == 2 + 2 * 16 + 3)
    }

    @Test func theMaskHidesFuturePositions() throws {
        let mask = try model().trf_blocks[0].att.mask
        #expect(mask.shape == [6, 6])
        #expect(mask.scalars[0..<6] == [0, 1, 1, 1, 1, 1] && mask.scalars[30..<36] == [0, 0, 0, 0, 0, 0])
    }

    /// A token's logits may not depend on later tokens (in eval mode, without dropout).
    @Test func logitsDoNotSeeLaterTokens() throws {
        let gpt = try model().eval()
        let first = try gpt(Tensor(shape: [1, 3], integers: [4, 7, 1]))
        let second = try gpt(Tensor(shape: [1, 3], integers: [4, 7, 9]))
        #expect(first.shape == [1, 3, 11])
        #expect(first.scalars[0..<22] == second.scalars[0..<22])
        #expect(first.scalars[22..<33] != second.scalars[22..<33])
    }

    @Test func evalReachesEveryDropout() throws {
        let gpt = try model()
        #expect(gpt.isTraining)
        gpt.eval()
        #expect(!gpt.isTraining && !gpt.trf_blocks[1].drop_shortcut.isTraining && !gpt.trf_blocks[0].att.dropout.isTraining)
        let ids = try Tensor(shape: [2, 2], integers: [1, 2, 3, 4])
        #expect(try gpt(ids).scalars == gpt(ids).scalars, "no dropout after eval()")
    }

    @Test func generationAppendsTheLargestLogitsId() throws {
        let gpt = try model().eval()
        let start = try Tensor(shape: [1, 2], integers: [3, 5])
        let out = try generateTextSimple(model: gpt, idx: start, maxNewTokens: 6, contextSize: 4)
        #expect(out.shape == [1, 8])
        // Each new id is the argmax of the last position's logits on the last four ids.
        let ids = out.integers.map(Int.init)
        for step in 2..<8 {
            let context = Array(ids[max(0, step - 4)..<step])
            let logits = try gpt(Tensor(shape: [1, context.count], integers: context))
            let last = Array(logits.scalars.suffix(11))
            #expect(ids[step] == last.indices.max(by: { last[$0] < last[$1] }))
        }
    }

    @Test func badInputIsALocatedError() throws {
        let gpt = try model()
        #expect(throws: TensorError.self) { try gpt(Tensor(integers: [1, 2])) }
        #expect(throws: TensorError.self) { try gpt(Tensor(shape: [1, 7], integers: [Int](repeating: 1, count: 7))) }
        #expect(throws: TensorError.self) { try gpt(Tensor(shape: [1, 2], integers: [1, 11])) }
        #expect(throws: TensorError.self) { try generateTextSimple(model: gpt, idx: Tensor(integers: [1]), maxNewTokens: 1, contextSize: 4) }
        #expect(throws: TensorError.self) { try generateTextSimple(model: gpt, idx: try Tensor(shape: [1, 1], integers: [1]), maxNewTokens: 1, contextSize: 0) }
        var configuration = small
        configuration.headCount = 3
        #expect(throws: TensorError.self) { try GPTModel(configuration) }
        configuration.headCount = 2
        configuration.dropRate = 1.5
        #expect(throws: TensorError.self) { try GPTModel(configuration) }
        // The attention module alone (public, throwing): no trap on zero heads or a bad rate.
        let divisible = TensorError("d_out must be divisible by num_heads")
        #expect(throws: divisible) { try MultiHeadAttention(inputWidth: 4, outputWidth: 4, contextLength: 4, dropout: 0, headCount: 0) }
        #expect(throws: divisible) { try MultiHeadAttention(inputWidth: 4, outputWidth: 6, contextLength: 4, dropout: 0, headCount: 4) }
        #expect(throws: TensorError.self) { try MultiHeadAttention(inputWidth: 4, outputWidth: 4, contextLength: 4, dropout: 1.5, headCount: 2) }
    }
}
