import Foundation
import Testing
@testable import NetworkEngine

@Suite struct TensorTests {
    @Test func creationShapesAndItem() throws {
        #expect(Tensor(2.5).shape == [])
        #expect(try Tensor(2.5).item() == 2.5)
        #expect(Tensor([1.0, 2.0]).shape == [2])
        #expect(Tensor([[1.0, 2.0, 3.0]]).shape == [1, 3])
        #expect(Tensor.zeros(2, 3).scalars == [Float](repeating: 0, count: 6))
        #expect(Tensor.ones([2]).scalars == [1, 1])
        #expect(try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]).count == 4)
        #expect(throws: TensorError("shape [2, 2] is invalid for input of size 3")) {
            try Tensor(shape: [2, 2], scalars: [1, 2, 3])
        }
        #expect(throws: TensorError("a Tensor with 2 elements cannot be converted to Scalar")) {
            try Tensor([1.0, 2.0]).item()
        }
        // float32 widened: what Python prints for `.item()`.
        #expect(try Tensor(0.1).item() == Double(Float(0.1)))
    }

    @Test func shapeErrorsNameBothShapes() {
        #expect(throws: TensorError("mat1 and mat2 shapes cannot be multiplied (1x3 and 4x2)")) {
            try Tensor([[1.0, 2.0, 3.0]]).matmul(Tensor.zeros(4, 2))
        }
        #expect(throws: TensorError("shapes [2, 3] and [4] cannot be broadcast together: the size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1")) {
            try Tensor.zeros(2, 3).add(Tensor.zeros(4))
        }
    }

    /// A zero dimension, as PyTorch has it: no values, or zeros when only the summed one is zero;
    /// gradients of the inputs' shapes.
    @Test func matmulWithAZeroDimension() throws {
        let noRows = try Tensor.zeros(0, 3).matmul(Tensor.ones(3, 2))
        #expect(noRows.shape == [0, 2] && noRows.scalars.isEmpty)
        let a = Tensor.zeros(2, 0), b = Tensor.zeros(0, 3)
        a.requiresGrad = true
        b.requiresGrad = true
        let emptySums = try a.matmul(b)
        #expect(emptySums.shape == [2, 3] && emptySums.scalars == [Float](repeating: 0, count: 6))
        try emptySums.sum().backward()
        #expect(a.grad?.shape == [2, 0] && b.grad?.shape == [0, 3])
    }

    @Test func matmulOfVectorsAndMatrices() throws {
        let a = Tensor([[1.0, 2.0], [3.0, 4.0]])
        #expect(try a.matmul(Tensor([[1.0], [1.0]])).scalars == [3, 7])
        #expect(try Tensor([1.0, 1.0]).matmul(a).shape == [2])
        #expect(try Tensor([1.0, 2.0]).matmul(Tensor([3.0, 4.0])).scalars == [11])
        let x = Tensor([[1.0, 2.0]]), w = Tensor([[3.0], [4.0]])
        x.requiresGrad = true
        w.requiresGrad = true
        try x.matmul(w).backward()
        #expect(x.grad?.scalars == [3, 4])
        #expect(w.grad?.scalars == [1, 2])
    }

    @Test(arguments: [(37, 70, 29), (66, 64, 72), (3, 40, 50)])
    func blockedAndThreadedProductsKeepMKLsOrder(m: Int, k: Int, n: Int) throws {
        // The blocked vector kernel (and, for the larger product, its two-thread split) must give
        // each element the bits of MKL's order written out plainly.
        let generator = Generator(seed: 9)
        let a = Tensor.randn([m, k], generator: generator), b = Tensor.randn([k, n], generator: generator)
        let product = try a.matmul(b)
        let expected = MKLOrderKernelTests.matmul(a.scalars, b.scalars, m: m, k: k, n: n)
        for i in [0, m / 2, m - 1] {
            for j in [0, 8, n / 2, n - 1] {
                #expect(product.scalars[i * n + j].bitPattern == expected[i * n + j].bitPattern)
            }
        }
    }

    @Test func printsLikePyTorch() {
        #expect(Tensor([[1.0, 0.0, -1.0]]).description == "tensor([[ 1.,  0., -1.]])")
        #expect(Tensor([0.5, -0.25]).description == "tensor([ 0.5000, -0.2500])")
        #expect(Tensor(3.0).description == "tensor(3.)")
        let weight = Tensor([1.5])
        weight.requiresGrad = true
        #expect(weight.description == "tensor([1.5000], requires_grad=True)")
    }

    @Test func mseWarningGoesToTheCollectorOnlyWhenShapesDiffer() throws {
        let (_, same) = try collectingWarnings { try mseLoss(Tensor([[1.0]]), Tensor([[0.0]])) }
        #expect(same.isEmpty)
        let (loss, warnings) = try collectingWarnings { try MSELoss()(Tensor([[1.0, 2.0, 3.0]]), Tensor([[0.0]])) }
        #expect(try loss.item() == 14.0 / 3.0 || abs(try loss.item() - 14.0 / 3.0) < 1e-6)
        #expect(warnings == ["Using a target size (torch.Size([1, 1])) that is different to the input size (torch.Size([1, 3])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size."])
    }

    @Test func nestedCollectorsKeepTheirOwnWarnings() throws {
        let (inner, outer) = try collectingWarnings { () throws -> [String] in
            _ = try mseLoss(Tensor([1.0, 2.0]), Tensor(0.0))
            return try collectingWarnings { try mseLoss(Tensor([1.0]), Tensor([[1.0]])) }.warnings
        }
        #expect(inner.count == 1 && inner[0].contains("torch.Size([1, 1])"))
        #expect(outer.count == 1 && outer[0].contains("torch.Size([])"))
    }

    @Test func warningsFromParallelPagesNeverMix() async throws {
        let counts = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for page in 0..<8 {
                group.addTask {
                    let (_, warnings) = try collectingWarnings { () throws -> Void in
                        for _ in 0...page { _ = try mseLoss(Tensor([[1.0, 2.0]]), Tensor([[0.0]])) }
                    }
                    return (page, warnings.count)
                }
            }
            var result: [(Int, Int)] = []
            for try await entry in group { result.append(entry) }
            return result
        }
        #expect(counts.count == 8)
        #expect(counts.allSatisfy { $0.1 == $0.0 + 1 })
    }

    @Test func sameProgramSameBits() throws {
        func run() throws -> [UInt32] {
            let generator = Generator(seed: 42)
            let model = Sequential(Linear(16, 64, generator: generator), GELU(), Linear(64, 64, generator: generator),
                                   GELU(approximate: .tanh), Linear(64, 1, generator: generator))
            let x = Tensor.randn([8, 16], generator: generator)
            let loss = try mseLoss(model(x), Tensor.zeros([8, 1]))
            try loss.backward()
            return ([loss] + model.parameters().compactMap(\.grad)).flatMap(\.scalars).map(\.bitPattern)
        }
        #expect(try run() == run())
    }
}
