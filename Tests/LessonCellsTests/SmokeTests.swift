import LessonCells
import Testing

@Test func lessonListingRuns() {
    let code = """
    import NetworkEngine
    struct GELU: Module {
        func callAsFunction(_ x: Tensor) -> Tensor {
            0.5 * x * (1 + tanh(sqrt(Tensor(2.0 / Double.pi)) * (x + 0.044715 * pow(x, 3))))
        }
    }
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
    let layerSizes = [3, 3, 3, 3, 3, 1]
    let sampleInput = Tensor([[1.0, 0.0, -1.0]])
    manualSeed(123)
    let modelWithoutShortcut = ExampleDeepNeuralNetwork(layerSizes: layerSizes, useShortcut: false)

    func printGradients(_ model: Module, _ x: Tensor) {
        let output = model(x)
        let loss = mseLoss(output, Tensor([[0.0]]))
        loss.backward()
        for (name, parameter) in model.namedParameters() where name.hasSuffix("weight") {
            print("\\(name) has gradient mean of \\(parameter.grad!.abs().mean().item())")
        }
    }
    printGradients(modelWithoutShortcut, sampleInput)
    """
    let out = runCell(code)
    print(out)
    #expect(out.printedText.contains("layers.0.0.weight has gradient mean of 0.0002017358"))
}
