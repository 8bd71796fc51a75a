import Testing
@testable import NetworkEngine

/// In-place updates and PyTorch's version counter.
@Suite struct InPlaceTests {
    static let hint = " Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."

    @Test func updatesChangeValuesAndRaiseTheVersion() throws {
        let x = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        #expect(x.version == 0)
        try x.add_(Tensor([1.0, 1.0, 1.0]))
        #expect(x.scalars == [2, 3, 4, 5, 6, 7] && x.version == 1)
        try x.sub_(1).mul_(2).div_(2)
        #expect(x.scalars == [1, 2, 3, 4, 5, 6] && x.version == 4)
        try x.maskedFill_(Tensor(booleans: [true, false, true]), -1)
        #expect(x.scalars == [-1, 2, -1, -1, 5, -1])
        try x.copy_(Tensor(7))
        #expect(x.scalars == [Float](repeating: 7, count: 6))
        try x.mul_(Tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])).sub_(Tensor([1.0, 1.0, 1.0]), alpha: 2)
        #expect(x.scalars == [-2, 5, 12, 19, 26, 33])
        try x.zero_()
        #expect(x.scalars == [Float](repeating: 0, count: 6) && x.version == 9)
        #expect(throws: TensorError("output with shape [3] doesn't match the broadcast shape [2, 3]")) {
            try Tensor([1.0, 2.0, 3.0]).add_(Tensor.ones([2, 3]))
        }
    }

    /// `add_` with alpha fuses the product into the sum, as PyTorch's `fmadd(other, alpha, self)`.
    @Test func addWithAlphaIsOneRounding() throws {
        let x = Tensor([1.0]), step = Tensor([Double(Float(0.1))])
        try x.add_(step, alpha: -0.3)
        #expect(x.scalars == [Float(Double(Float(0.1)) * Double(Float(-0.3)) + 1)])
    }

    /// A large tensor's values are shared with arrays read before; changing it leaves them be.
    @Test func valuesReadBeforeAChangeKeepTheirValues() throws {
        let x = Tensor.ones([40])
        let before = x.scalars
        try x.fill_(2)
        #expect(before == [Float](repeating: 1, count: 40))
        #expect(x.scalars == [Float](repeating: 2, count: 40))
    }

    @Test func parametersChangeOnlyWithoutRecording() throws {
        let w = Tensor([1.0, 2.0])
        w.requiresGrad = true
        #expect(throws: TensorError("a leaf Variable that requires grad is being used in an in-place operation.")) {
            try w.zero_()
        }
        try (w * w).sum().backward()
        // An optimizer's step: p -= lr · grad.
        try noGrad {
            #expect(!isGradEnabled)
            #expect(!(w * 2).requiresGrad)
            try w.sub_(try #require(w.grad), alpha: 0.5)
        }
        #expect(isGradEnabled)
        #expect(w.scalars == [0, 0] && w.version == 1)
        #expect(throws: TensorError("in-place operations on tensors that need a gradient are recorded by PyTorch but not by this engine; use the out-of-place form, or noGrad { } for an update")) {
            try (w * 2).zero_()
        }
    }

    /// PyTorch's error, word for word, when a tensor a rule reads changed after it was saved; the
    /// refused pass changes no gradient.
    @Test func backwardThroughAChangedTensorIsRefused() throws {
        let w = Tensor.ones([3, 3])
        w.requiresGrad = true
        let x = Tensor.ones([3, 3])
        let y = w * x
        try x.mul_(2)
        #expect(throws: TensorError("one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3, 3]] is at version 1; expected version 0 instead." + Self.hint)) {
            try y.sum().backward()
        }
        #expect(w.grad == nil)

        let t = (w * 2).tanh()
        try noGrad { try t.zero_() }
        #expect(throws: TensorError("one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3, 3]], which is output 0 of Tanh, is at version 1; expected version 0 instead." + Self.hint)) {
            try t.sum().backward()
        }
        #expect(w.grad == nil)
        // A later pass that does not read the changed tensor runs.
        try (w * 3).sum().backward()
        #expect(w.grad?.scalars == [Float](repeating: 3, count: 9))
    }

    /// `add` reads neither input in its backward rule (PyTorch saves none), so changing one is fine.
    @Test func changingATensorNoRuleReadsIsAllowed() throws {
        let w = Tensor([1.0, 2.0])
        w.requiresGrad = true
        let x = Tensor([5.0, 5.0])
        let y = (w + x).sum()
        try x.zero_()
        try y.backward()
        #expect(w.grad?.scalars == [1, 1])
    }

    /// The transposed copy a large Linear keeps of its weight follows the weight's changes.
    @Test func theTransposedWeightCacheSeesChanges() throws {
        let layer = Linear(256, 256, bias: false)
        let x = Tensor.randn([2, 256])
        let before = try layer(x).scalars
        try noGrad { try layer.weight.mul_(2) }
        #expect(try layer(x).scalars == before.map { $0 * 2 })
    }
}
