import NetworkKernels
import Testing
@testable import NetworkEngine

/// The engine review's mends: Adam's square root without a closure, dropout's batched draws,
/// factories that throw PyTorch's error for a negative size, index_select by whole rows, and
/// `detached()` forwarding to `detach()`.
@Suite struct EngineMendsTests {
    /// Three 20-step Adam runs from the same start: the default one must take the engine's root
    /// (`nk_sqrt`) bit for bit, which on these values is not the correctly rounded root.
    @Test func adamWithoutAHookTakesTheEnginesSquareRoot() throws {
        func run(_ root: ((Float) -> Float)?) throws -> [Float] {
            let w = try Tensor(shape: [67], scalars: (0..<67).map { Float(($0 * 37) % 29) / 7 - 2 })
            w.requiresGrad = true
            let adam = try Adam([w], lr: 0.01, weightDecay: 0.1, amsgrad: true)
            adam.update = root.map { OptimizerKernelTests.swiftAdam(root: $0) }
            for step in 0..<20 {
                adam.zeroGrad()
                try (w * w * Tensor(Double(step % 3) + 0.5)).sum().backward()
                try adam.step()
            }
            return w.scalars
        }
        let plain = try run(nil)
        #expect(bitMismatches(plain, try run { nk_sqrt($0) }) == 0)
        #expect(bitMismatches(plain, try run { $0.squareRoot() }) > 0, "the roots must matter for this check to mean anything")
    }

    /// The C kernel's masks are the per-element `random64()` draws, from any position of the
    /// twister (odd ones put an element's two words on both sides of a twist), and leave the
    /// generator where they do.
    @Test(arguments: [0, 1, 2, 311, 623, 624, 625, 1247])
    func dropoutDrawsEveryPositionAsRandom64Would(skip: Int) throws {
        for (p, count) in [(0.1, 1000), (0.5, 313), (0.9, 2), (1e-9, 700), (0.999999, 900)] {
            let batched = Generator(seed: 7), single = Generator(seed: 7)
            _ = Tensor.rand([skip], generator: batched)
            _ = Tensor.rand([skip], generator: single)
            let y = try dropout(Tensor.ones([count]), p: p, generator: batched)
            let scale = Float(1) / Float(1 - p)
            let expected = single.withLock { (0..<count).map { _ in single.nextUniformDouble() < 1 - p ? scale : Float(0) } }
            #expect(bitMismatches(y.scalars, expected) == 0, "p \(p), \(count) values after \(skip) words")
            #expect(Tensor.rand([5], generator: batched).scalars == Tensor.rand([5], generator: single).scalars)
        }
    }

    /// Factories throw PyTorch 2.13's text for a negative size (its `zeros` has its own).
    @Test func factoriesThrowPyTorchsErrorForANegativeSize() throws {
        let negative = TensorError("Trying to create tensor with negative dimension -1: [-1, 3]")
        #expect(throws: TensorError("zeros: Dimension size must be non-negative.")) { try Tensor.zeros(checking: [-1, 3]) }
        #expect(throws: negative) { try Tensor.ones(checking: [-1, 3]) }
        #expect(throws: negative) { try Tensor.rand(checking: [-1, 3]) }
        #expect(throws: negative) { try Tensor.uniform(checking: [-1, 3], from: -1, to: 1) }
        #expect(throws: TensorError("Trying to create tensor with negative dimension -2: [0, -2]")) { try Tensor.ones(checking: [0, -2]) }
        #expect(try Tensor.zeros(checking: [2, 0]).shape == [2, 0])
        // The non-throwing spellings are the same tensors.
        #expect(try Tensor.ones(checking: [2, 3]).scalars == Tensor.ones([2, 3]).scalars)
        let a = try Tensor.uniform(checking: [40], from: -2, to: 3, generator: Generator(seed: 5))
        #expect(a.scalars == Tensor.uniform([40], from: -2, to: 3, generator: Generator(seed: 5)).scalars)
        #expect(try Tensor.rand(checking: [17], generator: Generator(seed: 9)).scalars == Tensor.rand([17], generator: Generator(seed: 9)).scalars)
    }

    /// index_select along each dimension of a 3-D tensor (repeated and unsorted picks; float32,
    /// int64 and bool), and `x[index]`, `x[mask]`: every element where the index says.
    @Test func indexSelectCopiesTheNamedSlices() throws {
        let dims = [3, 4, 5]
        let floats = try Tensor(shape: dims, scalars: (0..<60).map { Float($0) * 0.5 - 7 })
        let integers = try Tensor(shape: dims, integers: (0..<60).map { $0 * 3 - 50 })
        let booleans = try Tensor(shape: dims, booleans: (0..<60).map { $0 % 3 == 0 })
        for axis in 0..<3 {
            let picks = [dims[axis] - 1, 0, 1, 0, dims[axis] - 1]
            let index = try Tensor(shape: [picks.count], integers: picks)
            var shape = dims
            shape[axis] = picks.count
            let strides = [20, 5, 1]
            func source(_ n: Int) -> Int {
                var rest = n, offset = 0
                for d in (0..<3).reversed() {
                    let i = rest % shape[d]
                    rest /= shape[d]
                    offset += (d == axis ? picks[i] : i) * strides[d]
                }
                return offset
            }
            let fromFloats = try floats.indexSelect(dim: axis, index: index)
            #expect(fromFloats.shape == shape)
            #expect(fromFloats.scalars == (0..<fromFloats.count).map { floats.scalars[source($0)] }, "dim \(axis)")
            let fromIntegers = try integers.indexSelect(dim: axis, index: index)
            #expect(fromIntegers.dtype == .int64 && fromIntegers.integers == (0..<fromIntegers.count).map { integers.integers[source($0)] })
            let fromBooleans = try booleans.indexSelect(dim: axis, index: index)
            #expect(fromBooleans.dtype == .bool && fromBooleans.integers == (0..<fromBooleans.count).map { booleans.integers[source($0)] })
        }
        let rows = try floats.get(Tensor(shape: [3], integers: [-1, 0, -1]))
        #expect(rows.shape == [3, 4, 5] && rows.scalars == Array(floats.scalars[40...] + floats.scalars[..<20] + floats.scalars[40...]))
        let masked = try integers.get(Tensor(shape: [3, 4], booleans: (0..<12).map { $0 == 1 || $0 == 10 }))
        #expect(masked.shape == [2, 5] && masked.integers == Array(integers.integers[5..<10] + integers.integers[50..<55]))
        #expect(throws: TensorError("index 3 is out of bounds for dimension 0 with size 3")) { try floats.get(Tensor(shape: [1], integers: [3])) }
    }

    /// `detached()` is `detach()`: the values and type, no history, a copy.
    @Test func detachedIsDetach() throws {
        let x = Tensor([1.0, -2.0])
        x.requiresGrad = true
        let y = x * x
        for detached in [y.detached(), y.detach()] {
            #expect(detached.scalars == y.scalars && !detached.requiresGrad && detached !== y)
        }
        #expect(Tensor(integers: [4, 5]).detached().dtype == .int64)
    }
}
