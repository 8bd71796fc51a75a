import Testing
@testable import NetworkEngine
import TestData

/// softmax and log_softmax over 3 rows of every width from 1 to 40 and some odd larger ones
/// (scripts/reference/softmax_widths_cases.py), along the last dimension and dimension 0, at
/// AVX-512 (16 lanes) and AVX2 (8 lanes): values and input gradients bit for bit. They pinned two
/// facts (docs/pytorch-numerics.md 4): SoftmaxBackward0's partial last vector is fused, as
/// LayerNorm's backward's is, and a dimension followed only by size-1 ones (`[3, 1]` along 0)
/// takes ATen's column kernel, not the last-dimension one.
@Suite struct SoftmaxWidthsTests {
    /// Read once; a missing or undecodable file fails every test here, saying why.
    nonisolated(unsafe) static let loaded = Result { try TestData.referenceCaseGroups("softmax_widths.json") }
    static var file: [String: Any] { get throws { try loaded.get() } }

    @Test func everyWidthIsBitExactWith16Lanes() throws {
        let cases = try #require(try Self.file["cases"] as? [[String: Any]])
        #expect(cases.count == 48 * 4)
        try check(cases, lanes: 16)
    }

    @Test func everyWidthIsBitExactWith8Lanes() throws {
        let cases = try #require(try Self.file["avx2"] as? [[String: Any]])
        #expect(cases.count == 46 * 4)
        try check(cases, lanes: 8)
    }

    private func check(_ cases: [[String: Any]], lanes: Int) throws {
        let file = try Self.file
        let rows = try #require(file["rows"] as? Int), scale = try #require(file["lastRowScale"] as? Int)
        var values = 0, wrongValues = 0, wrongGradients = 0
        for c in cases {
            let width = try #require(c["width"] as? Int), dim = try #require(c["dim"] as? Int)
            let op = try #require(c["op"] as? String)
            var input = try ResidualsReference.formula(rows * width, file["input"])
            for i in (rows - 1) * width..<rows * width { input[i] *= Float(scale) }
            let x = try Tensor(shape: [rows, width], scalars: input)
            x.requiresGrad = true
            let y = try x.softmaxFamily(dim: dim, logarithm: op == "log_softmax", lanes: lanes)
            #expect(y.ruleType?.name == c["gradFn"] as? String)
            try y.backward(gradient: Tensor(shape: [rows, width], scalars: ResidualsReference.formula(rows * width, file["upstream"])))
            let what = "\(op) width \(width) dim \(dim), \(lanes) lanes"
            let forward = bitMismatches(y.scalars, try packedFloats(c["output"]))
            let backward = bitMismatches(try #require(x.grad).scalars, try packedFloats(c["inputGrad"]))
            #expect(forward == 0, "\(what): \(forward) values differ")
            #expect(backward == 0, "\(what): \(backward) gradients differ")
            values += y.count
            wrongValues += forward
            wrongGradients += backward
        }
        print("softmax widths, \(lanes) lanes: \(values - wrongValues) of \(values) values, "
              + "\(values - wrongGradients) of \(values) gradients bit for bit")
    }
}
