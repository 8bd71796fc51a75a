import TestData
import Testing
@testable import NetworkEngine

/// `Tests/Data/reference/residuals.json` (scripts/reference/residuals_cases.py).
enum ResidualsReference {
    /// Read once; a missing or undecodable file fails every test that asks for a case.
    nonisolated(unsafe) static let loaded = Result { try TestData.referenceCaseGroups("residuals.json") }
    static var cases: [String: Any] { get throws { try loaded.get() } }

    static func object(_ key: String) throws -> [String: Any] {
        try #require(try cases[key] as? [String: Any], "residuals.json has no \(key)")
    }

    static func list(_ key: String) throws -> [[String: Any]] {
        try #require(try cases[key] as? [[String: Any]], "residuals.json has no \(key)")
    }

    /// The `count` values of a formula input (`EncodedTensor.formulaValues`).
    static func formula(_ count: Int, _ parameters: Any?) throws -> [Float] {
        try EncodedTensor.formulaValues(count, try #require(parameters as? [Double]))
    }
}

/// Matrix products outside MKL's GEMM path and column sums, bit for bit
/// (docs/pytorch-numerics.md 1a, 3b).
@Suite struct ResidualsReferenceTests {
    /// `mm` with n from 3 to 11: the outputs before a row's first 16-byte boundary take MKL's
    /// peeled order; a transposed left operand changes nothing.
    @Test func smallProductsPeelLikeMKL() throws {
        let products = try ResidualsReference.object("products")
        let inputs = try #require(products["inputs"] as? [String: Any])
        var exact = 0, total = 0
        for c in try #require(products["mm"] as? [[String: Any]]) {
            let m = try #require(c["m"] as? Int), k = try #require(c["k"] as? Int), n = try #require(c["n"] as? Int)
            let values = try ResidualsReference.formula(m * k, inputs["a"])
            let a = try #require(c["leftTransposed"] as? Bool)
                ? try Tensor(shape: [k, m], scalars: transposed(values, rows: m, columns: k)).transpose(0, 1)
                : try Tensor(shape: [m, k], scalars: values)
            let b = try Tensor(shape: [k, n], scalars: try ResidualsReference.formula(k * n, inputs["b"]))
            let result = try a.matmul(b).scalars, expected = try packedFloats(c["result"])
            let wrong = bitMismatches(result, expected)
            #expect(wrong == 0, "mm \(m)×\(k)×\(n), left transposed \(c["leftTransposed"]!): \(wrong) outputs differ")
            exact += result.count - wrong
            total += result.count
        }
        #expect(total > 4_000)
        print("mm outside the GEMM path: \(exact) of \(total) outputs bit for bit")
    }

    /// `F.linear`'s backward: the weight gradient gᵀ·x is such a product (the MLP's
    /// Linear(10, 32) with a batch of 8 is the first case).
    @Test func linearGradientsAreBitExact() throws {
        let products = try ResidualsReference.object("products")
        let inputs = try #require(products["inputs"] as? [String: Any])
        let cases = try #require(products["linearBackward"] as? [[String: Any]])
        #expect(cases.count == 4, "linearBackward cases: \(cases.count)")
        for c in cases {
            let rows = try #require(c["rows"] as? Int), inFeatures = try #require(c["in"] as? Int)
            let outFeatures = try #require(c["out"] as? Int)
            let x = try Tensor(shape: [rows, inFeatures], scalars: try ResidualsReference.formula(rows * inFeatures, inputs["a"]))
            let w = try Tensor(shape: [outFeatures, inFeatures],
                               scalars: try ResidualsReference.formula(outFeatures * inFeatures, inputs["b"]))
            let bias = Tensor.zeros([outFeatures])
            for t in [x, w, bias] { t.requiresGrad = true }
            let g = try Tensor(shape: [rows, outFeatures], scalars: try ResidualsReference.formula(rows * outFeatures, inputs["upstream"]))
            try x.linear(weight: w, bias: bias).backward(gradient: g)
            let what = "Linear(\(inFeatures), \(outFeatures)) on \(rows) rows"
            #expect(bitMismatches(try #require(x.grad).scalars, try packedFloats(c["inputGrad"])) == 0, "\(what): input")
            #expect(bitMismatches(try #require(w.grad).scalars, try packedFloats(c["weightGrad"])) == 0, "\(what): weight")
            #expect(bitMismatches(try #require(bias.grad).scalars, try packedFloats(c["biasGrad"])) == 0, "\(what): bias")
        }
    }

    /// `bmm`: MKL per batch (each batch's peel counted from its start in the result), or below
    /// k·m·n = 400 PyTorch's own loop, a plain sum in increasing k.
    @Test func batchedProductsAreBitExact() throws {
        let products = try ResidualsReference.object("products")
        let inputs = try #require(products["inputs"] as? [String: Any])
        let cases = try #require(products["bmm"] as? [[String: Any]])
        #expect(cases.count == 7, "bmm cases: \(cases.count)")
        for c in cases {
            let batch = try #require(c["batch"] as? Int), m = try #require(c["m"] as? Int)
            let k = try #require(c["k"] as? Int), n = try #require(c["n"] as? Int)
            let a = try Tensor(shape: [batch, m, k], scalars: try ResidualsReference.formula(batch * m * k, inputs["a"]))
            let b = try Tensor(shape: [batch, k, n], scalars: try ResidualsReference.formula(batch * k * n, inputs["b"]))
            let wrong = bitMismatches(try a.matmul(b).scalars, try packedFloats(c["result"]))
            #expect(wrong == 0, "bmm \(batch)×\(m)×\(k)×\(n): \(wrong) outputs differ")
        }
    }

    /// `x.sum(0)` of contiguous [rows, width] matrices, rows 1...300 and width 1...70 (the bias
    /// gradient's sum): checksums per rows and per width.
    @Test func columnSumsAreBitExactForEveryShape() throws {
        let sums = try ResidualsReference.object("columnSums")
        let byRows = try #require(sums["byRows"] as? [String]), byWidth = try #require(sums["byWidth"] as? [String])
        let base = try ResidualsReference.formula(300 * 70, sums["formula"])
        var results = [[[Float]]](repeating: [], count: 301)
        base.withUnsafeBufferPointer { x in
            for rows in 1...300 {
                results[rows] = (1...70).map { columnSums(x.baseAddress!, rows: rows, columns: $0) }
            }
        }
        for rows in 1...300 {
            #expect(bitChecksum(results[rows].flatMap { $0 }) == byRows[rows - 1], "sum(0) of \(rows) rows, widths 1...70")
        }
        for width in 1...70 {
            #expect(bitChecksum((1...300).flatMap { results[$0][width - 1] }) == byWidth[width - 1], "sum(0) of width \(width)")
        }
        // The tensor operation takes the same kernel.
        let x = try Tensor(shape: [37, 13], scalars: Array(base.prefix(37 * 13)))
        #expect(try x.sum(dims: [0]).scalars.map(\.bitPattern) == results[37][12].map(\.bitPattern))
    }
}
