import LessonCells
import Testing

/// Parameter names follow PyTorch: stored properties in declaration order, array indices,
/// `Sequential` child indices, nested modules recursively.
@Suite struct ModuleTests {
    @Test func namedParametersFollowPyTorchNames() {
        let code = """
        struct Block: Module {
            let norm: Linear
            var extra: [Linear]
            init() {
                norm = Linear(2, 2, bias: false)
                extra = [Linear(2, 2)]
            }
            func callAsFunction(_ x: Tensor) -> Tensor { extra[0](norm(x)) }
        }
        struct Net: Module {
            let head = Linear(2, 1)
            var blocks: [Sequential]
            let scale: Double = 2
            init() {
                blocks = [Sequential(Linear(2, 2), ReLU(), Block())]
            }
            func callAsFunction(_ x: Tensor) -> Tensor { head(blocks[0](x)) }
        }
        manualSeed(0)
        let net = Net()
        for (name, p) in net.namedParameters() { print(name, p.shape) }
        print(net.parameters().count)
        """
        #expect(printed(code) == """
        head.weight [1, 2]
        head.bias [1]
        blocks.0.0.weight [2, 2]
        blocks.0.0.bias [2]
        blocks.0.2.norm.weight [2, 2]
        blocks.0.2.extra.0.weight [2, 2]
        blocks.0.2.extra.0.bias [2]
        7

        """)
    }

    @Test func zeroGradClearsAccumulatedGradients() {
        let code = """
        manualSeed(3)
        let model = Sequential(Linear(2, 1), Sigmoid())
        let x = Tensor([[1.0, 2.0]])
        mseLoss(model(x), Tensor([[0.0]])).backward()
        let once = model.parameters()[0].grad!.abs().sum().item()
        mseLoss(model(x), Tensor([[0.0]])).backward()
        let twice = model.parameters()[0].grad!.abs().sum().item()
        model.zeroGrad()
        print(abs(twice - 2 * once) < 1e-6, model.parameters()[0].grad == nil)
        """
        #expect(printed(code) == "true true\n")
    }

    @Test func sequentialChildrenAreReachableByIndex() {
        let code = """
        manualSeed(1)
        let block = Sequential(Linear(3, 2), GELU(approximate: .tanh))
        print(block[0].weight.shape, block.count)
        """
        #expect(printed(code) == "[2, 3] 2\n")
    }

    @Test func tensorsPrintLikePyTorch() {
        #expect(printed("print(Tensor([[1.0, -0.5]]))") == "tensor([[ 1.0000, -0.5000]])\n")
        // PyTorch 2.13: x * 2.0 of a leaf that requires grad, and torch.manual_seed(123);
        // nn.Linear(3, 2).weight.
        let code = """
        let x = Tensor([[1.0, -2.5], [0.25, 3.0]])
        x.requiresGrad = true
        print(x * 2.0)
        manualSeed(123)
        let layer = Linear(3, 2)
        print(layer.weight)
        """
        #expect(printed(code) == """
            tensor([[ 2.0000, -5.0000],
                    [ 0.5000,  6.0000]], grad_fn=<MulBackward0>)
            Parameter containing:
            tensor([[-0.2354,  0.0191, -0.2867],
                    [ 0.2177, -0.4919,  0.4232]], requires_grad=True)

            """)
    }

    @Test func builtinLayersMatchTheirTensorFunctions() {
        let code = """
        let x = Tensor([-1.0, 0.5])
        print(ReLU()(x).scalars == relu(x).scalars, Tanh()(x).scalars == tanh(x).scalars, Sigmoid()(x).scalars == sigmoid(x).scalars)
        """
        #expect(printed(code) == "true true true\n")
    }

    @Test func sessionsHaveTheirOwnGenerators() {
        let code = "manualSeed(42)\nprint(Tensor.rand(3).scalars)"
        let a = runCell(code).printedText
        let other = CellSession()
        _ = other.run(CellSource(code: "manualSeed(7)", location: .init(file: "b.md", line: 1, column: 1)))
        let b = runCell(code).printedText
        #expect(a == b)
        #expect(!a.isEmpty)
    }
}
