import Testing
@testable import NetworkEngine

/// `corpus.json`: 120 random networks (depth, width, activation, shortcut style, bias, seed,
/// literal or random input, one or two passes). Loss and mean |grad| of every parameter within
/// 1e-5 relative of PyTorch. Each case draws from its own generator object.
@Suite struct CorpusTests {
    @Test func everyCaseMatchesPyTorch() throws {
        let cases = try Reference.cases("corpus.json")
        #expect(cases.count == 120)
        var worst = (relative: 0.0, what: "")
        var exactLosses = 0
        for spec in cases {
            let id = try #require(spec["id"] as? String)
            let generator = Generator(seed: UInt64(try #require(spec["seed"] as? Int)))
            let inputSpec = try #require(spec["input"] as? [String: Any])
            func makeInput() throws -> Tensor {
                if let shape = inputSpec["shape"] as? [Int] { return Tensor.randn(shape, generator: generator) }
                return Tensor(try #require(inputSpec["value"] as? [[Double]]))
            }
            let inputFirst = spec["inputFirst"] as? Bool ?? true
            var input = inputFirst ? try makeInput() : nil
            let modelSpecs = try #require(spec["models"] as? [[String: Any]])
            let models = modelSpecs.map { network($0, generator: generator) }
            if input == nil { input = try makeInput() }
            let x = try #require(input)
            let drawn = try encodedTensor(spec["inputValue"]).values
            #expect(zip(x.scalars, drawn).allSatisfy { ulpDistance($0, $1) <= 2 }, "\(id) input")
            let target = Tensor(try #require(spec["target"] as? [[Double]]))
            let results = try #require(spec["results"] as? [[String: Any]])
            for (model, result) in zip(models, results) {
                let expectedPasses = try #require(result["passes"] as? [[String: Any]])
                for expected in expectedPasses {
                    let pass = try trainingPass(model, input: x, target: target)
                    let loss = try encodedScalar(expected["loss"])
                    if loss.bitPattern == pass.loss.bitPattern { exactLosses += 1 }
                    let error = relativeError(Double(pass.loss), Double(loss))
                    if error > worst.relative { worst = (error, "\(id) loss") }
                    #expect(error <= 1e-5, "\(id) loss \(pass.loss) vs \(loss)")
                    #expect(pass.warnings == (expected["warnings"] as? [String]), "\(id) warnings")
                }
                let expectedMeans = try #require(result["gradMeanAbs"] as? [[String: Any]])
                let parameters = model.namedParameters()
                #expect(parameters.map(\.name) == expectedMeans.map { $0["name"] as? String ?? "" }, "\(id) names")
                for ((name, parameter), expected) in zip(parameters, expectedMeans) {
                    let mean = try #require(parameter.grad).abs().mean().item()
                    let reference = Double(try encodedScalar(expected))
                    let error = relativeError(mean, reference)
                    if error > worst.relative { worst = (error, "\(id) \(name)") }
                    #expect(error <= 1e-5, "\(id) \(name): mean |grad| \(mean) vs \(reference)")
                }
            }
        }
        print("corpus: worst relative error \(worst.relative) (\(worst.what)); losses bit-exact \(exactLosses)")
    }
}
