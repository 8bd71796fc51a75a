import Testing
@testable import NetworkEngine

/// LayerNorm against PyTorch 2.13: forward bit for bit at the AVX2/AVX-512 and DEFAULT
/// capabilities; backward: the input gradient bit for bit, weight and bias within 4 ulps.
@Suite struct LayerNormTests {
    /// The reference's `pattern`: element i is ((i·multiplier + 13) mod 2003)/scale − offset.
    private func pattern(_ count: Int, _ multiplier: Int, _ scale: Double, _ offset: Double) -> [Float] {
        (0..<count).map { Float(Double(($0 * multiplier + 13) % 2003) / scale - offset + 0.0) }
    }

    /// x (its last row shifted by 100), weight and bias, as module_cases.py makes them.
    private func inputs(width: Int, rows: Int, affine: Bool) throws -> (Tensor, LayerNorm) {
        var values = pattern(rows * width, 7919, 256, 3.9)
        for j in ((rows - 1) * width)..<(rows * width) { values[j] += 100 }
        let x = try Tensor(shape: [rows, width], scalars: values)
        let norm = LayerNorm(width, elementwiseAffine: affine)
        if let weight = norm.weight, let bias = norm.bias {
            try noGrad {
                try weight.copy_(Tensor(shape: [width], scalars: pattern(width, 31, 1024, 0.5)))
                try bias.copy_(Tensor(shape: [width], scalars: pattern(width, 11, 2048, 0.4)))
            }
        }
        return (x, norm)
    }

    @Test(arguments: [("layerNorm", true), ("layerNormDefaultCapability", false)])
    func forwardIsBitExactOnEveryWidth(key: String, fusing: Bool) throws {
        var cases = try ModuleReference.cases[key] as? [[String: Any]]
        if cases == nil { cases = (try ModuleReference.object(key))["cases"] as? [[String: Any]] }
        let all = try #require(cases)
        #expect(all.count == 14)
        for c in all {
            let width = try #require(c["width"] as? Int), rows = try #require(c["rows"] as? Int)
            let affine = try #require(c["affine"] as? Bool)
            let what = "\(key) width \(width) affine \(affine)"
            let (x, norm) = try inputs(width: width, rows: rows, affine: affine)
            let y = layerNormForward(x, width: width, weight: norm.weight, bias: norm.bias, eps: Float(1e-5), fusing: fusing)
            #expect(bitChecksum(y.scalars) == c["checksum"] as? String, "\(what): checksum")
            let head = try packedFloats(c["head"])
            #expect(bitMismatches(Array(y.scalars.prefix(head.count)), head) == 0, "\(what): first values")
            let means = try packedFloats(c["mean"]), rstds = try packedFloats(c["rstd"])
            for row in 0..<rows {
                let moments = x.scalars.withUnsafeBufferPointer {
                    rowwiseMoments($0.baseAddress! + row * width, count: width, fusing: fusing)
                }
                #expect(moments.mean.bitPattern == means[row].bitPattern, "\(what): mean of row \(row)")
                #expect(reciprocalStandardDeviation(moments.variance, eps: Float(1e-5)).bitPattern == rstds[row].bitPattern,
                        "\(what): rstd of row \(row)")
            }
        }
    }

    @Test func moduleUsesThisCPUsVariant() throws {
        let (x, norm) = try inputs(width: 768, rows: 3, affine: true)
        let key = KernelVariant.best == .baseline ? "layerNormDefaultCapability" : "layerNorm"
        var cases = try ModuleReference.cases[key] as? [[String: Any]]
        if cases == nil { cases = (try ModuleReference.object(key))["cases"] as? [[String: Any]] }
        let c = try #require(cases?.first { $0["width"] as? Int == 768 && $0["affine"] as? Bool == true })
        #expect(try bitChecksum(norm(x).scalars) == c["checksum"] as? String)
        #expect(norm.namedParameters().map(\.name) == ["weight", "bias"])
    }

    /// The input gradient at widths 1...100 and 768 with and without affine parameters
    /// (residuals.json): bit for bit, a partial last 8-lane vector of `ds`, `db` fused.
    @Test func backwardInputGradientIsBitExactOnEveryWidth() throws {
        let cases = try ResidualsReference.list("layerNormBackward")
        #expect(cases.count == 202)
        var worst = Worst()
        for c in cases {
            let width = try #require(c["width"] as? Int), affine = try #require(c["affine"] as? Bool)
            let (x, norm) = try inputs(width: width, rows: 3, affine: affine)
            let g = try Tensor(shape: [3, width], scalars: pattern(3 * width, 4099, 512, 1.7))
            x.requiresGrad = true
            try (norm(x) * g).sum().backward()
            let dx = try #require(x.grad).scalars, what = "width \(width) affine \(affine)"
            if let bits = c["inputGradBits"] {
                for (a, e) in zip(dx, try packedFloats(bits)) { worst.see(a, e) }
            }
            #expect(bitChecksum(dx) == c["inputGrad"] as? String, "\(what): input gradient")
            if affine {
                #expect(bitChecksum(try #require(norm.weight?.grad).scalars) == c["weightGrad"] as? String, "\(what): weight")
                #expect(bitChecksum(try #require(norm.bias?.grad).scalars) == c["biasGrad"] as? String, "\(what): bias")
            }
        }
        print("LayerNorm backward, widths 1...100 and 768: worst \(worst.ulps) ulps on widths up to 16")
    }

    @Test func backwardIsWithinFourUlps() throws {
        var worst = Worst()
        for c in try ModuleReference.list("layerNormBackward") {
            let width = try #require(c["width"] as? Int), rows = try #require(c["rows"] as? Int)
            let affine = try #require(c["affine"] as? Bool)
            let what = "width \(width) affine \(affine)"
            let (x, norm) = try inputs(width: width, rows: rows, affine: affine)
            let g = try Tensor(shape: [rows, width], scalars: pattern(rows * width, 4099, 512, 1.7))
            x.requiresGrad = true
            let y = try norm(x)
            #expect(y.ruleType?.name == c["gradFn"] as? String)
            try (y * g).sum().backward()
            // The input's gradient, bit for bit (its reductions' partial last vector fused).
            let dx = try #require(x.grad).scalars, expected = try packedFloats(c["inputGrad"])
            try #require(expected.count == dx.count, "\(what): \(expected.count) reference values for \(dx.count)")
            for j in dx.indices {
                worst.see(dx[j], expected[j])
                #expect(dx[j].bitPattern == expected[j].bitPattern, "\(what) input[\(j)]: \(dx[j]) vs PyTorch \(expected[j])")
            }
            if affine {
                expectClose(try #require(norm.weight?.grad).scalars, try packedFloats(c["weightGrad"]), "\(what) weight", worst: &worst)
                expectClose(try #require(norm.bias?.grad).scalars, try packedFloats(c["biasGrad"]), "\(what) bias", worst: &worst)
            }
        }
        print("LayerNorm backward: worst \(worst.ulps) ulps")
    }

    @Test func shapeErrorsArePyTorchs() throws {
        for c in try ModuleReference.list("layerNormErrors") {
            let shape = try #require(c["input"] as? [Int]), normalized = try #require(c["normalizedShape"] as? [Int])
            #expect(throws: TensorError(try #require(c["message"] as? String))) {
                try LayerNorm(normalized)(Tensor.ones(shape))
            }
        }
    }
}
