import Testing
@testable import NetworkEngine

/// int64 and bool tensors beside float32, with PyTorch's type promotion.
@Suite struct DTypeTests {
    @Test func integerAndBooleanTensorsHoldAndPrintTheirValues() throws {
        let ids = Tensor(integers: [1, 2, 30])
        #expect(ids.dtype == .int64 && ids.description == "tensor([ 1,  2, 30])")
        let mask = Tensor(booleans: [true, false, true])
        #expect(mask.dtype == .bool && mask.description == "tensor([ True, False,  True])")
        #expect(Tensor([1.0]).dtype == .float32)
        // Exact beyond float32's integers.
        let large = Tensor(integers: [16_777_217])
        #expect(large.integers == [16_777_217])
        #expect(try large.item() == 16_777_217)
        #expect(try Tensor.arange(5).sum().description == "tensor(10)")
        #expect(throws: TensorError("shape [2, 2] is invalid for input of size 3")) { try Tensor(shape: [2, 2], integers: [1, 2, 3]) }
        #expect(Tensor([1.7, -1.7, 0.0]).to(.int64).integers == [1, -1, 0])
        #expect(Tensor([1.7, -1.7, 0.0]).to(.bool).booleans == [true, true, false])
        #expect(ids.to(.float32).scalars == [1, 2, 30] && ids.to(.float32).dtype == .float32)
    }

    @Test func arangeCountsLikePyTorch() throws {
        #expect(try Tensor.arange(5).integers == [0, 1, 2, 3, 4])
        #expect(try Tensor.arange(1, 10, step: 3).integers == [1, 4, 7])
        #expect(try Tensor.arange(5, 0, step: -2).integers == [5, 3, 1])
        #expect(try Tensor.arange(0).shape == [0])
        #expect(throws: TensorError("step must be nonzero")) { try Tensor.arange(0, 5, step: 0) }
        #expect(throws: TensorError("upper bound and larger bound inconsistent with step sign")) { try Tensor.arange(5, 0) }
    }

    @Test func argmaxGivesInt64Indices() throws {
        let x = Tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 7.0]])
        let flat = try x.argmax()
        #expect(flat.dtype == .int64 && flat.shape == [] && flat.integers == [3])
        #expect(try x.argmax(dim: 1).integers == [1, 0])
        let kept = try x.argmax(dim: 0, keepDim: true)
        #expect(kept.shape == [1, 3] && kept.integers == [1, 0, 1])
        #expect(try Tensor([1.0, .nan, 3.0]).argmax().integers == [1])
        #expect(try Tensor(integers: [16_777_216, 16_777_217]).argmax().integers == [1])
        #expect(throws: TensorError("argmax(): Expected reduction dim to be specified for input.numel() == 0.")) { try Tensor.zeros([0]).argmax() }
    }

    @Test func comparisonsGiveBoolsInThePromotedType() throws {
        #expect(Tensor([1.0, 2.0, 3.0]).gt(2).booleans == [false, false, true])
        #expect(Tensor([1.0, 2.0, 3.0]).gt(2).dtype == .bool)
        #expect(try Tensor(integers: [1, 2, 3]).eq(Tensor([1.0, 2.5, 3.0])).booleans == [true, false, true])
        // Two int64 tensors compare exactly (as float32 both would be 16777216).
        #expect(try Tensor(integers: [16_777_217]).eq(Tensor(integers: [16_777_216])).booleans == [false])
        #expect(try Tensor([[1.0], [2.0]]).le(Tensor([1.0, 2.0])).booleans == [true, true, false, true])
    }

    @Test func arithmeticFollowsPyTorchsPromotion() throws {
        let sum = try Tensor(integers: [16_777_217]).add(Tensor(integers: [1]))
        #expect(sum.dtype == .int64 && sum.integers == [16_777_218])
        let mixed = try Tensor(integers: [1, 2]).add(Tensor([0.5, 0.5]))
        #expect(mixed.dtype == .float32 && mixed.scalars == [1.5, 2.5])
        let counted = try Tensor(booleans: [true, false]).add(Tensor(integers: [2, 2]))
        #expect(counted.dtype == .int64 && counted.integers == [3, 2])
        #expect(try Tensor(booleans: [true, false]).add(Tensor(booleans: [false, false])).booleans == [true, false])
        #expect(try Tensor(booleans: [true, false]).mul(Tensor(booleans: [true, true])).booleans == [true, false])
        #expect(throws: TensorError("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")) {
            try Tensor(booleans: [true]).sub(Tensor(booleans: [true]))
        }
        let quotient = try Tensor(integers: [1, 3]).div(Tensor(integers: [2, 2]))
        #expect(quotient.dtype == .float32 && quotient.scalars == [0.5, 1.5])
        #expect((Tensor(integers: [1, 2]) * 0.5).dtype == .float32)
        #expect(Tensor(integers: [0]).tanh().dtype == .float32)
        #expect(Tensor(integers: [1, -2]).neg().integers == [-1, 2])
        #expect(Tensor(integers: [1, -2]).abs().integers == [1, 2])
        #expect(Tensor(integers: [1, -2]).relu().integers == [1, 0])
        #expect(Tensor(integers: [1, -2]).relu().dtype == .int64)
    }

    @Test func reductionsOfIntegersAreExactInt64() throws {
        #expect(Tensor(integers: [16_777_217, 1]).sum().integers == [16_777_218])
        #expect(Tensor(booleans: [true, true, false]).sum().integers == [2])
        let columns = try Tensor(shape: [2, 2], integers: [1, 2, 3, 4]).sum(dim: 0)
        #expect(columns.dtype == .int64 && columns.integers == [4, 6])
        #expect(throws: TensorError("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long")) {
            try Tensor(integers: [1]).mean(dim: 0)
        }
    }

    @Test func productsNeedFloat32() throws {
        #expect(throws: TensorError("expected m1 and m2 to have the same dtype, but got: long int != float")) {
            try Tensor(shape: [1, 2], integers: [1, 2]).matmul(Tensor([[1.0], [2.0]]))
        }
        #expect(throws: TensorError("mat1 and mat2 must have the same dtype, but got Long and Float")) {
            try Linear(2, 1)(Tensor(shape: [1, 2], integers: [1, 2]))
        }
    }

    @Test func catJoinsInThePromotedType() throws {
        let ids = try Tensor.cat([Tensor(integers: [16_777_217]), Tensor(booleans: [true])])
        #expect(ids.dtype == .int64 && ids.integers == [16_777_217, 1])
        let mixed = try Tensor.cat([Tensor(integers: [1]), Tensor([0.5])])
        #expect(mixed.dtype == .float32 && mixed.scalars == [1, 0.5])
    }

    /// An attention mask: -inf where a bool mask is true; no gradient flows there.
    @Test func masksAreBoolean() throws {
        let scores = Tensor([[1.0, 2.0], [3.0, 4.0]]).requiringGrad()
        let future = try Tensor.arange(2).lt(Tensor([[0.5], [1.5]])).eq(0)
        #expect(future.booleans == [false, true, false, false])
        let masked = try scores.maskedFill(future, -.infinity)
        #expect(masked.scalars == [1, -.infinity, 3, 4])
        try masked.mul(Tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
        #expect(scores.grad?.scalars == [1, 0, 3, 4])
        #expect(throws: TensorError("masked_fill_ only supports boolean masks, but got mask with dtype float")) {
            try scores.detached().maskedFill_(Tensor([1.0, 0.0]), 0)
        }
    }

    @Test func integerTensorsChangeInPlaceWithinTheirType() throws {
        let x = Tensor(integers: [1, 2])
        try x.add_(Tensor(integers: [10, 10]))
        #expect(x.integers == [11, 12] && x.version == 1)
        #expect(throws: TensorError("result type Float can't be cast to the desired output type Long")) { try x.add_(1) }
        #expect(throws: TensorError("result type Float can't be cast to the desired output type Long")) { try x.mul_(Tensor([2.0, 2.0])) }
        try x.fill_(2.9)
        #expect(x.integers == [2, 2])
        try x.copy_(Tensor([3.7, -3.7]))
        #expect(x.integers == [3, -3])
        try x.maskedFill_(Tensor(booleans: [false, true]), 7)
        #expect(x.integers == [3, 7] && x.dtype == .int64)

        // The saved-tensor error names the type.
        let w = Tensor([1.0, 1.0]).requiringGrad()
        let ids = Tensor(integers: [1, 2])
        let y = try w.mul(ids)
        try ids.add_(Tensor(integers: [1, 1]))
        #expect(throws: TensorError("one of the variables needed for gradient computation has been modified by an inplace operation: [torch.LongTensor [2]] is at version 1; expected version 0 instead." + InPlaceTests.hint)) {
            try y.sum().backward()
        }
    }
}
