import Testing
@testable import NetworkEngine

/// `scenarios.json`: the five published notebook runs, written with the engine's Swift API the way
/// a lesson author writes them. Every parameter matches PyTorch's initial bits, every gradient is
/// within 4 ulps, and every printed mean |grad| within 1e-5 of each published notebook.
///
/// These tests seed the global generator, so they run one at a time; no other suite uses it.
@Suite(.serialized) struct PublishedNotebookTests {
    let layerSizes = [3, 3, 3, 3, 3, 1]

    @Test func listingWithoutShortcuts() throws {
        manualSeed(123)
        let model = ExampleDeepNeuralNetwork(layerSizes: layerSizes, shortcut: .none) { ComposedGELU() }
        let pass = try trainingPass(model, input: Tensor([[1.0, 0.0, -1.0]]), target: Tensor([[0.0]]))
        try expectMatchesPyTorch("book-listing-4.5", models: [model], passes: [[pass]])
    }

    @Test func listingWithShortcuts() throws {
        manualSeed(123)
        let model = ExampleDeepNeuralNetwork(layerSizes: layerSizes, shortcut: .whenShapesMatch) { ComposedGELU() }
        let pass = try trainingPass(model, input: Tensor([[1.0, 0.0, -1.0]]), target: Tensor([[0.0]]))
        // The lesson's GELU takes `sqrt(Tensor(2 / π))`: MKL's square root gives 0x3f4c422a, one
        // ulp above the correctly rounded float, and the shortcut run's gradients show it (6 ulps
        // with the correctly rounded root).
        try expectMatchesPyTorch("book-listing-4.5-shortcut", models: [model], passes: [[pass]])
    }

    /// Seed 000 ran its printing cell three times without zeroing: gradients accumulate.
    @Test func threeBackwardCallsAccumulate() throws {
        manualSeed(123)
        let model = ExampleDeepNeuralNetwork(layerSizes: layerSizes, shortcut: .none) { ComposedGELU() }
        let passes = try (0..<3).map { _ in
            try trainingPass(model, input: Tensor([[1.0, 0.0, -1.0]]), target: Tensor([[0.0]]))
        }
        try expectMatchesPyTorch("accumulated-three-backward-calls", models: [model], passes: [passes])
    }

    /// Seed 002: a random input drawn right after seeding, ReLU, no biases, residual hidden layers.
    @Test func reluResidualWithoutBias() throws {
        manualSeed(123)
        let sampleInput = Tensor.randn([1, 10])
        let model = ResidualNetwork(layerSizes: [10, 10, 10, 10, 10, 1], bias: false, activation: ReLU())
        let pass = try trainingPass(model, input: sampleInput, target: Tensor([[0.0]]))
        let spec = try scenario("relu-no-bias-randn-residual")
        #expect(sampleInput.scalars == (try encodedTensor(spec["inputValue"]).values))
        try expectMatchesPyTorch("relu-no-bias-randn-residual", models: [model], passes: [[pass]])
    }

    /// Seed 003: exact GELU, two models built one after the other from one seed; the second adds
    /// every layer's output to its input, broadcasting at the last layer.
    @Test func exactGELUTwoModelsOneSeed() throws {
        manualSeed(123)
        let plain = ExampleDeepNeuralNetwork(layerSizes: layerSizes, shortcut: .none) { GELU() }
        let shortcut = ExampleDeepNeuralNetwork(layerSizes: layerSizes, shortcut: .always) { GELU() }
        let input = Tensor([[1.0, 0.0, -1.0]])
        let passes = try [plain, shortcut].map { [try trainingPass($0, input: input, target: Tensor([[0.0]]))] }
        try expectMatchesPyTorch("exact-gelu-two-models-one-seed", models: [plain, shortcut], passes: passes)
    }

    // MARK: - Comparison with the reference

    private func scenario(_ id: String) throws -> [String: Any] {
        try #require(try Reference.cases("scenarios.json").first { $0["id"] as? String == id })
    }

    /// Gradients within 4 ulps of PyTorch's (the acceptance).
    private func expectMatchesPyTorch(_ id: String, models: [any Module], passes: [[PassResult]],
                                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let spec = try scenario(id)
        let results = try #require(spec["results"] as? [[String: Any]])
        #expect(results.count == models.count, sourceLocation: sourceLocation)
        var worst = Worst()
        for (modelIndex, (model, result)) in zip(models, results).enumerated() {
            // Every parameter: PyTorch's initial values bit for bit, its gradient within 4 ulps.
            let expectedParameters = try #require(result["parameters"] as? [[String: Any]])
            let parameters = model.namedParameters()
            #expect(parameters.map(\.name) == expectedParameters.map { $0["name"] as? String ?? "" },
                    sourceLocation: sourceLocation)
            for ((name, parameter), expected) in zip(parameters, expectedParameters) {
                #expect(parameter.scalars == (try encodedTensor(expected["value"]).values), "\(name) value",
                        sourceLocation: sourceLocation)
                expectClose(try #require(parameter.grad).scalars, try encodedTensor(expected["grad"]).values,
                            "\(id) \(name).grad", relative: 0, worst: &worst,
                            sourceLocation: sourceLocation)
            }
            // Every pass: loss, warnings and the printed means as PyTorch produced them.
            let expectedPasses = try #require(result["passes"] as? [[String: Any]])
            #expect(expectedPasses.count == passes[modelIndex].count, sourceLocation: sourceLocation)
            for (pass, expected) in zip(passes[modelIndex], expectedPasses) {
                expectClose([pass.loss], [try encodedScalar(expected["loss"])], "\(id) loss", worst: &worst,
                            sourceLocation: sourceLocation)
                #expect(pass.warnings == (expected["warnings"] as? [String]), sourceLocation: sourceLocation)
                let means = try #require(expected["weightGradMeanAbs"] as? [[String: Any]])
                #expect(pass.weightGradientMeans.map(\.name) == means.map { $0["name"] as? String ?? "" },
                        sourceLocation: sourceLocation)
                for (mean, expectedMean) in zip(pass.weightGradientMeans, means) {
                    let value = Float(mean.value)
                    expectClose([value], [try encodedScalar(expectedMean)], "\(id) mean |grad| \(mean.name)",
                                worst: &worst, sourceLocation: sourceLocation)
                }
            }
            // What the notebooks printed after their last pass, within 1e-5 relative.
            let printed = passes[modelIndex].last!.weightGradientMeans.map(\.value)
            let published = try #require(spec["published"] as? [String: Any])
            for (notebook, numbers) in published {
                let lists: [[Double]]
                if let perModel = numbers as? [[Double]] { lists = perModel } else { lists = [try #require(numbers as? [Double])] }
                let list = lists[modelIndex]
                #expect(list.count == printed.count, sourceLocation: sourceLocation)
                for (value, publishedValue) in zip(printed, list) {
                    worst.see(relative: value, publishedValue)
                    #expect(relativeError(value, publishedValue) <= 1e-5,
                            "\(id) vs \(notebook): printed \(value), published \(publishedValue)",
                            sourceLocation: sourceLocation)
                }
            }
        }
        print("\(id): worst gradient distance \(worst.ulps) ulps, worst relative error to published \(worst.relative)")
    }
}
