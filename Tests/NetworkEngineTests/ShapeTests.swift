import Testing
@testable import NetworkEngine

/// `Tensor.cat`: one recorded operation with any number of inputs.
@Suite struct ShapeTests {
    @Test func catJoinsAlongADimensionAndSplitsTheGradient() throws {
        let a = Tensor([[1.0, 2.0], [3.0, 4.0]]).requiringGrad()
        let b = Tensor([[5.0], [6.0]]).requiringGrad()
        let c = Tensor([[7.0], [8.0]])
        let d = Tensor([[9.0], [10.0]]).requiringGrad()
        let joined = try Tensor.cat([a, b, c, d], dim: -1)
        #expect(joined.shape == [2, 5])
        #expect(joined.scalars == [1, 2, 5, 7, 9, 3, 4, 6, 8, 10])
        #expect(joined.inputs.count == 4)
        let weights = Tensor([[1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0]])
        try (joined * weights).sum().backward()
        #expect(a.grad?.scalars == [1, 2, 6, 7])
        #expect(b.grad?.scalars == [3, 8])
        #expect(c.grad == nil)
        #expect(d.grad?.scalars == [5, 10])

        let rows = try Tensor.cat([a, Tensor([[0.0, 0.0]])])
        #expect(rows.shape == [3, 2] && rows.scalars == [1, 2, 3, 4, 0, 0])
    }

    @Test func catReportsPyTorchsErrors() {
        #expect(throws: TensorError("torch.cat(): expected a non-empty list of Tensors")) { try Tensor.cat([]) }
        #expect(throws: TensorError("zero-dimensional tensor (at position 1) cannot be concatenated")) {
            try Tensor.cat([Tensor([1.0]), Tensor(2.0)])
        }
        #expect(throws: TensorError("Tensors must have same number of dimensions: got 2 and 1")) {
            try Tensor.cat([Tensor([[1.0]]), Tensor([2.0])])
        }
        #expect(throws: TensorError("Sizes of tensors must match except in dimension 0. Expected size 2 but got size 1 for tensor number 1 in the list.")) {
            try Tensor.cat([Tensor([[1.0, 2.0]]), Tensor([[3.0]])])
        }
        #expect(throws: TensorError("Dimension out of range (expected to be in range of [-1, 0], but got 1)")) {
            try Tensor.cat([Tensor([1.0])], dim: 1)
        }
    }
}
