import Testing

/// A negative size in a tensor factory is PyTorch's error at the call, never a trap (the engine's
/// throwing factories, `Tensor.zeros(checking:)` and the others).
@Suite struct NegativeSizeTests {
    @Test func factoriesGivePyTorchsErrorAtTheCall() {
        let negative = "error: Trying to create tensor with negative dimension -1: [-1, 3]"
        #expect(failure("let n = -1\nlet z = Tensor.zeros(n, 3)").hasSuffix(":2:16: error: zeros: Dimension size must be non-negative."))
        #expect(failure("let o = Tensor.ones([-1, 3])").hasSuffix(":1:16: " + negative))
        #expect(failure("let r = Tensor.rand(-1, 3)").hasSuffix(":1:16: " + negative))
        #expect(failure("let r = Tensor.randn(-1, 3)").hasSuffix(":1:16: " + negative))
        #expect(failure("let u = Tensor.uniform([-1, 3], from: 0, to: 1)").hasSuffix(":1:16: " + negative))
        #expect(failure("let f = Tensor.full([2, -4], 1.5)").hasSuffix(":1:16: error: Trying to create tensor with negative dimension -4: [2, -4]"))
    }
}
