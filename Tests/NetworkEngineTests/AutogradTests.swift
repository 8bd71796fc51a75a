import Foundation
import Testing
@testable import NetworkEngine

@Suite struct AutogradTests {
    @Test func gradientsAccumulateAcrossBackwardCalls() throws {
        let x = Tensor([1.0, -2.0, 3.0])
        x.requiresGrad = true
        try (x * x).sum().backward()
        #expect(x.grad?.scalars == [2, -4, 6])
        try (x * x).sum().backward()
        #expect(x.grad?.scalars == [4, -8, 12])
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test func aTensorUsedTwiceReceivesBothContributions() throws {
        let x = Tensor(3.0)
        x.requiresGrad = true
        let y = x * x + 2 * x        // dy/dx = 2x + 2
        try y.backward()
        #expect(try x.grad?.item() == 8)
    }

    /// A bias gradient is a sum over rows (`0 + dy` for one row): -0 becomes +0, NaN stays NaN,
    /// everything else is dy bit for bit.
    @Test func oneRowBiasGradientIsTheRowSum() throws {
        let layer = Linear(2, 3, generator: Generator(seed: 8))
        let upstream = try Tensor(shape: [1, 3], scalars: [-0.0, 1.5, -2.25])
        try layer(Tensor([[1.0, -1.0]])).backward(gradient: upstream)
        let bias = try #require(layer.bias?.grad)
        #expect(bias.scalars.map(\.bitPattern) == [Float(0).bitPattern, Float(1.5).bitPattern, Float(-2.25).bitPattern])
        layer.zeroGrad()
        try layer(Tensor([[1.0, -1.0]])).backward(gradient: Tensor([[0.5, 1.5, -2.25]]))
        #expect(layer.bias?.grad?.scalars == [0.5, 1.5, -2.25])
    }

    @Test func explicitUpstreamGradient() throws {
        let x = Tensor([[1.0, 2.0], [3.0, 4.0]])
        x.requiresGrad = true
        try (x * 3).backward(gradient: Tensor([[1.0, 0.0], [0.5, -1.0]]))
        #expect(x.grad?.scalars == [3, 0, 1.5, -3])
    }

    @Test func broadcastingGradientsAreSummedBackToEachShape() throws {
        let a = Tensor([[1.0], [2.0]])          // [2, 1]
        let b = Tensor([10.0, 20.0, 30.0])      // [3]
        a.requiresGrad = true
        b.requiresGrad = true
        let c = a * b                           // [2, 3]
        #expect(c.shape == [2, 3])
        try c.sum().backward()
        #expect(a.grad?.scalars == [60, 60])
        #expect(b.grad?.scalars == [3, 3, 3])
    }

    @Test func derivedOperationsHaveTheirGradients() throws {
        let x = Tensor([0.5, 2.0])
        x.requiresGrad = true
        try (x.log() + x.sqrt() + x.exp() + 1 / x - x / 2 + x.sigmoid() + x.relu() + x.abs().neg()).sum().backward()
        let expected = [0.5, 2.0].map { (v: Double) -> Double in
            let s = 1 / (1 + Foundation.exp(-v))
            return 1 / v + 0.5 / v.squareRoot() + Foundation.exp(v) - 1 / (v * v) - 0.5 + s * (1 - s) + 1 - 1
        }
        for (got, want) in zip(try #require(x.grad).scalars, expected) {
            #expect(abs(Double(got) - want) < 1e-5 * abs(want) + 1e-6)
        }
    }

    @Test func meanAndSumOverADimension() throws {
        let x = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        x.requiresGrad = true
        #expect(try x.sum(dim: 0).scalars == [5, 7, 9])
        #expect(try x.mean(dim: 1, keepDim: true).shape == [2, 1])
        #expect(try x.mean(dim: -1).scalars == [2, 5])
        try x.mean(dim: 1).sum().backward()
        #expect(x.grad?.scalars.allSatisfy { abs($0 - 1.0 / 3) < 1e-7 } == true)
        #expect(throws: TensorError("Dimension out of range (expected to be in range of [-2, 1], but got 2)")) {
            try x.sum(dim: 2)
        }
    }

    @Test func tensorsWithoutGradientsRecordNothing() throws {
        let x = Tensor([1.0, 2.0])
        let y = (x * 2).tanh()
        #expect(!y.requiresGrad)
        #expect(y.inputs.isEmpty && !y.hasHistory)
        #expect(throws: TensorError("element 0 of tensors does not require grad and does not have a grad_fn")) {
            try y.sum().backward()
        }
    }

    @Test func gradIsNilUntilABackwardPassReachesTheTensor() throws {
        let used = Tensor([1.0]), unused = Tensor([2.0])
        used.requiresGrad = true
        unused.requiresGrad = true
        try (used * 3).sum().backward()
        #expect(used.grad != nil)
        #expect(unused.grad == nil)
    }

    @Test func backwardNeedsOneElementOrAnUpstreamGradient() {
        let x = Tensor([1.0, 2.0])
        x.requiresGrad = true
        #expect(throws: TensorError("grad can be implicitly created only for scalar outputs")) { try (x * 2).backward() }
        #expect(throws: TensorError("Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of torch.Size([2]).")) {
            try (x * 2).backward(gradient: Tensor([1.0, 1.0, 1.0]))
        }
    }
}
