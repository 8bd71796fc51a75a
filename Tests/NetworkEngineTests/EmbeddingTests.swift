import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import NetworkEngine

/// Embedding against PyTorch 2.13: initialisation, lookup and EmbeddingBackward0 bit for bit.
@Suite struct EmbeddingTests {
    @Test func smallTableLooksUpAndSumsRepeatedIdsAsPyTorch() throws {
        let c = try #require(try ModuleReference.object("embedding")["small"] as? [String: Any])
        let generator = Generator(seed: 5)
        let table = Embedding(10, 4, generator: generator)
        #expect(bitMismatches(table.weight.scalars, try packedFloats(c["weight"])) == 0, "init")
        let ids = try #require(c["ids"] as? [[Int]])
        let y = try table(try Tensor(shape: [2, 4], integers: ids.flatMap { $0 }))
        #expect(y.shape == c["outputShape"] as? [Int])
        #expect(bitMismatches(y.scalars, try packedFloats(c["output"])) == 0, "output")
        #expect(y.ruleType?.name == c["gradFn"] as? String)
        try y.backward(gradient: Tensor.randn([2, 4, 4], generator: generator))
        #expect(bitMismatches(try #require(table.weight.grad).scalars, try packedFloats(c["weightGrad"])) == 0, "gradient")
        #expect(try Embedding(3, 2, generator: Generator(seed: 6))(Tensor(integers: [2]).reshapedForTest([])).shape == c["scalarIdShape"] as? [Int])
        #expect(table.namedParameters().map(\.name) == ["weight"])
    }

    @Test func badIdsArePyTorchsErrors() throws {
        let errors = try #require(try ModuleReference.object("embedding")["errors"] as? [String: String])
        let table = Embedding(10, 4, generator: Generator(seed: 1))
        #expect(throws: TensorError(try #require(errors["outOfRange"]))) { try table(Tensor(integers: [0, 10])) }
        #expect(throws: TensorError(try #require(errors["negative"]))) { try table(Tensor(integers: [-1])) }
        #expect(throws: TensorError(try #require(errors["float"]))) { try table(Tensor([1.0])) }
    }

    /// The GPT-2 token table (50257 × 768) after manual_seed(123). `randn` transforms its uniforms
    /// 16 at a time, so the first rows are those of any table of 768-wide rows: checked here bit
    /// for bit from a 3-row table; `gptTokenTableInitialisationIsPyTorchs` checks the whole table
    /// (checksum, rows 15496 and 50256, the generator's position after it).
    @Test func firstRowsOfTheGPTTokenTableArePyTorchs() throws {
        let c = try #require(try ModuleReference.object("embedding")["init"] as? [String: Any])
        let rows = try #require(c["rows"] as? [Int]), samples = try #require(c["sample"] as? [String])
        let table = Embedding(3, 768, generator: Generator(seed: 123)).weight.scalars
        for (row, sample) in zip(rows, samples) where row < 3 {
            let actual = Array(table[(row * 768)..<((row + 1) * 768)])
            #expect(bitMismatches(actual, try packedFloats(sample)) == 0, "row \(row)")
        }
    }

    @Test func gptTokenTableInitialisationIsPyTorchs() throws {
        let c = try #require(try ModuleReference.object("embedding")["init"] as? [String: Any])
        let generator = Generator(seed: 123)
        let values = Embedding(50257, 768, generator: generator).weight.scalars
        let rows = try #require(c["rows"] as? [Int]), samples = try #require(c["sample"] as? [String])
        var mismatches = 0, worst = 0
        for (row, sample) in zip(rows, samples) {
            let expected = try packedFloats(sample)
            let actual = Array(values[(row * 768)..<((row + 1) * 768)])
            mismatches += bitMismatches(actual, expected)
            for (a, e) in zip(actual, expected) { worst = Swift.max(worst, ulpDistance(a, e)) }
        }
        #expect(mismatches == 0, "\(mismatches) of \(rows.count * 768) sampled values differ (worst \(worst) ulps)")
        #expect(bitChecksum(values) == c["checksum"] as? String)
        #expect(bitMismatches(Tensor.rand([3], generator: generator).scalars, try packedFloats(c["randAfter"])) == 0)
    }
}

extension Tensor {
    /// A one-element int64 tensor as a 0-dimensional one (the reference's `torch.tensor(2)`).
    func reshapedForTest(_ shape: [Int]) -> Tensor {
        Tensor(validShape: shape, integers: integers, dtype: dtype)
    }
}
