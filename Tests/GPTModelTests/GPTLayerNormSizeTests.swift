import GPT
import NetworkEngine
import Testing

/// The chapter's LayerNorm makes `torch.ones(emb_dim)` first, so a negative size is that call's
/// error (torch 2.13's text), thrown by `init(checking:)`.
@Suite struct GPTLayerNormSizeTests {
    @Test func aNegativeSizeIsTorchOnesError() throws {
        #expect(throws: TensorError("Trying to create tensor with negative dimension -1: [-1]")) { try GPT.LayerNorm(checking: -1) }
        let norm = try GPT.LayerNorm(checking: 4, eps: 1e-6)
        #expect(norm.scale.scalars == [1, 1, 1, 1] && norm.shift.scalars == [0, 0, 0, 0] && norm.eps == 1e-6)
    }
}

/// The throwing inits of the chapter's attention build their layers with the throwing forms: a
/// negative width is the first layer's PyTorch error, not a trap.
@Suite struct GPTNegativeWidthTests {
    @Test func attentionWithANegativeWidthThrows() {
        #expect(throws: TensorError("Trying to create tensor with negative dimension -1: [4, -1]")) {
            try MultiHeadAttention(inputWidth: -1, outputWidth: 4, contextLength: 2, dropout: 0, headCount: 2)
        }
    }
}
