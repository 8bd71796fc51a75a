import LessonCells
import LessonModel
import Testing

/// Tensor subscripts in Swift's spelling (the engine's indexing), and one-sided ranges on arrays.
@Suite struct TensorSubscriptTests {
    @Test func reading() {
        let code = """
            let x = Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
            print(x[0].scalars, x[-1, -1].item(), x[..., 1].scalars, x[0, 1...].scalars, x[..<1, ..<2].shape, x[0, ...2].scalars)
            print(x[0..<2, stride(from: 0, to: 3, by: 2)].scalars, x[1, ...].shape)
            """
        #expect(printed(code) == "[0.0, 1.0, 2.0] 5.0 [1.0, 4.0] [1.0, 2.0] [1, 2] [0.0, 1.0, 2.0]\n[0.0, 2.0, 3.0, 5.0] [3]\n")
    }

    @Test func assignmentChangesTheTensorInPlace() {
        let code = """
            let x = Tensor.zeros(2, 3)
            x[0] = Tensor([1.0, 2.0, 3.0])
            x[1, 1...] = 7.0
            x[..., 0] += 1
            print(x.scalars)
            """
        #expect(printed(code) == "[2.0, 2.0, 3.0, 1.0, 7.0, 7.0]\n")
    }

    @Test func readingKeepsTheHistory() {
        let code = "let x = Tensor([1.0, 2.0, 3.0])\nx.requiresGrad = true\nlet y = x[1...].sum()\ny.backward()\nprint(x.grad!.scalars)"
        #expect(printed(code) == "[0.0, 1.0, 1.0]\n")
    }

    @Test func arraysTakeOneSidedRanges() {
        #expect(printed("let a = [1, 2, 3, 4]\nprint(a[1...], a[..<2], a[...1], 2...)") == "[2, 3, 4] [1, 2] [1, 2] PartialRangeFrom<Int>(lowerBound: 2)\n")
    }

    @Test func aBadIndexIsALocatedError() {
        #expect(failure("let x = Tensor.zeros(2, 3)\nprint(x[5])").hasPrefix("page.md:2:8: error: index 5 is out of bounds for dimension 0 with size 2"))
        #expect(failure("let x = Tensor.zeros(2)\nprint(x[\"a\"])") == "page.md:2:8: error: a tensor subscript takes Ints, ranges, strides and '...', or one Tensor, found 'String'")
        #expect(failure("let a = [1, 2]\na[0] = 3") == "page.md:2:1: error: cannot assign through subscript: 'a' is a 'let' constant")
    }

    @Test func shapeBindings() {
        let code = "let x = Tensor.arange(0, 6).reshape(2, 3)\nprint(x.transpose(0, 1).shape, Tensor.cat([x, x], dim: 1).shape, x.flatten().shape, x.unsqueeze(0).shape)"
        #expect(printed(code) == "[3, 2] [2, 6] [6] [1, 2, 3]\n")
    }
}
