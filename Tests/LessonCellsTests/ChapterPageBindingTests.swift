import LessonCells
import Testing

/// What the chapter's pages call beyond the shortcut lesson: `Tensor.arange` with `Int`s is
/// int64 (`torch.arange(n)`, and the engine's `Int` overload Swift picks), with a `Double` float32;
/// a page's module declares `throws` and is called with `try`.
@Suite struct ChapterPageBindingTests {
    @Test func arangeWithIntsIsInt64() {
        let code = """
            let n = 4
            print(Tensor.arange(n), Tensor.arange(0, n).dtype, Tensor.arange(1, 7, step: 2))
            print(Tensor.arange(0, 2.5), Tensor.arange(0.0, 3.0).dtype)
            """
        #expect(printed(code) == "tensor([0, 1, 2, 3]) torch.int64 tensor([1, 3, 5])\ntensor([0., 1., 2.]) torch.float32\n")
    }

    @Test func arangeErrorsAreLocated() {
        #expect(failure("let t = Tensor.arange(0, 4, step: 0)").hasSuffix("step must be nonzero"))
    }

    @Test func positionsFromArangeIndexAnEmbedding() {
        let code = """
            manualSeed(123)
            let embedding = Embedding(5, 2)
            print(try embedding(Tensor.arange(3)).shape)
            """
        #expect(printed(code) == "[3, 2]\n")
    }

    @Test func aThrowingModuleRunsWithTry() {
        let code = """
            struct Norm: Module {
                func callAsFunction(_ x: Tensor) throws -> Tensor {
                    let mean = try x.mean(dim: -1, keepDim: true)
                    return x - mean
                }
            }
            let norm = Norm()
            print(try norm(Tensor([[1.0, 3.0]])), try Sequential(norm, ReLU())(Tensor([[1.0, 3.0]])))
            """
        #expect(printed(code) == "tensor([[-1.,  1.]]) tensor([[0., 1.]])\n")
    }
}
