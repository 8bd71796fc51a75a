import Testing
@testable import NetworkEngine

/// The layers' throwing initializers give torch 2.13's error for a negative size (that of the
/// tensor the layer makes first), and make the same layer as the trapping spelling otherwise.
@Suite struct NegativeModuleSizeTests {
    @Test func layersThrowPyTorchsErrorForANegativeSize() {
        #expect(throws: TensorError("Trying to create tensor with negative dimension -1: [3, -1]")) { try Linear(checking: -1, 3) }
        #expect(throws: TensorError("Trying to create tensor with negative dimension -1: [-1, 3]")) { try Linear(checking: 3, -1) }
        #expect(throws: TensorError("Trying to create tensor with negative dimension -3: [-3, -2]")) { try Linear(checking: -2, -3) }
        #expect(throws: TensorError("Trying to create tensor with negative dimension -1: [-1, 3]")) { try Embedding(checking: -1, 3) }
        #expect(throws: TensorError("Trying to create tensor with negative dimension -1: [3, -1]")) { try Embedding(checking: 3, -1) }
        #expect(throws: TensorError("Trying to create tensor with negative dimension -1: [-1]")) { try LayerNorm(checking: -1) }
        #expect(throws: TensorError("Trying to create tensor with negative dimension -1: [2, -1]")) { try LayerNorm(checking: [2, -1]) }
        #expect(throws: Never.self) { try LayerNorm(checking: -1, elementwiseAffine: false) }
    }

    @Test func checkingSpellingsMakeTheSameLayers() throws {
        let a = try Linear(checking: 4, 3, generator: Generator(seed: 1)), b = Linear(4, 3, generator: Generator(seed: 1))
        #expect(a.weight.scalars == b.weight.scalars && a.bias?.scalars == b.bias?.scalars)
        let e = try Embedding(checking: 0, 3, generator: Generator(seed: 2))
        #expect(e.weight.shape == [0, 3])
        #expect(try Embedding(checking: 5, 2, generator: Generator(seed: 2)).weight.scalars == Embedding(5, 2, generator: Generator(seed: 2)).weight.scalars)
        #expect(try LayerNorm(checking: [2, 3]).weight?.shape == [2, 3])
    }

    /// `Tensor(shape:…)` states the whole shape, as a factory does: a negative size is the
    /// factories' error, not reshape's inference.
    @Test func statedShapesRefuseNegativeSizesAsFactoriesDo() {
        #expect(throws: TensorError("Trying to create tensor with negative dimension -1: [-1, 2]")) { try Tensor(shape: [-1, 2], scalars: [1, 2]) }
        #expect(throws: TensorError("Trying to create tensor with negative dimension -2: [1, -2]")) { try Tensor(shape: [1, -2], integers: [1, 2]) }
        #expect(throws: TensorError("Trying to create tensor with negative dimension -1: [-1]")) { try Tensor(shape: [-1], booleans: [true]) }
    }

    /// `expand`: PyTorch checks from the last dimension; a negative size other than -1 over a
    /// size-1 or new dimension fails at the element count.
    @Test func expandRefusesNegativeSizesInPyTorchsOrder() throws {
        let row = Tensor.ones([1, 3]), vector = Tensor.ones([3])
        #expect(try row.expand([-1, -1]).shape == [1, 3])
        #expect(try row.expand([2, -1, -1]).shape == [2, 1, 3])
        #expect(throws: TensorError("numel: integer multiplication overflow")) { try row.expand([-2, 3]) }
        #expect(throws: TensorError("numel: integer multiplication overflow")) { try vector.expand([-2, -1]) }
        #expect(throws: TensorError("The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0")) { try vector.expand([-1, 3]) }
        #expect(throws: TensorError("The expanded size of the tensor (5) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [-1, 5].  Tensor sizes: [3]")) { try vector.expand([-1, 5]) }
    }
}
