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
            { layer($0) },
            { try $0.mean(dim: 0, keepDim: true) },
            { try mseLoss($0, one) }, { $0.mean() }, { $0.sum() }, { try $0.add(one) },
            // A record with more than three inputs: four joined, then summed back to one.
            { try Tensor.cat([$0, one, one, one], dim: 1) }, { try $0.sum(dim: 1, keepDim: true) },
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
