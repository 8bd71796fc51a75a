import Testing
@testable import NetworkEngine

/// LayerNorm against PyTorch 2.13: forward bit for bit at the AVX2/AVX-512 and DEFAULT
/// capabilities, backward within 4 ulps (the input gradient: see `backwardIsWithinFourUlps`).
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
        var cases = ModuleReference.cases[key] as? [[String: Any]]
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
        var cases = ModuleReference.cases[key] as? [[String: Any]]
        if cases == nil { cases = (try ModuleReference.object(key))["cases"] as? [[String: Any]] }
        let c = try #require(cases?.first { $0["width"] as? Int == 768 && $0["affine"] as? Bool == true })
        #expect(try bitChecksum(norm(x).scalars) == c["checksum"] as? String)
        #expect(norm.namedParameters().map(\.name) == ["weight", "bias"])
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
            // The input's gradient cancels terms of size |b·x|: rows with large |x| (the shifted row)
            // or a partial 8-lane tail (width 13) move by more than 4 ulps, so each row is held to
            // 4 ulps or 2e-6 · max|x| · max|dx| of that row.
            let dx = try #require(x.grad).scalars, expected = try packedFloats(c["inputGrad"]), xs = x.scalars
            for row in 0..<rows {
                let range = (row * width)..<((row + 1) * width)
                let bound = 2e-6 * xs[range].map { Swift.abs($0) }.max()! * expected[range].map { Swift.abs($0) }.max()!
                for j in range {
                    worst.see(dx[j], expected[j])
                    #expect(ulpDistance(dx[j], expected[j]) <= 4 || Swift.abs(dx[j] - expected[j]) <= bound,
                            "\(what) input[\(j)]: \(dx[j]) vs PyTorch \(expected[j])")
                }
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
