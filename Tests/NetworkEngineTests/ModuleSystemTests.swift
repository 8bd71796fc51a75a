import Testing
@testable import NetworkEngine

/// train()/eval(), parameter and buffer names of a GPT-like tree, in PyTorch's order.
@Suite struct ModuleSystemTests {
    struct Block: Module {
        let norm1: LayerNorm
        let att: Linear
        let mask: Tensor
        let drop: Dropout
        let scale: Tensor
        func callAsFunction(_ input: Tensor) throws -> Tensor { try drop(att(norm1(input))) * scale }
    }

    struct Model: Module {
        let tok_emb: Embedding
        let trf_blocks: Sequential
        let blocks: [any Module]
        let final_norm: LayerNorm
        func callAsFunction(_ input: Tensor) throws -> Tensor { try final_norm(trf_blocks(tok_emb(input))) }
    }

    private func block(_ generator: Generator) -> Block {
        let scale = Tensor.ones([4])
        scale.requiresGrad = true
        return Block(norm1: LayerNorm(4), att: Linear(4, 4, bias: false, generator: generator),
                     mask: Tensor.ones([3, 3]), drop: Dropout(0.1, generator: generator), scale: scale)
    }

    private func model() -> Model {
        let generator = Generator(seed: 1)
        return Model(tok_emb: Embedding(7, 4, generator: generator),
                     trf_blocks: Sequential(block(generator), block(generator)),
                     blocks: [Linear(4, 4, generator: generator), Dropout(0.2, generator: generator)],
                     final_norm: LayerNorm(4))
    }

    /// PyTorch lists a module's own parameters before its submodules' (`scale` before `norm1`).
    @Test func namesAreTorchsForAGPTLikeTree() throws {
        let reference = try ModuleReference.object("moduleWalk")
        #expect(model().namedParameters().map(\.name) == reference["names"] as? [String])
        #expect(model().namedBuffers().map(\.name) == ["trf_blocks.0.mask", "trf_blocks.1.mask"])
    }

    @Test func evalAndTrainReachEveryLayer() throws {
        let model = model()
        #expect(model.isTraining)
        model.eval()
        #expect(!model.isTraining)
        #expect(!model.final_norm.isTraining && !model.trf_blocks.isTraining)
        for layer in model.trf_blocks.layers { #expect(!(layer as! Block).drop.isTraining) }
        #expect(!(model.blocks[1] as! Dropout).isTraining)
        let x = Tensor.ones([2, 4])
        #expect(try (model.blocks[1] as! Dropout)(x) === x)
        model.train()
        #expect(model.isTraining && (model.blocks[1] as! Dropout).isTraining)
        let copy = model
        copy.trf_blocks.eval()
        #expect(!(model.trf_blocks.layers[0] as! Block).drop.isTraining, "copies share their layers' flags")
        #expect(model.isTraining, "the blocks' outer modules are still training")
    }

    @Test func aPagesOwnModuleCanHoldAFlag() {
        struct Noisy: Module {
            let mode = TrainingMode()
            func callAsFunction(_ input: Tensor) -> Tensor { mode.isTraining ? input * 2.0 : input }
        }
        let net = Sequential(Noisy(), ReLU())
        net.eval()
        #expect(!(net.layers[0] as! Noisy).mode.isTraining)
    }

    @Test func parametersOfEveryNewModuleReachTheOptimizer() throws {
        let model = model()
        let parameters = model.parameters()
        #expect(parameters.count == 13)
        let optimizer = try SGD(parameters, lr: 0.1)
        try model(Tensor(integers: [1, 2, 3])).sum().backward()
        try optimizer.step()
        optimizer.zeroGrad()
        #expect(parameters.allSatisfy { $0.grad == nil })
    }
}
