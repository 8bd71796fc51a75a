import Foundation
import Testing
@testable import NetworkEngine

/// `zeroGrad()` keeps a gradient tensor nobody else holds, and the next backward pass fills it
/// again. None of that may be visible: a gradient someone kept must never change afterwards, and
/// every pass must give the values a fresh tensor would.
@Suite struct GradientReuseTests {
    /// A small training loop: the gradients of every pass are those of a brand-new model.
    @Test func reusedGradientsEqualFreshOnes() throws {
        let model = Sequential(Linear(3, 4, generator: Generator(seed: 5)), GELU(approximate: .tanh),
                               Linear(4, 1, generator: Generator(seed: 6)))
        let target = Tensor([[0.25]])
        for step in 0..<4 {
            let input = Tensor([[1.0, Double(step), -1.0]])
            try mseLoss(model(input), target).backward()
            let reused = model.parameters().map { $0.grad?.scalars }

            let fresh = Sequential(Linear(3, 4, generator: Generator(seed: 5)), GELU(approximate: .tanh),
                                   Linear(4, 1, generator: Generator(seed: 6)))
            try mseLoss(fresh(input), target).backward()
            #expect(reused == fresh.parameters().map { $0.grad?.scalars })
            model.zeroGrad()
            #expect(model.parameters().allSatisfy { $0.grad == nil })
        }
    }

    /// The point of it all: a gradient tensor nobody holds is filled again, not made anew.
    @Test func anUnheldGradientIsReused() throws {
        let x = Tensor([1.0, -2.0, 3.0])
        x.requiresGrad = true
        try (x * x).sum().backward()
        let first = ObjectIdentifier(try #require(x.grad))
        x.zeroGrad()
        #expect(x.grad == nil)
        #expect(x.spareGrad.map(ObjectIdentifier.init) == first)
        try (x * 3).sum().backward()
        #expect(x.spareGrad == nil)
        #expect(x.grad?.scalars == [3, 3, 3])
    }

    /// A gradient tensor held across `zeroGrad()` keeps its values and is not filled again.
    @Test func aHeldGradientIsNeverReused() throws {
        let x = Tensor([1.0, -2.0, 3.0])
        x.requiresGrad = true
        try (x * x).sum().backward()
        let kept = try #require(x.grad)
        x.zeroGrad()
        try (x * 3).sum().backward()
        #expect(kept.scalars == [2, -4, 6])
        #expect(x.grad !== kept)
        #expect(x.grad?.scalars == [3, 3, 3])
    }

    /// Reused or not, gradients still add up over passes until `zeroGrad()`.
    @Test func reusedGradientsAccumulateOverPasses() throws {
        let x = Tensor([1.0, -2.0])
        x.requiresGrad = true
        for _ in 0..<3 {
            try (x * x).sum().backward()
            try (x * x).sum().backward()
            #expect(x.grad?.scalars == [4, -8])
            #expect(x.grad?.requiresGrad == false)
            x.zeroGrad()
        }
    }

    /// A reused gradient tensor comes back as a plain leaf, whatever was done to it before.
    @Test func aReusedGradientStartsClean() throws {
        let x = Tensor([1.0, 2.0])
        x.requiresGrad = true
        try (x * 2).sum().backward()
        x.grad?.requiresGrad = true
        x.zeroGrad()
        try (x * 5).sum().backward()
        let grad = try #require(x.grad)
        #expect(grad.scalars == [5, 5])
        #expect(!grad.requiresGrad && grad.grad == nil && grad.inputs.isEmpty)
    }

    /// A gradient set by hand to an operation's result is not kept: it carries a record.
    @Test func aRecordedGradientIsNotKept() throws {
        let x = Tensor([1.0, 2.0])
        x.requiresGrad = true
        x.grad = x * 2
        x.zeroGrad()
        #expect(x.spareGrad == nil)
        try (x * 5).sum().backward()
        #expect(x.grad?.scalars == [5, 5])
        #expect(x.grad?.inputs.isEmpty == true)
    }

    /// Tensors made on one thread, trained on another and read back on the first.
    @Test func tensorsCrossThreads() throws {
        let layer = Linear(3, 2, generator: Generator(seed: 9))
        let input = Tensor([[0.5, -1.0, 2.0]])
        try layer(input).sum().backward()
        let expected = layer.parameters().map { $0.grad?.scalars }
        layer.zeroGrad()

        final class Work: @unchecked Sendable {
            let layer: Linear, input: Tensor
            var error: (any Error)?
            init(_ layer: Linear, _ input: Tensor) { self.layer = layer; self.input = input }
        }
        let work = Work(layer, input)
        let done = DispatchSemaphore(value: 0)
        Thread {
            do {
                for _ in 0..<3 {
                    try work.layer(work.input).sum().backward()
                    work.layer.zeroGrad()
                }
                try work.layer(work.input).sum().backward()
            } catch {
                work.error = error
            }
            done.signal()
        }.start()
        done.wait()
        #expect(work.error == nil)
        #expect(layer.parameters().map { $0.grad?.scalars } == expected)
    }
}
