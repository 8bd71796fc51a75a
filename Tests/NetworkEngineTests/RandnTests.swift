#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetworkKernels
import TestData
import Testing
@testable import NetworkEngine

/// `Tests/Data/reference/randn.json` (scripts/reference/randn_cases.py): `randn` and `normal_` of
/// 16 or more values, PyTorch's vectorised Box–Muller, bit for bit.
@Suite struct RandnTests {
    /// Read once; a missing or undecodable file fails every test here.
    nonisolated(unsafe) static let loaded = Result { try TestData.referenceCaseGroups("randn.json") }
    static var cases: [String: Any] { get throws { try loaded.get() } }

    @Test func sizesAroundTheBlockOf16ArePyTorchs() throws {
        let sizes = try #require(try Self.cases["sizes"] as? [[String: Any]])
        #expect(sizes.count == 8)
        for spec in sizes {
            let n = try #require(spec["n"] as? Int), seed = try #require(spec["seed"] as? Int)
            let generator = Generator(seed: UInt64(seed))
            let drawn = Tensor.randn([n], generator: generator).scalars
            #expect(bitMismatches(drawn, try packedFloats(spec["out"])) == 0, "randn(\(n)) seed \(seed)")
            // The generator has moved as PyTorch's has (the tail's redraw included).
            #expect(bitMismatches(Tensor.rand([3], generator: generator).scalars, try packedFloats(spec["randAfter"])) == 0)
        }
    }

    @Test func normalWithMeanAndStdIsPyTorchs() throws {
        let normals = try #require(try Self.cases["normal"] as? [[String: Any]])
        #expect(normals.count == 3)
        for spec in normals {
            let n = try #require(spec["n"] as? Int), seed = try #require(spec["seed"] as? Int)
            let mean = try #require(spec["mean"] as? Double), std = try #require(spec["std"] as? Double)
            let drawn = try Tensor.normal([n], mean: mean, std: std, generator: Generator(seed: UInt64(seed)))
            #expect(bitMismatches(drawn.scalars, try packedFloats(spec["out"])) == 0, "normal(\(n), \(mean), \(std))")
        }
        #expect(throws: TensorError("normal expects std >= 0.0, but found std -1")) { try Tensor.normal([3], std: -1) }
        #expect(throws: TensorError("Trying to create tensor with negative dimension -2: [3, -2]")) { try Tensor.normal([3, -2]) }
        #expect(throws: TensorError("normal expects std >= 0.0, but found std nan")) { try Tensor.normal([30], std: .nan) }
    }

    /// A million values (62,500 blocks) in well under a second, also in a debug build.
    @Test func aMillionValuesArePyTorchs() throws {
        let spec = try #require(try Self.cases["million"] as? [String: Any])
        let generator = Generator(seed: 7)
        let values = Tensor.randn([1_000_000], generator: generator).scalars
        #expect(bitMismatches(Array(values.prefix(32)), try packedFloats(spec["head"])) == 0)
        #expect(bitMismatches(Array(values.suffix(32)), try packedFloats(spec["tail"])) == 0)
        #expect(bitChecksum(values) == spec["checksum"] as? String)
        #expect(bitMismatches(Tensor.rand([3], generator: generator).scalars, try packedFloats(spec["randAfter"])) == 0)
    }

    /// The chapter's GPT model after manual_seed(123): its token table (38.6M values), then its
    /// position table, as `Embedding` draws them.
    @Test func gptEmbeddingTablesArePyTorchs() throws {
        let spec = try #require(try Self.cases["gptTables"] as? [String: Any])
        let generator = Generator(seed: UInt64(try #require(spec["seed"] as? Int)))
        let tables = try #require(spec["tables"] as? [[String: Any]])
        #expect(tables.count == 2)
        for table in tables {
            let shape = try #require(table["shape"] as? [Int])
            let values = Embedding(shape[0], shape[1], generator: generator).weight.scalars
            let rows = try #require(table["rows"] as? [Int]), samples = try #require(table["sample"] as? [String])
            for (row, sample) in zip(rows, samples) {
                let actual = Array(values[(row * shape[1])..<((row + 1) * shape[1])])
                #expect(bitMismatches(actual, try packedFloats(sample)) == 0, "\(table["name"] ?? "") row \(row)")
            }
            #expect(bitChecksum(values) == table["checksum"] as? String, "\(table["name"] ?? "")")
        }
        #expect(bitMismatches(Tensor.rand([3], generator: generator).scalars, try packedFloats(spec["randAfter"])) == 0)
    }

    /// Every variant gives the same bits (the portable one uses glibc's exact `fmaf`).
    @Test func everyVariantDrawsTheSameBits() throws {
        var uniforms = [Float](repeating: 0, count: 16 * 4096)
        let generator = Generator(seed: 11)
        generator.withLock { uniforms.withUnsafeMutableBufferPointer { generator.fillUniformFloats($0.baseAddress!, count: $0.count) } }
        var results: [[Float]] = []
        for variant in KernelVariant.supported {
            var data = uniforms
            data.withUnsafeMutableBufferPointer { nk_normal_fill_blocks(variant.variant, $0.baseAddress!, 4096, 0, 1) }
            results.append(data)
        }
        for result in results.dropFirst() { #expect(bitMismatches(result, results[0]) == 0) }
        #expect(results[0] != uniforms)
    }
}
