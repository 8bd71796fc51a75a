import Testing
@testable import NetworkEngine

/// `sum()` and `mean()` record named rules (no closure): their gradients, empty tensors included.
@Suite struct WholeReductionTests {
    @Test func sumAndMeanSpreadTheGradient() throws {
        let x = Tensor([1.0, -2.0, 3.0, 4.0])
        x.requiresGrad = true
        try (x.sum() * 3 + x.mean()).backward()
        #expect(x.grad?.scalars == [3.25, 3.25, 3.25, 3.25])
        let empty = Tensor.zeros([0])
        empty.requiresGrad = true
        try empty.sum().backward()
        #expect(empty.grad?.scalars == [])
    }
}
