import Testing
@testable import NetworkEngine

/// `ops.json`: forward values and gradients of each operation within 4 ulps (or 1e-6 relative).
@Suite struct OperationTests {
    static let unaryFunctions: [String: @Sendable (Tensor) -> Tensor] = [
        "gelu-tanh-composed": { ComposedGELU()($0) },
        "gelu-erf": { GELU()($0) },
        "gelu-tanh-builtin": { GELU(approximate: .tanh)($0) },
        "relu": { ReLU()($0) },
        "sigmoid": { Sigmoid()($0) },
        "tanh": { Tanh()($0) },
        "exp": { exp($0) },
        "abs": { $0.abs() },
        "pow3": { pow($0, 3) },
        "square": { $0 * $0 },
    ]

    @Test func unaryOperationsForwardAndBackward() throws {
        var worst = Worst()
        var seen = 0
        for spec in try Reference.cases("ops.json") {
            let op = try #require(spec["op"] as? String)
            guard let function = Self.unaryFunctions[op] else { continue }
            seen += 1
            let x = try tensor(encodedTensor(spec["x"]))
            x.requiresGrad = true
            let y = function(x)
            try y.backward(gradient: tensor(encodedTensor(spec["upstream"])))
            expectClose(y.scalars, try encodedTensor(spec["y"]).values, "\(op) forward", worst: &worst)
            expectClose(try #require(x.grad).scalars, try encodedTensor(spec["grad"]).values, "\(op) gradient", worst: &worst)
        }
        #expect(seen == Self.unaryFunctions.count)
        print("unary operations: worst distance \(worst.ulps) ulps")
    }

    @Test func linearForwardAndBackward() throws {
        let spec = try #require(try Reference.cases("ops.json").first { $0["op"] as? String == "linear" })
        var worst = Worst()
        let layer = Linear(4, 3, generator: Generator(seed: 11))
        #expect(layer.weight.scalars == (try encodedTensor(spec["weight"]).values))
        #expect(layer.bias?.scalars == (try encodedTensor(spec["bias"]).values))
        let x = try tensor(encodedTensor(spec["x"]))
        x.requiresGrad = true
        let y = try layer(x)
        let upstream = try tensor(encodedTensor(spec["upstream"]))
        try (y * upstream).sum().backward()
        expectClose(y.scalars, try encodedTensor(spec["y"]).values, "linear forward", worst: &worst)
        expectClose(try #require(x.grad).scalars, try encodedTensor(spec["gradX"]).values, "gradient of x", worst: &worst)
        expectClose(try #require(layer.weight.grad).scalars, try encodedTensor(spec["gradWeight"]).values,
                    "gradient of weight", worst: &worst)
        expectClose(try #require(layer.bias?.grad).scalars, try encodedTensor(spec["gradBias"]).values,
                    "gradient of bias", worst: &worst)
        print("linear: worst distance \(worst.ulps) ulps")
    }

    @Test func meanSquaredErrorWithAndWithoutBroadcasting() throws {
        var worst = Worst()
        var cases = 0
        for spec in try Reference.cases("ops.json") where spec["op"] as? String == "mse_loss" {
            cases += 1
            let input = try tensor(encodedTensor(spec["input"]))
            input.requiresGrad = true
            let target = try tensor(encodedTensor(spec["target"]))
            let (loss, warnings) = try collectingWarnings { try mseLoss(input, target) }
            try loss.backward()
            expectClose(loss.scalars, [try encodedScalar(spec["loss"])], "loss \(input.shape) vs \(target.shape)", worst: &worst)
            expectClose(try #require(input.grad).scalars, try encodedTensor(spec["grad"]).values, "MSE gradient", worst: &worst)
            #expect(warnings == [spec["warning"] as? String].compactMap { $0 })
        }
        #expect(cases == 4)
        print("mse_loss: worst distance \(worst.ulps) ulps")
    }

    @Test func broadcastingAddSumsGradientsBack() throws {
        let spec = try #require(try Reference.cases("ops.json").first { $0["op"] as? String == "broadcast_add" })
        var worst = Worst()
        let a = try tensor(encodedTensor(spec["a"])), b = try tensor(encodedTensor(spec["b"]))
        a.requiresGrad = true
        b.requiresGrad = true
        let c = a + b
        #expect(c.shape == [3, 4])
        try c.backward(gradient: .ones(c.shape))
        expectClose(c.scalars, try encodedTensor(spec["out"]).values, "sum", worst: &worst)
        expectClose(try #require(a.grad).scalars, try encodedTensor(spec["gradA"]).values, "gradient of a", worst: &worst)
        expectClose(try #require(b.grad).scalars, try encodedTensor(spec["gradB"]).values, "gradient of b", worst: &worst)
    }

    @Test func absMeanIsExact() throws {
        let spec = try #require(try Reference.cases("ops.json").first { $0["op"] as? String == "abs_mean" })
        let x = try tensor(encodedTensor(spec["x"]))
        #expect(x.abs().mean().scalars[0].bitPattern == (try encodedScalar(spec["out"])).bitPattern)
    }
}
