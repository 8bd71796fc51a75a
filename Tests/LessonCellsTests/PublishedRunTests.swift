import LessonCells
import LessonModel
import Testing

/// The five published notebook runs, written as a lesson author writes them in cells; each
/// prints the published numbers (`scenarios.json`, `published`) within 1e-5 relative.
@Suite struct PublishedRunTests {
    /// The lesson's own GELU, composed of tensor operations (its tanh approximation).
    static let composedGELU = """
    struct GELU: Module {
        func callAsFunction(_ x: Tensor) -> Tensor {
            0.5 * x * (1 + tanh(sqrt(Tensor(2.0 / Double.pi)) * (x + 0.044715 * pow(x, 3))))
        }
    }
    """

    /// Five `Linear` + activation blocks, with a shortcut wherever shapes allow one.
    static let network = """
    struct ExampleDeepNeuralNetwork: Module {
        var layers: [Sequential]
        let useShortcut: Bool

        init(layerSizes: [Int], useShortcut: Bool) {
            self.useShortcut = useShortcut
            layers = (0..<layerSizes.count - 1).map { i in
                Sequential(Linear(layerSizes[i], layerSizes[i + 1]), GELU())
            }
        }

        func callAsFunction(_ input: Tensor) -> Tensor {
            var x = input
            for layer in layers {
                let output = layer(x)
                x = useShortcut && x.shape == output.shape ? x + output : output
            }
            return x
        }
    }
    """

    static let printGradients = """
    func printGradients(_ model: Module, _ x: Tensor) {
        let output = model(x)
        let loss = mseLoss(output, Tensor([[0.0]]))
        loss.backward()
        for (name, parameter) in model.namedParameters() where name.hasSuffix("weight") {
            print("\\(name) has gradient mean of \\(parameter.grad!.abs().mean().item())")
        }
    }
    """

    func published(_ id: String) throws -> [String: Any] {
        let scenario = try #require(try Reference.cases("scenarios.json").first { $0["id"] as? String == id })
        return try #require(scenario["published"] as? [String: Any])
    }

    func expectMeans(_ text: String, _ expected: [Double], names: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let means = gradientMeans(in: text)
        #expect(means.map(\.name) == names, sourceLocation: sourceLocation)
        #expect(means.count == expected.count, sourceLocation: sourceLocation)
        for (got, want) in zip(means, expected) {
            #expect(closeRelative(got.value, want), "\(got.name): \(got.value) vs \(want)", sourceLocation: sourceLocation)
        }
    }

    static let sequentialNames = (0..<5).map { "layers.\($0).0.weight" }

    @Test func bookListingWithoutShortcuts() throws {
        let outputs = runPage([
            (10, Self.composedGELU), (20, Self.network),
            (50, "let layerSizes = [3, 3, 3, 3, 3, 1]\nlet sampleInput = Tensor([[1.0, 0.0, -1.0]])\nmanualSeed(123)\nlet modelWithoutShortcut = ExampleDeepNeuralNetwork(layerSizes: layerSizes, useShortcut: false)"),
            (60, Self.printGradients + "\nprintGradients(modelWithoutShortcut, sampleInput)"),
        ])
        for o in outputs { #expect(o.error == nil, "\(o.error!)") }
        for (_, numbers) in try published("book-listing-4.5") {
            expectMeans(outputs[3].printedText, try #require(numbers as? [Double]), names: Self.sequentialNames)
        }
    }

    @Test func bookListingWithShortcuts() throws {
        let outputs = runPage([
            (10, Self.composedGELU), (20, Self.network),
            (50, "manualSeed(123)\nlet modelWithShortcut = ExampleDeepNeuralNetwork(layerSizes: [3, 3, 3, 3, 3, 1], useShortcut: true)"),
            (60, Self.printGradients + "\nprintGradients(modelWithShortcut, Tensor([[1.0, 0.0, -1.0]]))"),
        ])
        for o in outputs { #expect(o.error == nil, "\(o.error!)") }
        for (_, numbers) in try published("book-listing-4.5-shortcut") {
            expectMeans(outputs[3].printedText, try #require(numbers as? [Double]), names: Self.sequentialNames)
        }
    }

    /// Seed 000 ran the forward and backward pass three times without zeroing the gradients,
    /// so its printed means are three single passes accumulated.
    @Test func threeBackwardCallsAccumulate() throws {
        let outputs = runPage([
            (10, Self.composedGELU), (20, Self.network),
            (50, """
            manualSeed(123)
            let model = ExampleDeepNeuralNetwork(layerSizes: [3, 3, 3, 3, 3, 1], useShortcut: false)
            let input = Tensor([[1.0, 0.0, -1.0]])
            for _ in 0..<3 {
                mseLoss(model(input), Tensor([[0.0]])).backward()
            }
            for (name, parameter) in model.namedParameters() where name.hasSuffix("weight") {
                print("\\(name) has gradient mean of \\(parameter.grad!.abs().mean().item())")
            }
            """),
        ])
        for o in outputs { #expect(o.error == nil, "\(o.error!)") }
        let numbers = try #require(try published("accumulated-three-backward-calls")["000_7afdc8af26ed1517.txt"] as? [Double])
        expectMeans(outputs[2].printedText, numbers, names: Self.sequentialNames)
    }

    /// Seed 002: plain bias-free `Linear` layers, `relu(layer(x)) + x` on all but the last.
    @Test func reluResidualWithoutBiasOnRandomInput() throws {
        let outputs = runPage([
            (10, """
            struct ResidualNetwork: Module {
                var layers: [Linear]
                let activation = ReLU()

                init(layerSizes: [Int]) {
                    layers = (0..<layerSizes.count - 1).map { Linear(layerSizes[$0], layerSizes[$0 + 1], bias: false) }
                }

                func callAsFunction(_ input: Tensor) -> Tensor {
                    var x = input
                    for (i, layer) in layers.enumerated() {
                        x = i < layers.count - 1 ? activation(layer(x)) + x : layer(x)
                    }
                    return x
                }
            }
            """),
            (40, "manualSeed(123)\nlet sampleInput = Tensor.randn(1, 10)\nlet model = ResidualNetwork(layerSizes: [10, 10, 10, 10, 10, 1])"),
            (50, Self.printGradients + "\nprintGradients(model, sampleInput)"),
        ])
        for o in outputs { #expect(o.error == nil, "\(o.error!)") }
        let numbers = try #require(try published("relu-no-bias-randn-residual")["002_31e84b59c692583a.txt"] as? [Double])
        expectMeans(outputs[2].printedText, numbers, names: (0..<5).map { "layers.\($0).weight" })
    }

    /// Seed 003: both models from one seed, exact GELU, the shortcut always added (the last
    /// layer's [1, 1] output broadcasts against [1, 3]), so MSE warns about the target's size.
    @Test func exactGELUTwoModelsOneSeedWithBroadcastWarning() throws {
        let network = """
        struct DeepNetwork: Module {
            var layers: [Sequential]
            let useShortcut: Bool

            init(layerSizes: [Int], useShortcut: Bool) {
                self.useShortcut = useShortcut
                layers = []
                for i in 0..<layerSizes.count - 1 {
                    layers.append(Sequential(Linear(layerSizes[i], layerSizes[i + 1]), GELU()))
                }
            }

            func callAsFunction(_ input: Tensor) -> Tensor {
                var x = input
                for layer in layers { x = useShortcut ? x + layer(x) : layer(x) }
                return x
            }
        }
        """
        let outputs = runPage([
            (10, network),
            (40, "manualSeed(123)\nlet sizes = [3, 3, 3, 3, 3, 1]\nlet plain = DeepNetwork(layerSizes: sizes, useShortcut: false)\nlet residual = DeepNetwork(layerSizes: sizes, useShortcut: true)\nlet sampleInput = Tensor([[1.0, 0.0, -1.0]])"),
            (50, Self.printGradients + "\nprintGradients(plain, sampleInput)"),
            (60, "printGradients(residual, sampleInput)"),
        ])
        for o in outputs { #expect(o.error == nil, "\(o.error!)") }
        let numbers = try #require(try published("exact-gelu-two-models-one-seed")["003_5ccfd8c3770ad34e.txt"] as? [[Double]])
        expectMeans(outputs[2].printedText, numbers[0], names: Self.sequentialNames)
        expectMeans(outputs[3].printedText, numbers[1], names: Self.sequentialNames)
        #expect(outputs[2].warnings.isEmpty)
        #expect(outputs[3].warnings == ["Using a target size (torch.Size([1, 1])) that is different to the input size (torch.Size([1, 3])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size."])
    }
}
