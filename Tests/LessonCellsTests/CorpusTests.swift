import LessonCells
import LessonModel
import Testing

/// Every network of `corpus.json`, written as cells the way an author would write it (a struct
/// with the case's activation, shortcut style and bias), prints each parameter's mean |grad|
/// within 1e-5 relative of PyTorch's.
@Suite struct CorpusTests {
    /// The activation a case names, as cell code.
    static func activation(_ name: String) -> String {
        switch name {
        case "gelu-tanh-composed": return "ComposedGELU()"
        case "gelu-erf": return "GELU()"
        case "gelu-tanh-builtin": return "GELU(approximate: .tanh)"
        case "relu": return "ReLU()"
        case "sigmoid": return "Sigmoid()"
        case "tanh": return "Tanh()"
        default: return "Unknown_\(name)()"
        }
    }

    /// The network of one case: blocks of `Linear` and activation with the case's shortcut.
    static func networkSource(activation: String, shortcut: String, bias: Bool) -> String {
        let composed = """
        struct ComposedGELU: Module {
            func callAsFunction(_ x: Tensor) -> Tensor {
                0.5 * x * (1 + tanh(sqrt(Tensor(2.0 / Double.pi)) * (x + 0.044715 * pow(x, 3))))
            }
        }

        """
        let act = Self.activation(activation)
        if shortcut == "residual-except-last" {
            return composed + """
            struct Network: Module {
                var layers: [Linear] = []
                let activation: Module

                init(layerSizes: [Int]) {
                    for i in 0..<layerSizes.count - 1 {
                        layers.append(Linear(layerSizes[i], layerSizes[i + 1], bias: \(bias)))
                    }
                    activation = \(act)
                }

                func callAsFunction(_ input: Tensor) -> Tensor {
                    var x = input
                    for (i, layer) in layers.enumerated() {
                        if i == layers.count - 1 {
                            x = layer(x)
                        } else {
                            x = activation(layer(x)) + x
                        }
                    }
                    return x
                }
            }
            """
        }
        let step: String
        switch shortcut {
        case "when-shapes-match": step = "x = output.shape == x.shape ? x + output : output"
        case "always": step = "x = x + output"
        default: step = "x = output"
        }
        return composed + """
        struct Network: Module {
            let layers: [Sequential]

            init(layerSizes: [Int]) {
                layers = zip(layerSizes, layerSizes.dropFirst()).map { (inputs, outputs) in
                    Sequential(Linear(inputs, outputs, bias: \(bias)), \(act))
                }
            }

            func callAsFunction(_ input: Tensor) -> Tensor {
                var x = input
                for layer in layers {
                    let output = layer(x)
                    \(step)
                }
                return x
            }
        }
        """
    }

    static func runSource(_ spec: [String: Any]) throws -> String {
        let model = try #require((spec["models"] as? [[String: Any]])?.first)
        let sizes = try #require(model["layerSizes"] as? [Int])
        let input = try #require(spec["input"] as? [String: Any])
        let inputCode: String
        if input["kind"] as? String == "literal" {
            inputCode = "let input = Tensor(\(literal(input["value"]!)))"
        } else {
            let shape = try #require(input["shape"] as? [Int])
            inputCode = "let input = Tensor.randn(\(shape.map(String.init).joined(separator: ", ")))"
        }
        let build = "let model = Network(layerSizes: \(sizes))"
        let inputFirst = spec["inputFirst"] as? Bool ?? true
        return """
        manualSeed(\(spec["seed"] as? Int ?? 0))
        \(inputFirst ? inputCode : build)
        \(inputFirst ? build : inputCode)
        let target = Tensor(\(literal(spec["target"]!)))
        for _ in 0..<\(spec["passes"] as? Int ?? 1) {
            let loss = mseLoss(model(input), target)
            loss.backward()
        }
        for (name, parameter) in model.namedParameters() {
            print("\\(name) has gradient mean of \\(parameter.grad!.abs().mean().item())")
        }
        """
    }

    @Test func everyCorpusNetworkMatchesPyTorch() throws {
        let cases = try Reference.cases("corpus.json")
        #expect(cases.count == 120)
        var worst = (relative: 0.0, what: "")
        var exact = 0, compared = 0
        for spec in cases {
            let id = spec["id"] as? String ?? "?"
            let model = try #require((spec["models"] as? [[String: Any]])?.first)
            let network = Self.networkSource(
                activation: model["activation"] as? String ?? "", shortcut: model["shortcut"] as? String ?? "",
                bias: model["bias"] as? Bool ?? true)
            let outputs = runPage([(5, network), (60, try Self.runSource(spec))])
            guard outputs.allSatisfy({ $0.error == nil }) else {
                Issue.record("\(id): \(outputs.compactMap(\.error))")
                continue
            }
            let expected = try #require((spec["results"] as? [[String: Any]])?.first?["gradMeanAbs"] as? [[String: Any]])
            let means = gradientMeans(in: outputs[1].printedText)
            #expect(means.map(\.name) == expected.map { $0["name"] as? String ?? "" }, "\(id)")
            for (got, want) in zip(means, expected) {
                let value = want["value"] as? Double ?? .nan
                let error = relativeError(got.value, value)
                compared += 1
                if error == 0 { exact += 1 }
                if error > worst.relative { worst = (error, "\(id) \(got.name)") }
                #expect(error <= 1e-5, "\(id) \(got.name): \(got.value) vs \(value)")
            }
        }
        print("corpus through cells: worst relative error \(worst.relative) (\(worst.what)); \(exact) of \(compared) bit-exact")
    }
}
