import Testing
@testable import NetworkEngine

/// How a network joins a layer's output to its input (the reference files' shortcut styles).
enum ShortcutStyle: String {
    case none
    /// x = x + layer(x) where the shapes agree, else x = layer(x) (the book's listing).
    case whenShapesMatch = "when-shapes-match"
    /// x = x + layer(x), broadcasting ([1, 3] + [1, 1] is [1, 3]).
    case always
}

/// The lesson's network: a list of `Linear` + activation blocks, with optional shortcuts.
struct ExampleDeepNeuralNetwork: Module {
    var layers: [Sequential]
    let shortcut: ShortcutStyle

    init(layerSizes: [Int], shortcut: ShortcutStyle, bias: Bool = true,
         generator: Generator = .default, activation: () -> any Module) {
        self.shortcut = shortcut
        layers = (0..<layerSizes.count - 1).map { i in
            Sequential(Linear(layerSizes[i], layerSizes[i + 1], bias: bias, generator: generator), activation())
        }
    }

    func callAsFunction(_ input: Tensor) throws -> Tensor {
        var x = input
        for layer in layers {
            let output = try layer(x)
            switch shortcut {
            case .none: x = output
            case .whenShapesMatch: x = x.shape == output.shape ? x + output : output
            case .always: x = x + output
            }
        }
        return x
    }
}

/// Seed 002's network: plain `Linear` layers; every hidden layer is act(layer(x)) + x, the last
/// layer is applied alone.
struct ResidualNetwork: Module {
    var layers: [Linear]
    let activation: any Module

    init(layerSizes: [Int], bias: Bool, generator: Generator = .default, activation: any Module) {
        layers = (0..<layerSizes.count - 1).map { Linear(layerSizes[$0], layerSizes[$0 + 1], bias: bias, generator: generator) }
        self.activation = activation
    }

    func callAsFunction(_ input: Tensor) throws -> Tensor {
        var x = input
        for (index, layer) in layers.enumerated() {
            x = try index < layers.count - 1 ? activation(layer(x)) + x : layer(x)
        }
        return x
    }
}

/// A network described by a reference spec (`layerSizes`, `activation`, `shortcut`, `bias`).
func network(_ spec: [String: Any], generator: Generator = .default) -> any Module {
    let sizes = spec["layerSizes"] as! [Int]
    let activationName = spec["activation"] as! String
    let bias = spec["bias"] as? Bool ?? true
    let style = spec["shortcut"] as! String
    if style == "residual-except-last" {
        return ResidualNetwork(layerSizes: sizes, bias: bias, generator: generator,
                               activation: activation(named: activationName))
    }
    return ExampleDeepNeuralNetwork(layerSizes: sizes, shortcut: ShortcutStyle(rawValue: style)!, bias: bias,
                                    generator: generator) { activation(named: activationName) }
}

/// What one forward/MSE/backward pass printed: loss, warnings and mean |grad| of the weights.
struct PassResult {
    var loss: Float
    var warnings: [String]
    var weightGradientMeans: [(name: String, value: Double)]
}

/// One pass as the notebooks run it: forward, MSE against the target, backward (no zeroing).
func trainingPass(_ model: any Module, input: Tensor, target: Tensor) throws -> PassResult {
    let (loss, warnings) = try collectingWarnings { try mseLoss(model(input), target) }
    try loss.backward()
    let means = try model.namedParameters().filter { $0.name.contains("weight") }.map { entry in
        (entry.name, try #require(entry.parameter.grad).abs().mean().item())
    }
    return PassResult(loss: loss.scalars[0], warnings: warnings, weightGradientMeans: means)
}
