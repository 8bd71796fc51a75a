import Testing
@testable import NetworkEngine

/// Graphs far deeper than the stack: a lesson's training loop can chain many operations.
@Suite struct LongGraphTests {
    /// A million operations, each holding the previous one: freeing them one inside another
    /// would overflow any thread's stack, so this test crashes unless freeing is iterative.
    @Test func aLongChainIsFreedWithoutRecursion() throws {
        let start = Tensor([0.5, -1.0])
        start.requiresGrad = true
        weak var first: Tensor?
        do {
            var y = start * 1
            first = y
            for _ in 0..<1_000_000 { y = y + 0 }
            #expect(y.scalars == [0.5, -1.0])
        }
        #expect(first == nil)
        #expect(start.grad == nil)
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
