import Testing
@testable import NetworkEngine

/// Graphs far deeper than the stack: a lesson's training loop can chain many operations.
/// (Serialized: each chain holds a million tensors until it is freed.)
@Suite(.serialized) struct LongGraphTests {
    /// A million operations made by `step`, each holding the previous one: freeing them one inside
    /// another would overflow any thread's stack, so this crashes unless freeing is iterative for
    /// that operation's record.
    static func expectChainFreed(from start: Tensor, steps: Int = 1_000_000, _ step: (Tensor, Int) throws -> Tensor,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        weak var first: Tensor?
        do {
            var y = try step(start, 0)
            first = y
            for i in 1..<steps { y = try step(y, i) }
            #expect(y.hasHistory, sourceLocation: sourceLocation)
        }
        #expect(first == nil, sourceLocation: sourceLocation)
    }

    static func leaf(_ values: [Double]) -> Tensor {
        let x = Tensor(values)
        x.requiresGrad = true
        return x
    }

    @Test func aLongChainIsFreedWithoutRecursion() throws {
        let start = Self.leaf([0.5, -1.0])
        try Self.expectChainFreed(from: start) { y, _ in y + 0 }
        #expect(start.grad == nil)
    }

    // The operations the issue names each get a chain of their own; the other families share one.

    @Test func layerNormAndEmbeddingAreFreedWithoutRecursion() throws {
        try Self.expectChainFreed(from: Self.leaf([0.5, -1.0]), steps: 300_000) { y, _ in
            try layerNorm(y, normalizedShape: [2])
        }
        let ids = Tensor(integers: [1, 0])
        let table = try Tensor(shape: [2, 2], scalars: [0.5, -1, 2, 0.25])
        table.requiresGrad = true
        try Self.expectChainFreed(from: table, steps: 300_000) { y, _ in try embedding(ids, weight: y) }
    }

    @Test func divisionByATensorIsFreedWithoutRecursion() throws {
        let one = Tensor([1.0, 1.0])
        try Self.expectChainFreed(from: Self.leaf([0.5, -1.0])) { y, _ in try y.div(one) }
    }

    @Test func matrixProductsAreFreedWithoutRecursion() throws {
        let identity = Tensor([[1.0, 0.0], [0.0, 1.0]])
        try Self.expectChainFreed(from: Tensor([[0.5, -1.0]]).requiringGrad()) { y, _ in try y.matmul(identity) }
    }

    @Test func batchedAndVectorProductsAreFreedWithoutRecursion() throws {
        // The batched and folded nodes of `matmul`, then the vector-matrix and matrix-vector ones.
        let identities = try Tensor(shape: [2, 2, 2], scalars: [1, 0, 0, 1, 1, 0, 0, 1])
        let identity = Tensor([[1.0, 0.0], [0.0, 1.0]])
        try Self.expectChainFreed(from: try Tensor(shape: [2, 1, 2], scalars: [0.5, -1, 0.25, 2]).requiringGrad()) { y, i in
            try i % 2 == 0 ? y.matmul(identities) : y.matmul(identity)
        }
        try Self.expectChainFreed(from: Self.leaf([0.5, -1.0])) { y, i in
            try i % 2 == 0 ? y.matmul(identity) : identity.matmul(y)
        }
    }

    @Test func sumsAlongADimensionAreFreedWithoutRecursion() throws {
        try Self.expectChainFreed(from: Tensor([[0.5, -1.0]]).requiringGrad()) { y, _ in try y.sum(dim: 1, keepDim: true) }
    }

    @Test func shapeAndIndexingOperationsAreFreedWithoutRecursion() throws {
        // Every rule of the shape, indexing, index-write and triangle operations, in turn, on a [2, 2] tensor.
        let index = Tensor(integers: [1, 0]), gatherIndex = try Tensor(shape: [2, 2], integers: [1, 0, 0, 1])
        let mask = try Tensor(shape: [2, 2], booleans: [true, false, true, true])
        try Self.expectChainFreed(from: Tensor([[0.5, -1.0], [2.0, 0.25]]).requiringGrad(), steps: 300_000) { y, i in
            switch i % 17 {
            case 0: return try y.reshape(4).view(2, 2)
            case 1: return try y.transpose(0, 1)
            case 2: return try y.permute(1, 0)
            case 3: return try y.unsqueeze(0).squeeze(dim: 0)
            case 4: return try y.unsqueeze(2).squeeze()
            case 5: return try y.transpose(0, 1).contiguous()
            case 6: return try y[0, ...].expand(2, 2)
            case 7: return try Tensor.stack(y.split(1, dim: 0).map { try $0.squeeze(dim: 0) })
            case 8: return try Tensor.cat(y.split(sizes: [1, 1], dim: 1), dim: 1)
            case 9: return try y.indexSelect(dim: 0, index: index)
            case 10: return try y.gather(dim: 1, index: gatherIndex)
            case 11: return try Tensor.where(mask, y, y[1..., ...].squeeze(dim: 0))
            case 12: return try y[mask].maskedSelect(Tensor(booleans: [true, true, true])).get(Tensor(integers: [0, 1, 2, 0])).reshape(2, 2)
            case 13: return try y.tril(diagonal: 1).triu(diagonal: -1)
            case 14:
                let written = y * 1.0
                written[0, ...] = y[1, ...]
                return written
            case 15:
                let written = y * 1.0
                written[written.detached().gt(0.0)] = 0.25
                return written
            default: return y[..., ...][stride(from: 0, to: 2, by: 1)]
            }
        }
    }

    @Test func geluIsFreedWithoutRecursion() throws {
        // Both forms, and both kernels of the exact one (one element, more than one).
        let exact = GELU(), tanh = GELU(approximate: .tanh)
        try Self.expectChainFreed(from: Self.leaf([0.5, -1.0])) { y, i in
            switch i % 3 {
            case 0: exact(y)
            case 1: tanh(y)
            default: exact(y.sum().add(0))
            }
        }
    }

    /// Every other family in one chain: each step is one operation, taking turns.
    @Test func everyFamilyIsFreedWithoutRecursion() throws {
        let one = Tensor([[1.0]]), layer = Linear(1, 1)
        let operations: [(Tensor) throws -> Tensor] = [
            { $0.tanh() }, { $0.exp() }, { $0.pow(1) }, { $0 * 1 }, { 1 - $0 },
            { try $0.mul(one) }, { try $0.sub(one) }, { try $0.add(one) },
            { try layer($0) },
            { try $0.mean(dim: 0, keepDim: true) },
            { try mseLoss($0, one) }, { $0.mean() }, { $0.sum() }, { try $0.add(one) },
            // A record with more than three inputs: four joined, then summed back to one.
            { try Tensor.cat([$0, one, one, one], dim: 1) }, { try $0.sum(dim: 1, keepDim: true) },
        ]
        try Self.expectChainFreed(from: Tensor([[0.5]]).requiringGrad()) { y, i in try operations[i % operations.count](y) }
    }

    /// softmax, reductions, clamp and the losses in one chain, each step one operation.
    @Test func mathOperationsAreFreedWithoutRecursion() throws {
        let one = Tensor([[1.0]]), index = Tensor(integers: [0])
        let operations: [(Tensor) throws -> Tensor] = [
            { try $0.softmax(dim: 1) }, { try $0.logSoftmax(dim: 0) },
            { try $0.max(dim: 1, keepDim: true).values }, { try $0.min(dim: 0, keepDim: true).values },
            { try $0.max().add(one) }, { try $0.min().add(one) },
            { try $0.clamp(min: -10, max: 10) },
            { try $0.var(dims: [0, 1], correction: 0, keepDim: true) }, { try $0.std(dim: 1, unbiased: false, keepDim: true) },
            { try $0.sum(dims: [0, 1], keepDim: true) }, { try $0.mean(dims: [1], keepDim: true) },
            { try crossEntropy($0, index).add(one) }, { try crossEntropy($0, one).add(one) },
            { try binaryCrossEntropy($0.sigmoid(), one).add(one) }, { try binaryCrossEntropyWithLogits($0, one).add(one) },
        ]
        try Self.expectChainFreed(from: Tensor([[0.5]]).requiringGrad()) { y, i in try operations[i % operations.count](y) }
    }

    /// Backward through a long chain, then the chain freed; the shared input survives with its gradient.
    @Test func backwardThroughALongChain() throws {
        let x = Tensor([2.0])
        x.requiresGrad = true
        var y = x * 1
        for _ in 0..<100_000 { y = y * 1 }
        try y.sum().backward()
        #expect(x.grad?.scalars == [1])
    }

    /// A branch still held elsewhere is not freed with the rest, and keeps its own history.
    @Test func aHeldIntermediateKeepsItsHistory() throws {
        let x = Tensor([3.0])
        x.requiresGrad = true
        let held = x * 2
        do {
            var y = held * 1
            for _ in 0..<10 { y = y + held }
            _ = y
        }
        try held.sum().backward()
        #expect(x.grad?.scalars == [2])
    }
}

extension Tensor {
    /// This tensor, marked as a parameter.
    func requiringGrad() -> Tensor {
        requiresGrad = true
        return self
    }
}
