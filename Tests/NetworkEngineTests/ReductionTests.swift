import Testing
@testable import NetworkEngine

/// sum, mean, max, min, argmax, argmin, var and std against PyTorch 2.13 (math.json): whole
/// tensors of 1 to 50,257 values, several dimensions, ties, unbiased and corrections.
@Suite struct ReductionTests {
    /// The operation a case names, on the engine.
    private func run(_ item: [String: Any], _ x: Tensor) throws -> (values: Tensor?, indices: Tensor?) {
        let op = try #require(item["op"] as? String)
        let keep = item["keepDim"] as? Bool ?? false
        let dims = item["dims"] as? [Int], dim = item["dim"] as? Int
        let correction = (item["correction"] as? Double) ?? ((item["unbiased"] as? Bool ?? true) ? 1 : 0)
        switch (op, dim, dims) {
        case ("sum", nil, nil): return (x.sum(), nil)
        case ("mean", nil, nil): return (x.mean(), nil)
        case ("sum", _, let dims?): return (try x.sum(dims: dims, keepDim: keep), nil)
        case ("mean", _, let dims?): return (try x.mean(dims: dims, keepDim: keep), nil)
        case ("max", nil, _): return (try x.max(), nil)
        case ("min", nil, _): return (try x.min(), nil)
        case ("max", let dim?, _): let r = try x.max(dim: dim, keepDim: keep); return (r.values, r.indices)
        case ("min", let dim?, _): let r = try x.min(dim: dim, keepDim: keep); return (r.values, r.indices)
        case ("argmax", let dim?, _): return (nil, try x.argmax(dim: dim, keepDim: keep))
        case ("argmin", let dim?, _): return (nil, try x.argmin(dim: dim, keepDim: keep))
        case ("argmin", nil, _): return (nil, try x.argmin())
        case ("var", _, _): return (try x.var(dims: dims ?? [], correction: correction, keepDim: keep), nil)
        case ("std", _, _): return (try x.std(dims: dims ?? [], correction: correction, keepDim: keep), nil)
        default: Issue.record("unknown case \(op)"); return (nil, nil)
        }
    }

    @Test func reductionsMatchPyTorch() throws {
        var values = UlpTally(), gradients = UlpTally(), indexed = 0, compared = 0
        let items = try MathReference.group("reductions")
        for item in items {
            let x = try EncodedTensor((item["inputs"] as? [Any])?.first).tensor(requiresGrad: true)
            let what = "\(item["op"]!) \(item["dim"] ?? item["dims"] ?? "all") of \(x.shape)"
            let (result, indices) = try collectingWarnings { try run(item, x) }.result
            if let expected = item["indices"] {
                let expected = try EncodedTensor(expected)
                #expect(indices?.integers == expected.integers?.map(Int64.init), "\(what): indices")
                #expect(indices?.shape == expected.shape, "\(what): indices shape")
                indexed += 1
            }
            guard let result else { continue }
            compared += 1
            values.compare(result, try EncodedTensor(item["result"]), what, ulps: 0)
            #expect(result.ruleType?.name == item["gradFn"] as? String, "\(what): grad_fn")
            try result.backward(gradient: try EncodedTensor(item["upstream"]).tensor())
            gradients.compare(try #require(x.grad), try EncodedTensor((item["grads"] as? [Any])?.first), "\(what) grad")
        }
        // Every case is compared, values or indices (math.json has 102; a file with fewer fails).
        let indexOnly = items.filter { $0["op"] as? String == "argmax" || $0["op"] as? String == "argmin" }.count
        #expect(items.count >= 102 && compared + indexOnly == items.count && indexed >= 20,
                "\(items.count) cases: \(compared) values, \(indexed) with indices")
        #expect(values.compared >= 284 && gradients.compared >= 12_000, "values \(values), gradients \(gradients)")
        // Values follow PyTorch's summation order and var/std's double paths bit for bit.
        #expect(values.exact == values.compared, "values: \(values)")
        #expect(gradients.exact * 100 >= gradients.compared * 99, "gradients: \(gradients)")
    }

    /// The issue's ten floats: PyTorch sums them to -4.76837158203125e-07 (8 lanes).
    @Test func tenFloatsSumAsPyTorchSums() {
        let x = Tensor([0.5528360605239868, 1.069316029548645, -0.02231919765472412, 0.26555439829826355,
                        -1.8653874397277832, 0.9086654782295227, -1.3766827583312988, -0.9563901424407959,
                        1.1303749084472656, 0.294032484292984])
        #expect(x.sum().scalars == [-4.76837158203125e-07])
    }

    @Test func reductionErrorsAreTorchs() throws {
        let x = try Tensor(shape: [3, 4], scalars: (0..<12).map(Float.init))
        #expect(throws: TensorError("max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")) {
            try Tensor.zeros([0]).max()
        }
        #expect(throws: TensorError("max(): Expected reduction dim 1 to have non-zero size.")) {
            try Tensor.zeros([3, 0]).max(dim: 1)
        }
        #expect(throws: TensorError("argmin(): Expected reduction dim to be specified for input.numel() == 0.")) {
            try Tensor.zeros([0]).argmin()
        }
        #expect(throws: TensorError("dim 0 appears multiple times in the list of dims")) { try x.sum(dims: [0, 0]) }
        #expect(throws: TensorError("Dimension out of range (expected to be in range of [-2, 1], but got 3)")) { try x.var(dim: 3) }
    }

    /// Dimensions that are not neighbours: shapes, exact values and the spread gradient (their
    /// summation order is checked against PyTorch in CleanupReferenceTests).
    @Test func separatedDimensionsSumAndSpread() throws {
        let x = try Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Float.init))
        x.requiresGrad = true
        let s = try x.sum(dims: [0, 2], keepDim: true)
        #expect(s.shape == [1, 3, 1])
        #expect(s.scalars == [14, 22, 30])
        try s.backward(gradient: try Tensor(shape: [1, 3, 1], scalars: [1, 2, 3]))
        #expect(x.grad?.scalars == [1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3])
        #expect(try x.mean(dims: [0, 2]).scalars == [3.5, 5.5, 7.5])
    }

    @Test func varianceWarnsWithoutDegreesOfFreedom() throws {
        let (value, warnings) = try collectingWarnings { try Tensor([2.0]).var() }
        #expect(value.scalars[0].isNaN)
        #expect(warnings == ["var(): degrees of freedom is <= 0. Correction should be strictly less than the reduction factor (input numel divided by output numel)."])
    }

    @Test func integerExtremesStayIntegers() throws {
        let x = try Tensor(shape: [2, 3], integers: [4, -1, 9, 9, 2, -7])
        #expect(try x.max().integers == [9] && x.max().dtype == .int64)
        let (values, indices) = try x.min(dim: 1)
        #expect(values.integers == [-1, -7] && indices.integers == [1, 2])
        #expect(try x.argmax().integers == [2])
    }
}
