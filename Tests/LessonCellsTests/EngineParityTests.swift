import LessonCells
import NetworkEngine
import Testing

/// The corpus networks built with the engine's Swift API directly (as the engine's own tests do),
/// to show the interpreter adds no arithmetic of its own: through cells, every mean |grad| has
/// the same bits.
private struct DirectComposedGELU: Module {
    func callAsFunction(_ x: Tensor) -> Tensor {
        0.5 * x * (1 + tanh(sqrt(Tensor(2.0 / Double.pi)) * (x + 0.044715 * pow(x, 3))))
    }
}

/// act(layer(x)) + x for every hidden layer, the last layer alone.
private struct DirectResidualNetwork: Module {
    var layers: [Linear]
    let activation: any Module
    func callAsFunction(_ input: Tensor) throws -> Tensor {
        var x = input
        for (index, layer) in layers.enumerated() {
            x = try index < layers.count - 1 ? activation(layer(x)) + x : layer(x)
        }
        return x
    }
}

/// `Sequential(Linear, activation)` blocks joined by the case's shortcut.
private struct DirectBlockNetwork: Module {
    var layers: [Sequential]
    let shortcut: String
    func callAsFunction(_ input: Tensor) throws -> Tensor {
        var x = input
        for layer in layers {
            let output = try layer(x)
            switch shortcut {
            case "when-shapes-match": x = x.shape == output.shape ? x + output : output
            case "always": x = x + output
            default: x = output
            }
        }
        return x
    }
}

private func directActivation(_ name: String) -> any Module {
    switch name {
    case "gelu-tanh-composed": return DirectComposedGELU()
    case "gelu-erf": return GELU()
    case "gelu-tanh-builtin": return GELU(approximate: .tanh)
    case "relu": return ReLU()
    case "sigmoid": return Sigmoid()
    default: return Tanh()
    }
}

@Suite struct EngineParityTests {
    /// The mean |grad| of every parameter, computed by the engine directly for one corpus case.
    static func directMeans(_ spec: [String: Any]) throws -> [(name: String, value: Double)] {
        let model = try #require((spec["models"] as? [[String: Any]])?.first)
        let sizes = try #require(model["layerSizes"] as? [Int])
        let bias = model["bias"] as? Bool ?? true
        let activation = model["activation"] as? String ?? ""
        let shortcut = model["shortcut"] as? String ?? ""
        let inputSpec = try #require(spec["input"] as? [String: Any])
        // A generator of its own: tests run in parallel and cells never use the default one.
        let generator = Generator(seed: UInt64(try #require(spec["seed"] as? Int)))
        func makeInput() throws -> Tensor {
            if let shape = inputSpec["shape"] as? [Int] { return Tensor.randn(shape, generator: generator) }
            return Tensor(try #require(inputSpec["value"] as? [[Double]]))
        }
        let inputFirst = spec["inputFirst"] as? Bool ?? true
        let early = inputFirst ? try makeInput() : nil
        let network: any Module
        if shortcut == "residual-except-last" {
            network = DirectResidualNetwork(
                layers: (0..<sizes.count - 1).map { Linear(sizes[$0], sizes[$0 + 1], bias: bias, generator: generator) },
                activation: directActivation(activation))
        } else {
            network = DirectBlockNetwork(
                layers: (0..<sizes.count - 1).map {
                    Sequential(Linear(sizes[$0], sizes[$0 + 1], bias: bias, generator: generator), directActivation(activation))
                },
                shortcut: shortcut)
        }
        let input = try early ?? makeInput()
        let target = Tensor(try #require(spec["target"] as? [[Double]]))
        for _ in 0..<(spec["passes"] as? Int ?? 1) { try mseLoss(network(input), target).backward() }
        return try network.namedParameters().map { ($0.name, try #require($0.parameter.grad).abs().mean().item()) }
    }

    @Test func cellsComputeWhatTheEngineComputes() throws {
        for spec in try Reference.cases("corpus.json") {
            let id = spec["id"] as? String ?? "?"
            let model = try #require((spec["models"] as? [[String: Any]])?.first)
            let network = CorpusTests.networkSource(
                activation: model["activation"] as? String ?? "", shortcut: model["shortcut"] as? String ?? "",
                bias: model["bias"] as? Bool ?? true)
            let outputs = runPage([(5, network), (60, try CorpusTests.runSource(spec))])
            let cells = gradientMeans(in: outputs[1].printedText)
            let direct = try Self.directMeans(spec)
            #expect(cells.count == direct.count, "\(id)")
            for (got, want) in zip(cells, direct) {
                #expect(got.value.bitPattern == want.value.bitPattern, "\(id) \(got.name): \(got.value) vs \(want.value)")
            }
        }
    }
}
