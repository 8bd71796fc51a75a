import TestData
import Testing
@testable import NetworkEngine

/// `cleanup.json` (scripts/reference/cleanup_cases.py): sums over dimensions that are not
/// neighbours, broadcast and `expand` gradients over interleaved dimensions, `mse_loss` of 1 to
/// 300 values, and the node names of a tensor with a number; all bit for bit.
@Suite struct CleanupReferenceTests {
    static func group(_ name: String) throws -> [[String: Any]] {
        let cases = try TestData.referenceCaseGroups("cleanup.json")
        return try #require(cases[name] as? [[String: Any]], "cleanup.json has no \(name)")
    }

    @Test func sumsOverDimensionsThatAreNotNeighboursAreBitExact() throws {
        var tally = UlpTally()
        for item in try Self.group("sums") {
            let dims = try #require(item["dims"] as? [Int])
            let keepDim = try #require(item["keepDim"] as? Bool)
            let x = try EncodedTensor(item["input"]).tensor()
            let what = "\(x.shape) over \(dims)"
            tally.compare(try x.sum(dims: dims, keepDim: keepDim), try EncodedTensor(item["sum"]), "sum \(what)", ulps: 0)
            tally.compare(try x.mean(dims: dims, keepDim: keepDim), try EncodedTensor(item["mean"]), "mean \(what)", ulps: 0)
        }
        #expect(tally.compared > 1_000, "\(tally)")
    }

    @Test func expandGradientsOverInterleavedDimensionsAreBitExact() throws {
        var tally = UlpTally()
        for item in try Self.group("expand") {
            let target = try #require(item["target"] as? [Int])
            let x = try EncodedTensor(item["input"]).tensor(requiresGrad: true)
            let y = try x.expand(target)
            #expect(y.ruleType?.name == item["gradFn"] as? String)
            try y.backward(gradient: try EncodedTensor(item["upstream"]).tensor())
            tally.compare(try #require(x.grad), try EncodedTensor(item["grad"]), "expand \(x.shape) to \(target)", ulps: 0)
        }
        #expect(tally.compared > 100, "\(tally)")
    }

    @Test func broadcastOperandGradientsAreBitExact() throws {
        var tally = UlpTally()
        for item in try Self.group("broadcast") {
            let a = try EncodedTensor(item["a"]).tensor(requiresGrad: true)
            let b = try EncodedTensor(item["b"]).tensor(requiresGrad: true)
            try (try a.mul(b)).backward(gradient: try EncodedTensor(item["upstream"]).tensor())
            tally.compare(try #require(a.grad), try EncodedTensor(item["gradA"]), "a \(a.shape) * b \(b.shape): a", ulps: 0)
            tally.compare(try #require(b.grad), try EncodedTensor(item["gradB"]), "a \(a.shape) * b \(b.shape): b", ulps: 0)
        }
        #expect(tally.compared > 100, "\(tally)")
    }

    @Test func mseLossIsBitExactForEveryLengthUpTo300() throws {
        var exact = 0
        let items = try Self.group("mse")
        for item in items {
            let x = try EncodedTensor(item["input"]).tensor(), t = try EncodedTensor(item["target"]).tensor()
            let expected = try TestData.float(bits: try #require((item["loss"] as? [String: Any])?["bits"] as? String))
            let loss = try #require(try mseLoss(x, t).scalars.first)
            #expect(loss.bitPattern == expected.bitPattern, "mse_loss \(x.shape), \(t.shape): \(loss) vs PyTorch \(expected)")
            if loss.bitPattern == expected.bitPattern { exact += 1 }
        }
        #expect(items.count == 303 && exact == items.count)
    }

    /// Python numbers are wrapped as tensors, so `x / 2` is DivBackward0 in torch 2.13 (the `…1`
    /// overloads take a Scalar only inside ATen); `2 - x` is RsubBackward1, `2 / x` a reciprocal
    /// times 2.
    @Test func numberOperandsRecordPyTorchsNodeNames() throws {
        let x = try Tensor(shape: [3], scalars: [0.5, -1, 2])
        x.requiresGrad = true
        let engine: [String: Tensor] = [
            "x + 2": x + 2, "2 + x": 2 + x, "x - 2": x - 2, "2 - x": 2 - x, "x * 2": x * 2, "2 * x": 2 * x,
            "x / 2": x / 2, "2 / x": 2 / x, "x.add(2)": x.add(2), "x.sub(2)": x.sub(2), "x.mul(2)": x.mul(2),
            "x.div(2)": x.div(2),
        ]
        let items = try Self.group("names")
        #expect(items.count == engine.count)
        for item in items {
            let expression = try #require(item["expression"] as? String)
            let result = try #require(engine[expression], "no engine form of \(expression)")
            #expect(result.ruleType?.name == item["gradFn"] as? String, "\(expression)")
        }
    }

    /// ATen's AVX2 softmax kernels (8-lane vectors: `reduce_all` folds 4, 2, 1; vector blocks of 8
    /// columns), references made with ATEN_CPU_CAPABILITY=avx2; the engine's AVX2 variant.
    @Test func softmaxWithAVX2LanesIsBitExact() throws {
        #expect(KernelVariant.avx2.floatLanes == 8 && KernelVariant.avx512.floatLanes == 16)
        var tally = UlpTally()
        for item in try Self.group("softmaxAVX2") {
            let dim = try #require(item["dim"] as? Int)
            let logarithm = try #require(item["op"] as? String) == "log_softmax"
            let x = try EncodedTensor(item["input"]).tensor(requiresGrad: true)
            let y = try x.softmaxFamily(dim: dim, logarithm: logarithm, lanes: 8)
            let what = "\(logarithm ? "log_softmax" : "softmax") \(x.shape) dim \(dim)"
            #expect(y.ruleType?.name == item["gradFn"] as? String, "\(what)")
            tally.compare(y, try EncodedTensor(item["result"]), what, ulps: 0)
            try y.backward(gradient: try EncodedTensor(item["upstream"]).tensor())
            tally.compare(try #require(x.grad), try EncodedTensor(item["grad"]), "\(what) grad", ulps: 0)
        }
        #expect(tally.compared > 2_000, "\(tally)")
    }

    /// The softmax-family rules read their result (PyTorch saves it): changing it in place
    /// before `backward()` is PyTorch's version error, in torch 2.13's words ("output 0 of Softmax").
    @Test func softmaxRulesRefuseAChangedResult() throws {
        for logarithm in [false, true] {
            let x = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
            x.requiresGrad = true
            let y = try x.softmaxFamily(dim: 1, logarithm: logarithm, lanes: 8)
            _ = try noGrad { try y.mul_(2) }
            let error = #expect(throws: TensorError.self) { try y.sum().backward() }
            #expect("\(error.map { "\($0)" } ?? "")".contains(logarithm ? "which is output 0 of LogSoftmax, is at version 1" : "which is output 0 of Softmax, is at version 1"))
        }
    }
}
