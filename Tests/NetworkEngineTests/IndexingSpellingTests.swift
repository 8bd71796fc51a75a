import Testing
@testable import NetworkEngine

/// Every Swift spelling of indexing type-checks and means what PyTorch's does: this file not
/// compiling is the first failure a change to the subscripts would cause.
@Suite struct IndexingSpellingTests {
    /// A [3, 4, 5] tensor holding 0 ..< 60.
    static func cube() throws -> Tensor { try Tensor.arange(0.0, 60.0).reshape(3, 4, 5) }

    @Test func readingSpellingsSelectPyTorchsElements() throws {
        let x = try Self.cube(), n = 2
        let i = 1, range = 0..<2
        #expect(x[0].shape == [4, 5] && x[0].scalars.first == 0)
        #expect(x[-1].scalars.first == 40)
        #expect(x[i].scalars.first == 20)
        #expect(x[0..<2].shape == [2, 4, 5])
        #expect(x[range].shape == [2, 4, 5])
        #expect(x[1...].shape == [2, 4, 5] && x[1...].scalars.first == 20)
        #expect(x[..<n].shape == [2, 4, 5])
        #expect(x[...1].shape == [2, 4, 5])
        #expect(x[0...2].shape == [3, 4, 5])
        #expect(x[(-2)...].shape == [2, 4, 5])
        #expect(x[-2 ..< -1].scalars.first == 20)
        #expect(x[stride(from: 0, to: 3, by: 2)].shape == [2, 4, 5])
        #expect(x[stride(from: 0, through: 2, by: 2)].scalars[60 / 3] == 40)
        #expect(x[...].shape == [3, 4, 5])
        // Mixed, with whole axes in any position, up to the rank.
        #expect(x[..., -1, ...].shape == [3, 5] && x[..., -1, ...].scalars.prefix(2) == [15, 16])
        #expect(x[..., ..., 0].scalars == [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55])
        #expect(x[0, ...].shape == [4, 5])
        #expect(x[..., 1].shape == [3, 5])
        #expect(x[0, 1, 2].shape == [] && x[0, 1, 2].scalars == [7])
        #expect(x[0, ..., 2].scalars == [2, 7, 12, 17])
        #expect(x[..., 1..<3, ...].shape == [3, 2, 5])
        #expect(x[..., ..., ...].shape == [3, 4, 5])
        #expect(x[1..., 0, stride(from: 0, to: 5, by: 2)].scalars == [20, 22, 24, 40, 42, 44])
        #expect(x[..., (-n)..., ..<n].shape == [3, 2, 2])
        let mask = try Tensor.ones(4, 4).tril()
        #expect(mask[..<n, ..<n].scalars == [1, 0, 1, 1])
        let idx = try Tensor.arange(12).reshape(2, 6)
        #expect(idx[..., (-n)...].integers == [4, 5, 10, 11])
        #expect(idx[..., -1].integers == [5, 11])
        // The throwing forms.
        #expect(try x.get(0, 1).scalars == [5, 6, 7, 8, 9])
        #expect(try x.get([.all, .index(-1), .slice(start: nil, end: nil, step: 2)]).shape == [3, 3])
    }

    @Test func fourIndicesWithWholeAxesReachAFourDimensionalTensor() throws {
        let x = try Tensor.arange(0.0, 16.0).reshape(2, 2, 2, 2)
        #expect(x[..., 1, ..., 0].scalars == [4, 6, 12, 14])
        #expect(x[1, ..., ..., 1].scalars == [9, 11, 13, 15])
        #expect(x[..., ..., ..., ...].shape == [2, 2, 2, 2])
        #expect(x[0, 1, ..., 1].scalars == [5, 7])
        #expect(throws: TensorError("too many indices for tensor of dimension 4")) { try x.get(0, 0, 0, 0, 0) }
        #expect(throws: TensorError("slice step cannot be zero")) { try x.get(TensorIndex.slice(start: 0, end: 2, step: 0)) }
        #expect(throws: TensorError("step must be greater than zero")) { try x.get(stride(from: 1, to: -1, by: -1)) }
    }

    @Test func writingSpellingsChangeTheTensorInPlace() throws {
        let x = try Self.cube()
        x[0, ...] = Tensor.zeros(4, 5)
        #expect(x[0].scalars.allSatisfy { $0 == 0 } && x.version == 1)
        x[0..<2] = Tensor(0.0)
        #expect(x[1].scalars.allSatisfy { $0 == 0 } && x[2].scalars.first == 40)
        x[..., -1, ...] = 7.5
        #expect(x[2, 3].scalars.allSatisfy { $0 == 7.5 } && x[2, 2].scalars.first == 50)
        x[2, 0, stride(from: 0, to: 5, by: 2)] = Tensor([1.0, 2.0, 3.0])
        #expect(x[2, 0].scalars == [1, 41, 2, 43, 3])
        x[x.gt(40.0)] = -1.0
        #expect(x[2, 1].scalars == [-1, -1, -1, -1, -1])
        #expect(x.version == 5)
        try x.set([.index(1), .all, .index(0)], to: 2.0)
        #expect(x[1, ..., 0].scalars == [2, 2, 2, 2])
        // int64 and bool tensors keep their type.
        let ids = try Tensor.arange(6).reshape(2, 3)
        ids[..., 0] = Tensor(integers: [7, 8])
        #expect(ids.integers == [7, 1, 2, 8, 4, 5] && ids.dtype == .int64)
        let flags = try Tensor.full([3], boolean: false)
        flags[1] = 1.0
        #expect(flags.booleans == [false, true, false] && flags.dtype == .bool)
    }

    @Test func writesFollowPyTorchsAutogradRules() throws {
        let leaf = Tensor([1.0, 2.0, 3.0]).requiringGrad()
        #expect(throws: TensorError("a view of a leaf Variable that requires grad is being used in an in-place operation.")) {
            try leaf.set([.index(0)], to: 0.0)
        }
        #expect(throws: TensorError("a leaf Variable that requires grad is being used in an in-place operation.")) {
            try leaf.set(Tensor(booleans: [true, false, false]), to: 0.0)
        }
        // Inside noGrad, as an optimizer's update.
        try noGrad { try leaf.set([.index(0)], to: 0.0) }
        #expect(leaf.scalars == [0, 2, 3] && leaf.version == 1)
        // A tensor in a graph: recorded, as PyTorch records it (values checked in ShapeReferenceTests).
        let y = leaf * 2.0
        try y.set([.index(1)], to: 5.0)
        #expect(y.scalars == [0, 5, 6] && y.ruleType?.name == "CopySlices" && y.version == 1)
        try y.sum().backward()
        #expect(leaf.grad?.scalars == [2, 0, 2])
        // An integer tensor has no gradient to take a value that needs one.
        #expect(throws: TensorError("a value that needs a gradient cannot be written into a torch.int64 tensor, which has none; detach it, or write inside noGrad { }")) {
            try Tensor(integers: [1, 2]).set([.index(0)], to: leaf[0])
        }
        // Changing a tensor a rule saved is caught at backward, as in PyTorch.
        let index = Tensor(integers: [2, 0])
        let picked = try leaf.indexSelect(dim: 0, index: index)
        index[0] = Tensor(integers: [1])
        #expect(throws: (any Error).self) { try picked.sum().backward() }
    }

    @Test func aViewIsACopy() throws {
        // PyTorch's view shares storage; the engine's results never do.
        let base = try Tensor.arange(0.0, 6.0)
        let view = try base.view(2, 3)
        view[0, 0] = 100.0
        #expect(base.scalars.first == 0)
        let row = base[1..<3]
        row[0] = 50.0
        #expect(base.scalars[1] == 1)
        // A large reshape shares the array until one side changes.
        let large = try Tensor.arange(0.0, 100.0), grid = try large.reshape(10, 10)
        grid[0, 0] = 7.0
        try large.add_(1.0)
        #expect(large.scalars.prefix(2) == [1, 2] && grid.scalars.prefix(2) == [7, 1])
        #expect(try large.reshape(4, 25).squeeze().unsqueeze(0).scalars == large.scalars)
    }

    @Test func readingRecordsPyTorchsNodes() throws {
        let x = try Self.cube().requiringGrad()
        #expect(x[0].ruleType?.name == "SelectBackward0")
        #expect(x[..., -1, ...].ruleType?.name == "SelectBackward0")
        #expect(x[1...].ruleType?.name == "SliceBackward0")
        #expect(x[..., ...].ruleType?.name == "AliasBackward0")
        #expect(x[x.gt(3.0)].ruleType?.name == "IndexBackward0")
        let picked = x[1..., 0, stride(from: 0, to: 5, by: 2)]
        try picked.sum().backward()
        let grad = try #require(x.grad)
        #expect(grad.scalars.reduce(0, +) == 6)
        #expect(grad[1, 0].scalars == [1, 0, 1, 0, 1] && grad[0].scalars.allSatisfy { $0 == 0 })
    }

    @Test func numelCountsTheValues() throws {
        #expect(Tensor.zeros(3, 4, 5).numel() == 60)
        #expect(Tensor(2.0).numel() == 1)
        #expect(Tensor.zeros(2, 0).numel() == 0)
    }

    @Test func likeFactoriesKeepShapeAndType() throws {
        let ids = try Tensor.arange(6).reshape(2, 3)
        #expect(Tensor.zeros(like: ids).dtype == .int64 && Tensor.zeros(like: ids).shape == [2, 3])
        #expect(Tensor.ones(like: Tensor.zeros(2)).scalars == [1, 1])
        #expect(Tensor.fullLike(ids, 2.5).integers == [2, 2, 2, 2, 2, 2])
        #expect(try Tensor.randn(like: Tensor.zeros(4, 4)).shape == [4, 4])
        #expect(throws: TensorError("\"normal_kernel_cpu\" not implemented for 'Long'")) { try Tensor.randn(like: ids) }
        let seeded = Generator(seed: 3), again = Generator(seed: 3)
        #expect(try Tensor.randn(like: Tensor.zeros(5), generator: seeded).scalars == Tensor.randn([5], generator: again).scalars)
    }
}

/// int64 and bool tensors through the shape and indexing operations keep their type and exact
/// values (PyTorch's results: no gradient, integers moved as they are).
@Suite struct IntegerShapeTests {
    @Test func integerTensorsKeepTheirType() throws {
        let big = Int(1) << 40
        let ids = try Tensor(shape: [2, 3], integers: [big + 1, 2, 3, 4, 5, big + 6])
        #expect(try ids.transpose(0, 1).integers == [Int64(big + 1), 4, 2, 5, 3, Int64(big + 6)])
        #expect(try ids.reshape(-1).dtype == .int64 && ids[..., -1].integers == [3, Int64(big + 6)])
        #expect(try ids.tril().integers == [Int64(big + 1), 0, 0, 4, 5, 0])
        #expect(try ids.indexSelect(dim: 1, index: Tensor(integers: [2])).integers == [3, Int64(big + 6)])
        #expect(try Tensor.stack([ids, ids]).shape == [2, 2, 3])
        #expect(try ids.split(1, dim: 1).map(\.dtype) == [.int64, .int64, .int64])
        let mask = try Tensor(shape: [2, 3], booleans: [true, false, false, false, false, true])
        #expect(try Tensor.where(mask, ids, Tensor.zeros(like: ids)).integers == [Int64(big + 1), 0, 0, 0, 0, Int64(big + 6)])
        #expect(try Tensor.where(mask, ids, Tensor.zeros(like: ids)).dtype == .int64)
        #expect(ids[mask].integers == [Int64(big + 1), Int64(big + 6)])
        #expect(try mask.permute(1, 0).dtype == .bool && mask.expand(2, 2, 3).booleans.filter { $0 }.count == 4)
        #expect(try Tensor.where(mask, 1.0, 0.0).scalars == [1, 0, 0, 0, 0, 1])
    }
}
