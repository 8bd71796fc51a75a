import LessonCells
import Testing

/// The engine as cells use it.
@Suite struct EngineCellTests {
    @Test func tensorCreation() {
        let code = """
        manualSeed(123)
        let a = Tensor.randn(1, 10)
        let b = Tensor.rand([2, 3])
        print(a.shape, b.shape, Tensor.zeros(2, 2).sum().item(), Tensor.ones([3]).sum().item(), Tensor(2.5).shape)
        """
        #expect(printed(code) == "[1, 10] [2, 3] 0.0 3.0 []\n")
    }

    @Test func seededDrawsRepeat() {
        #expect(printed("manualSeed(5)\nlet a = Tensor.randn(4).scalars\nmanualSeed(5)\nprint(a == Tensor.randn(4).scalars)") == "true\n")
    }

    @Test func arithmeticWithScalarsAndBroadcasting() {
        let code = """
        let x = Tensor([[1.0, 2.0], [3.0, 4.0]])
        let row = Tensor([10.0, 20.0])
        print((x + row).scalars, (2 * x - 1).scalars, (x / 2).scalars, (1 / x).shape, (-x).sum().item())
        """
        #expect(printed(code) == "[11.0, 22.0, 13.0, 24.0] [1.0, 3.0, 5.0, 7.0] [0.5, 1.0, 1.5, 2.0] [2, 2] -10.0\n")
    }

    @Test func elementwiseFunctions() {
        let code = """
        let x = Tensor([0.0, 1.0])
        print(exp(x).scalars[0], tanh(x).scalars[0], erf(x).scalars[0], sqrt(x + 4).scalars[0], pow(x + 2, 2).scalars[1], relu(x - 0.5).scalars, sigmoid(x).scalars[0])
        """
        #expect(printed(code) == "1.0 0.0 0.0 2.0 9.0 [0.0, 0.5] 0.5\n")
    }

    @Test func gradientsFlowBack() {
        let code = """
        manualSeed(0)
        let layer = Linear(2, 1)
        print(layer.weight.grad == nil)
        let loss = mseLoss(layer(Tensor([[1.0, -1.0]])), Tensor([[0.5]]))
        loss.backward()
        print(layer.weight.grad!.shape, layer.bias!.grad!.shape, loss.shape)
        """
        #expect(printed(code) == "true\n[1, 2] [1] []\n")
    }

    @Test func mseLossBroadcastWarningIsAWarningItem() {
        let output = runCell("let loss = mseLoss(Tensor([[1.0, 2.0, 3.0]]), Tensor([[0.0]]))\nprint(loss.item())")
        #expect(output.printedText == "4.666666507720947\n")
        #expect(output.warnings.count == 1)
        #expect(output.warnings.first?.hasPrefix("Using a target size (torch.Size([1, 1])) that is different to the input size (torch.Size([1, 3]))") == true)
    }

    @Test func meanAndSumAlongADimension() {
        #expect(printed("let x = Tensor([[1.0, 2.0], [3.0, 4.0]])\nprint(x.mean(dim: 0).scalars, x.sum(dim: 1, keepDim: true).shape)") == "[2.0, 3.0] [2, 1]\n")
    }

    @Test func doublingCollectionsHitTheSizeBudget() {
        let output = runCell("var s = \"ab\"\nfor _ in 0..<64 { s = s + s }", limits: .init(maxTensorElements: 1_000_000))
        #expect(output.error?.description.hasPrefix("page.md:2:25: error: a collection of") == true, "\(output)")
    }
}
