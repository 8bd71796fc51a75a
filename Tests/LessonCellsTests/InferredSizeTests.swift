import Testing

/// PyTorch's -1 in `reshape`, `view` and `expand` (inferred, or kept), its errors for two -1s and
/// for other negative sizes, and the layers' PyTorch errors for a negative size, all located at
/// the call. Every text is torch 2.13's.
@Suite struct InferredSizeTests {
    static let six = "let x = Tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])\n"

    @Test func oneMinusOneIsInferredFromTheElementCount() {
        #expect(printed(Self.six + "print(x.reshape(-1, 3).shape)") == "[2, 3]\n")
        #expect(printed(Self.six + "print(x.view(3, -1).shape)") == "[3, 2]\n")
        #expect(printed(Self.six + "print(x.reshape(-1).shape)") == "[6]\n")
        #expect(printed(Self.six + "print(x.view(2, 3).reshape(-1, 1, 2).scalars)") == "[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]\n")
        #expect(printed("let y = Tensor([[1.0, 2.0, 3.0]])\nprint(y.expand(2, -1).shape)") == "[2, 3]\n")
        #expect(printed("let y = Tensor([[1.0], [2.0]])\nprint(y.expand(-1, 4).shape)") == "[2, 4]\n")
    }

    @Test func twoMinusOnesAndOtherNegativeSizesArePyTorchsErrors() {
        #expect(failure(Self.six + "let y = x.reshape(-1, -1)").hasSuffix(":2:11: error: only one dimension can be inferred"))
        #expect(failure(Self.six + "let y = x.view(-1, -1)").hasSuffix(":2:11: error: only one dimension can be inferred"))
        #expect(failure(Self.six + "let y = x.reshape(-2, 3)").hasSuffix(":2:11: error: invalid shape dimension -2 at index 0 of shape [-2, 3]"))
        #expect(failure(Self.six + "let y = x.view(3, -2)").hasSuffix(":2:11: error: invalid shape dimension -2 at index 1 of shape [3, -2]"))
        #expect(failure(Self.six + "let y = x.reshape(-1, 4)").hasSuffix(":2:11: error: shape '[-1, 4]' is invalid for input of size 6"))
        #expect(failure("let y = Tensor([1.0, 2.0, 3.0])\nlet z = y.expand(-1, 3)").hasSuffix(":2:11: error: The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0"))
        #expect(failure("let y = Tensor([[1.0, 2.0, 3.0]])\nlet z = y.expand(-2, 3)").hasSuffix(":2:11: error: numel: integer multiplication overflow"))
        #expect(failure("let y = Tensor([1.0, 2.0, 3.0])\nlet z = y.expand(-1, -2)").hasSuffix(":2:11: error: The expanded size of the tensor (-2) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [-1, -2].  Tensor sizes: [3]"))
    }

    @Test func layersWithANegativeSizeArePyTorchsErrors() {
        #expect(failure("let l = Linear(-1, 3)").hasSuffix(":1:9: error: Trying to create tensor with negative dimension -1: [3, -1]"))
        #expect(failure("let l = Linear(-2, -3, bias: false)").hasSuffix(":1:9: error: Trying to create tensor with negative dimension -3: [-3, -2]"))
        #expect(failure("let e = Embedding(3, -1)").hasSuffix(":1:9: error: Trying to create tensor with negative dimension -1: [3, -1]"))
        #expect(failure("let n = LayerNorm(-1)").hasSuffix(":1:9: error: Trying to create tensor with negative dimension -1: [-1]"))
        #expect(failure("let n = LayerNorm([2, -1])").hasSuffix(":1:9: error: Trying to create tensor with negative dimension -1: [2, -1]"))
        // Without affine parameters PyTorch makes no tensor, so only the forward pass refuses.
        #expect(failure("let n = LayerNorm(-1, elementwiseAffine: false)\nlet y = n(Tensor([1.0]))").contains(":2:9: error: Given normalized_shape=[-1]"))
    }
}
