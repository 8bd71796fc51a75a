import Testing
@testable import NetworkEngine

/// In-place operations on tensors with history, recorded as PyTorch records them (the tensor's
/// history becomes the in-place node, whose input is the previous history). The expected bits
/// are PyTorch 2.13's, printed by scripts/reference/inplace_cases.py from the same inputs.
@Suite struct RecordedInPlaceTests {
    /// Element i is ((i · step) mod 11) / 8 − offset: exact in float32, as in the script.
    static func grid(_ rows: Int, _ columns: Int, _ step: Int, _ offset: Double, requiresGrad: Bool = false) -> Tensor {
        let t = Tensor((0..<rows).map { r in (0..<columns).map { c in Double(((r * columns + c) * step) % 11) / 8 - offset } })
        t.requiresGrad = requiresGrad
        return t
    }

    /// `torch.triu(torch.ones(n, n), diagonal=1).bool()`: true above the diagonal.
    static func causalMask(_ n: Int) throws -> Tensor {
        try Tensor(shape: [n, n], booleans: (0..<n * n).map { $0 % n > $0 / n })
    }

    static func bits(_ t: Tensor?) -> [UInt32] { t?.scalars.map(\.bitPattern) ?? [] }

    /// The chapter's causal attention: scores from a product, `masked_fill_(mask, -inf)` on
    /// them while recording, then a division and `exp`. 36 values: the large-tensor path.
    @Test func maskedFillOnAScoreMatrixIsRecorded() throws {
        let x = Self.grid(6, 4, 3, 0.5, requiresGrad: true), w = Self.grid(4, 6, 5, 0.75, requiresGrad: true)
        let c = Self.grid(6, 6, 7, 0.25)
        let s = try x.matmul(w)
        let result = try s.maskedFill_(try Self.causalMask(6), -.infinity)
        #expect(result === s && s.version == 1)
        #expect(s.ruleType?.name == "MaskedFillBackward0")
        let y = (s / 2).exp()
        try (y * c).sum().backward()
        #expect(Self.bits(y) == [0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f6e9e45, 0x3f96d224, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f9cd431, 0x3f8a66a8, 0x3f851954, 0x00000000, 0x00000000, 0x00000000, 0x3f922e3b, 0x3f8a66a8, 0x3f830912, 0x3f8731e8, 0x00000000, 0x00000000, 0x3f88415b, 0x3f8a66a8, 0x3f810101, 0x3f830912, 0x3f7446e3, 0x00000000, 0x3f8a66a8, 0x3f444832, 0x3f96d224, 0x3f444832, 0x3f96d224, 0x3f444832])
        // The same graph out of place gives the same bits.
        let x2 = Self.grid(6, 4, 3, 0.5, requiresGrad: true), w2 = Self.grid(4, 6, 5, 0.75, requiresGrad: true)
        try ((try x2.matmul(w2).maskedFill(try Self.causalMask(6), -.infinity) / 2).exp() * c).sum().backward()
        #expect(Self.bits(x.grad) == Self.bits(x2.grad) && Self.bits(w.grad) == Self.bits(w2.grad))
        // x.grad is `g · wᵀ`, which PyTorch sums as F.linear (w transposed is a view there).
        #expect(Self.bits(x.grad) == [0x3dc00000, 0xbd000000, 0x3c800000, 0x3d800000, 0xbeaabb90, 0xbc0b85d0, 0x3d73abf0, 0xbe348315, 0xbd12067a, 0x3e01f79e, 0xbe1381f9, 0xbf020889, 0x3bde7120, 0x3d583cd8, 0xbddb2cd6, 0xbeb5fd0c, 0x3e2903b0, 0xbe6384e4, 0x3d2de8d4, 0xbedf5da7, 0x3e6e094c, 0xbdf23f60, 0xbd3f1806, 0xbe9be435])
        #expect(Self.bits(w.grad) == [0xbe62ab92, 0xbd62bc54, 0xbe236276, 0xbce95601, 0x3d3c86ad, 0x3bc44832, 0x3ddd8c78, 0x3ead14dc, 0x3ea87ea5, 0xbc745928, 0x3eae6a99, 0x3cc44832, 0x3f07d7a7, 0x3eac16ce, 0x3f1d7f06, 0x3e05913e, 0x3e04165d, 0xbcc44832, 0xbd55d514, 0xbc62e338, 0xbef87bd0, 0xbd19b8d0, 0xbe1a00af, 0xbbc44832])
    }

    /// `add_ mul_ sub_ div_` with a broadcast tensor, tensors that need gradients, the tensor
    /// itself and numbers, chained on one small tensor with history.
    @Test func arithmeticInPlaceIsRecorded() throws {
        let x = Self.grid(2, 3, 3, 0.5, requiresGrad: true)
        let b = Tensor((0..<3).map { Double(($0 * 5) % 11) / 8 - 0.25 })
        b.requiresGrad = true
        let c = Self.grid(2, 3, 7, -0.5, requiresGrad: true), d = Self.grid(2, 3, 2, -1.0, requiresGrad: true)
        let a = x * 1.5
        try a.add_(b).mul_(c).sub_(0.25).div_(d)
        try a.add_(a).add_(0.125).mul_(3).div_(7)
        #expect(a.ruleType?.name == "DivBackward0" && a.version == 8)
        try (a * Self.grid(2, 3, 4, 0.5)).sum().backward()
        #expect(Self.bits(a) == [0xbf16db6e, 0x3d715f17, 0x3f192492, 0x3f053978, 0xbe1db6db, 0x3e79e79e])
        #expect(Self.bits(x.grad) == [0xbea4924a, 0x00000000, 0x3ec00000, 0xbef6db6e, 0x3dcdb6dc, 0x3e892492])
        #expect(Self.bits(b.grad) == [0xbf092492, 0x3d892493, 0x3edb6db6])
        #expect(Self.bits(c.grad) == [0x3edb6db8, 0x00000000, 0x3ec92493, 0xbe014e5e, 0xbc24924a, 0x3e73cf3c])
        #expect(Self.bits(d.grad) == [0xbea4924a, 0x80000000, 0xbe39e7a0, 0x3dccdfe8, 0x3c54924a, 0xbd58b836])
    }

    /// tanh saves its output; masking that output in place moves its version, and the pass is
    /// refused naming the tanh (PyTorch 2.13 says "output 0 of Tanh"; the engine keeps its
    /// node names, as its other version errors do).
    @Test func changingASavedOutputIsRefusedAtBackward() throws {
        let x = Self.grid(3, 4, 3, 0.5, requiresGrad: true), w = Self.grid(4, 3, 5, 0.75, requiresGrad: true)
        let t = try x.matmul(w).tanh()
        try t.maskedFill_(try Self.causalMask(3), 0)
        #expect(throws: TensorError("one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3, 3]], which is output 0 of Tanh, is at version 1; expected version 0 instead." + InPlaceTests.hint)) {
            try t.sum().backward()
        }
        #expect(x.grad == nil && w.grad == nil)
    }

    @Test func leavesThatNeedAGradientAreStillRefused() throws {
        let x = Self.grid(3, 4, 3, 0.5, requiresGrad: true)
        #expect(throws: TensorError("a leaf Variable that requires grad is being used in an in-place operation.")) {
            try x.maskedFill_(try Tensor(shape: [3, 4], booleans: [Bool](repeating: true, count: 12)), 0)
        }
        #expect(x.version == 0 && !x.hasHistory)
    }

    /// PyTorch sends the gradient of an operation that read the tensor before the change to the
    /// previous history; this engine cannot, and refuses the pass instead of a wrong gradient.
    @Test func aUseBeforeTheChangeIsRefused() throws {
        let x = Self.grid(3, 4, 3, 0.5, requiresGrad: true), w = Self.grid(4, 3, 5, 0.75, requiresGrad: true)
        let s = try x.matmul(w)
        let before = s + 1
        try s.maskedFill_(try Self.causalMask(3), 0)
        #expect(throws: Tensor.usedBeforeChange) {
            try (before.sum() + s.sum()).backward()
        }
        #expect(x.grad == nil)
        // The masked tensor alone still runs.
        try s.sum().backward()
        #expect(x.grad != nil)
        #expect(throws: TensorError("MulBackward0: an in-place operation whose other operand is the tensor itself saves it and then changes it, so its gradient cannot be computed; use the out-of-place form")) {
            try s.mul_(s)
        }
    }
}
