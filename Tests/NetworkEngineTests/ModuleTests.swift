import Testing
@testable import NetworkEngine

/// Parameter discovery: PyTorch's order and dotted names from plain Swift structure.
@Suite struct ModuleTests {
    struct Net: Module {
        var layers: [Sequential]
        let head: Linear
        func callAsFunction(_ input: Tensor) throws -> Tensor { try head(layers.reduce(input) { x, layer in try layer(x) }) }
    }

    struct Scaled: Module {
        let inner: Net
        let scale: Tensor
        let constant: Tensor
        func callAsFunction(_ input: Tensor) throws -> Tensor { try inner(input) * scale + constant }
    }

    @Test func namesComeFromStoredPropertiesArrayIndicesAndChildIndices() {
        let generator = Generator(seed: 1)
        let net = Net(layers: [Sequential(Linear(2, 2, generator: generator), ReLU()),
                               Sequential(Linear(2, 3, bias: false, generator: generator), Tanh())],
                      head: Linear(3, 1, generator: generator))
        #expect(net.namedParameters().map(\.name)
                == ["layers.0.0.weight", "layers.0.0.bias", "layers.1.0.weight", "head.weight", "head.bias"])
        #expect(net.parameters().count == 5)
        #expect(net.parameters()[0] === net.layers[0].layers.compactMap { $0 as? Linear }.first?.weight)
    }

    @Test func tensorsThatNeedGradientsAreParametersAndNestedModulesArePrefixed() {
        let scale = Tensor.ones([1])
        scale.requiresGrad = true
        let model = Scaled(inner: Net(layers: [], head: Linear(2, 1, generator: Generator(seed: 2))),
                           scale: scale, constant: Tensor.zeros([1]))
        // PyTorch lists a module's own parameters (`_parameters`) before its submodules'.
        #expect(model.namedParameters().map(\.name) == ["scale", "inner.head.weight", "inner.head.bias"])
    }

    @Test func sharedParametersAreListedOnce() {
        let layer = Linear(2, 2, generator: Generator(seed: 3))
        let model = Sequential(layer, ReLU(), layer)
        #expect(model.namedParameters().map(\.name) == ["0.weight", "0.bias"])
    }

    @Test func zeroGradClearsEveryGradient() throws {
        let model = Sequential(Linear(2, 2, generator: Generator(seed: 4)), GELU(approximate: .tanh))
        try model(Tensor([[1.0, 2.0]])).sum().backward()
        #expect(model.parameters().allSatisfy { $0.grad != nil })
        model.zeroGrad()
        #expect(model.parameters().allSatisfy { $0.grad == nil })
    }

    @Test func linearWeightThenBiasWithPyTorchShapes() {
        let layer = Linear(4, 3, generator: Generator(seed: 5))
        #expect(layer.weight.shape == [3, 4])
        #expect(layer.bias?.shape == [3])
        #expect(layer.weight.requiresGrad && layer.bias?.requiresGrad == true)
        #expect(Linear(4, 3, bias: false, generator: Generator(seed: 5)).bias == nil)
    }

    @Test func sequentialReportsALayersShapeError() {
        let model = Sequential(Linear(3, 2, generator: Generator(seed: 6)))
        #expect(throws: TensorError("mat1 and mat2 shapes cannot be multiplied (1x2 and 3x2)")) {
            try model(Tensor([[1.0, 2.0]]))
        }
    }

    /// The remembered walk of a struct model must follow changes to the value and to its tensors.
    @Test func rememberedParameterWalksFollowTheModelValue() {
        let generator = Generator(seed: 7)
        var net = Net(layers: [Sequential(Linear(2, 2, generator: generator), ReLU())],
                      head: Linear(2, 1, generator: generator))
        #expect(net.namedParameters().count == 4)
        let replaced = Linear(2, 2, bias: false, generator: generator)
        net.layers[0] = Sequential(replaced, ReLU())
        #expect(net.namedParameters().map(\.name) == ["layers.0.0.weight", "head.weight", "head.bias"])
        #expect(net.parameters()[0] === replaced.weight)
        net.layers[0].layers.append(Linear(2, 2, generator: generator))
        #expect(net.namedParameters().map(\.name)
                == ["layers.0.0.weight", "layers.0.2.weight", "layers.0.2.bias", "head.weight", "head.bias"])
        replaced.weight.requiresGrad = false
        #expect(net.parameters().count == 4)
        replaced.weight.requiresGrad = true
        #expect(net.parameters().count == 5)
    }
}
