import Testing
@testable import NetworkEngine

/// Small tensors keep their values, pending gradient and saved values inside the object; larger
/// ones use arrays. Which one a tensor uses must never show: same results, same sharing rules.
@Suite struct TensorStorageTests {
    /// One count on each side of the inline capacity, and one far beyond it.
    static let counts = [3, inlineCapacity, inlineCapacity + 1, 40]

    static func values(_ count: Int) -> [Double] {
        (0..<count).map { Double($0 % 7) * 0.375 - 1.0 }
    }

    @Test(arguments: counts)
    func valuesRoundTrip(_ count: Int) throws {
        let values = Self.values(count)
        let tensor = Tensor(values)
        #expect(tensor.scalars == values.map(Float.init))
        #expect(tensor.detached().scalars == tensor.scalars)
        #expect((tensor * 2).scalars == values.map { Float($0) * 2 })
    }

    /// Gradients add up over passes and restart after `zeroGrad()`, inline or not; a gradient's
    /// values read before a later pass keep the values they had.
    @Test(arguments: counts)
    func gradientsAccumulateAndReadValuesStayPut(_ count: Int) throws {
        let x = Tensor(Self.values(count))
        x.requiresGrad = true
        try (x * 3).sum().backward()
        let afterOnePass = try #require(x.grad).scalars
        try (x * 3).sum().backward()
        #expect(afterOnePass == [Float](repeating: 3, count: count))
        #expect(x.grad?.scalars == [Float](repeating: 6, count: count))
        x.zeroGrad()
        try (x * x).sum().backward()
        #expect(x.grad?.scalars == Self.values(count).map { Float($0) * 2 })
    }

    /// Two contributions to one tensor's gradient in one pass (`x` used twice), summed in the
    /// order they arrive; and a large gradient passed on to two inputs at once stays correct
    /// when one of them adds to it.
    @Test(arguments: counts)
    func contributionsWithinAPassAreSummed(_ count: Int) throws {
        let x = Tensor(Self.values(count))
        x.requiresGrad = true
        let y = x * 2
        try ((y + y) * x).sum().backward()
        // d/dx of 4x² is 8x.
        #expect(x.grad?.scalars == Self.values(count).map { Float($0) * 8 })
    }

    /// `a + b` hands one gradient to both inputs (a large one as the same array); when `a` then
    /// receives another contribution, `b`'s gradient must not change with it.
    @Test(arguments: counts)
    func aSharedGradientIsCopiedBeforeItIsAddedTo(_ count: Int) throws {
        let x = Tensor(Self.values(count))
        x.requiresGrad = true
        let a = x * 1, b = x * 3
        let twice = a * 2      // made first, so its backward rule runs after the sum's
        let total = a + b
        try (total.sum() + twice.sum()).backward()
        // a receives 1 + 2, b receives 1: x's gradient is 1 · 3 + 3 · 1.
        #expect(x.grad?.scalars == [Float](repeating: 6, count: count))
    }

    /// The tanh-GELU of a small tensor saves each element's tanh for backward; a large one
    /// computes it again. Both give the same bits, element by element.
    @Test func savedAndRecomputedGELUTanhAgree() throws {
        let values = (0..<48).map { Double($0) * 0.173 - 4.0 }
        let whole = Tensor(values)
        whole.requiresGrad = true
        let gelu = GELU(approximate: .tanh)
        try (gelu(whole) * Tensor(values.map { $0 * 0.5 + 0.25 })).sum().backward()
        var pieceGradients: [Float] = []
        var pieceOutputs: [Float] = []
        for start in stride(from: 0, to: values.count, by: 12) {
            let piece = Tensor(Array(values[start..<start + 12]))
            piece.requiresGrad = true
            let output = gelu(piece)
            pieceOutputs += output.scalars
            try (output * Tensor(values[start..<start + 12].map { $0 * 0.5 + 0.25 })).sum().backward()
            pieceGradients += try #require(piece.grad).scalars
        }
        #expect(gelu(whole).scalars.map(\.bitPattern) == pieceOutputs.map(\.bitPattern))
        #expect(try #require(whole.grad).scalars.map(\.bitPattern) == pieceGradients.map(\.bitPattern))
    }

    /// Freeing a graph whose tensors still to release outnumber the stack space set aside for
    /// them (each `(x · i) + previous` leaves its product waiting while the chain is followed).
    @Test func aGraphWithManyWaitingReleasesIsFreed() throws {
        let x = Tensor([1.0, 2.0])
        x.requiresGrad = true
        weak var product: Tensor?
        do {
            var node = x * 0
            for i in 1...200 {
                let scaled = x * Double(i)
                if i == 100 { product = scaled }
                node = scaled + node
            }
            try node.sum().backward()
        }
        #expect(product == nil)
        #expect(x.grad?.scalars == [20100, 20100])
    }
}
