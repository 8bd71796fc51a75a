import Testing
@testable import NetworkEngine

/// SGD, Adam and AdamW against PyTorch 2.13's CPU single-tensor updates, on
/// Linear(10,32)-GELU-Linear(32,3) with batch 8 (manual_seed(0), the model, x = randn(8, 10),
/// target = randn(8, 3), MSE loss).
@Suite struct OptimizerTests {
    static let mseRuns = ["sgd-momentum-wd", "sgd-nesterov-dampening", "sgd-dampening", "adam", "adam-wd-amsgrad", "adamw"]
    /// Cross-entropy runs (target: the reference's `target` class ids).
    static let crossEntropyRuns = ["sgd-momentum-wd-ce", "adamw-ce"]

    private func run(_ name: String) throws -> [String: Any] {
        try #require(try ModuleReference.list("trajectories").first { $0["name"] as? String == name })
    }

    private func optimizer(_ name: String, _ parameters: [Tensor]) throws -> any Optimizer {
        switch name {
        case "sgd-momentum-wd", "sgd-momentum-wd-ce": return try SGD(parameters, lr: 0.05, momentum: 0.9, weightDecay: 0.01)
        case "sgd-nesterov-dampening":
            return try SGD(parameters, lr: 0.05, momentum: 0.8, dampening: 0, weightDecay: 0.001, nesterov: true)
        case "sgd-dampening": return try SGD(parameters, lr: 0.1, momentum: 0.5, dampening: 0.3)
        case "adam": return try Adam(parameters, lr: 0.01)
        case "adam-wd-amsgrad":
            return try Adam(parameters, lr: 0.005, betas: (0.8, 0.99), eps: 1e-6, weightDecay: 0.02, amsgrad: true)
        default: return try AdamW(parameters, lr: 0.01)
        }
    }

    private func model() -> (Sequential, Tensor, Tensor) {
        let generator = Generator(seed: 0)
        let model = Sequential(Linear(10, 32, generator: generator), GELU(), Linear(32, 3, generator: generator))
        let x = Tensor.randn([8, 10], generator: generator)
        return (model, x, Tensor.randn([8, 3], generator: generator))
    }

    private func flat(_ parameters: [Tensor]) -> [Float] { parameters.flatMap(\.scalars) }

    /// The update alone: PyTorch's own gradients in, PyTorch's parameters out, for 5 steps.
    @Test(arguments: OptimizerTests.mseRuns + OptimizerTests.crossEntropyRuns)
    func updateFromPyTorchsGradientsIsPyTorchs(name: String) throws {
        let reference = try run(name)
        let (model, _, _) = model()
        #expect(model.namedParameters().map(\.name) == reference["names"] as? [String])
        let parameters = model.parameters()
        let optimizer = try optimizer(name, parameters)
        var worst = Worst(), exact = 0, total = 0
        let steps = try #require(reference["steps"] as? [[String: Any]])
        #expect(steps.count == 20, "\(name): \(steps.count) steps")
        for (index, step) in steps.prefix(5).enumerated() {
            var grads = try packedFloats(step["grads"])[...]
            for parameter in parameters {
                parameter.grad = try Tensor(shape: parameter.shape, scalars: Array(grads.prefix(parameter.count)))
                grads = grads.dropFirst(parameter.count)
            }
            try optimizer.step()
            let expected = try packedFloats(step["parameters"]), actual = flat(parameters)
            try #require(expected.count == actual.count, "\(name) step \(index): \(expected.count) reference values for \(actual.count)")
            // Adam's square root is not always MKL's (docs/pytorch-numerics.md §4): a parameter near
            // zero may then move by more than 1e-6 of itself, never by 1e-6 of its tensor's largest.
            var offset = 0
            for parameter in parameters {
                let range = offset..<(offset + parameter.count)
                offset += parameter.count
                let scale = expected[range].map { Swift.abs($0) }.max() ?? 0
                for i in range {
                    worst.see(actual[i], expected[i])
                    #expect(Swift.abs(actual[i] - expected[i]) <= 1e-6 * scale,
                            "\(name) step \(index)[\(i)]: \(actual[i]) vs PyTorch \(expected[i])")
                }
            }
            exact += actual.count - bitMismatches(actual, expected)
            total += actual.count
        }
        // Five steps of all 451 values were compared (a shorter reference fails).
        #expect(total == 5 * 451, "\(name): \(total) values compared")
        if name.hasPrefix("sgd") { #expect(exact == total, "SGD's update is bit for bit") }
        print("\(name): \(exact) of \(total) parameters bit for bit on PyTorch's gradients, worst \(worst.ulps) ulps")
    }

    /// The whole loop in the engine: 20 steps, every parameter within 1e-6 of PyTorch's, relative
    /// to the largest magnitude in its tensor, at every step. The first step's gradients are
    /// PyTorch's bit for bit, and SGD's whole trajectory is. (Adam's square root is not always
    /// the reference CPU's, docs/pytorch-numerics.md §4: a value near zero moves further.)
    @Test(arguments: OptimizerTests.mseRuns + OptimizerTests.crossEntropyRuns)
    func twentyStepTrajectoryFollowsPyTorch(name: String) throws {
        let reference = try run(name)
        let (model, x, target) = model()
        // The cross-entropy runs classify the same batch into the reference's class ids.
        let classes = try (reference["target"] as? [Int]).map { try Tensor(shape: [$0.count], integers: $0) }
        let parameters = model.parameters()
        let optimizer = try optimizer(name, parameters)
        var worstScaled = 0.0, worstElement = Worst(), firstGradients = 0, compared = 0
        let steps = try #require(reference["steps"] as? [[String: Any]])
        for (index, step) in steps.enumerated() {
            optimizer.zeroGrad()
            let loss = try classes.map { try crossEntropy(model(x), $0) } ?? mseLoss(model(x), target)
            try loss.backward()
            if index == 0 {
                firstGradients = bitMismatches(parameters.flatMap { $0.grad!.scalars }, try packedFloats(step["grads"]))
                #expect(firstGradients == 0, "\(name): the forward and backward pass are PyTorch's bit for bit")
            }
            try optimizer.step()
            var expected = try packedFloats(step["parameters"])[...]
            for parameter in parameters {
                let wanted = Array(expected.prefix(parameter.count))
                expected = expected.dropFirst(parameter.count)
                #expect(wanted.count == parameter.count, "\(name) step \(index): the reference is short")
                compared += wanted.count
                let scale = Double(wanted.map { Swift.abs($0) }.max() ?? 0)
                for (a, e) in zip(parameter.scalars, wanted) {
                    worstElement.see(relative: Double(a), Double(e))
                    let scaled = Swift.abs(Double(a) - Double(e)) / scale
                    worstScaled = Swift.max(worstScaled, scaled)
                    #expect(scaled <= 1e-6, "\(name) step \(index): \(a) vs PyTorch \(e)")
                    if name.hasPrefix("sgd") { #expect(a.bitPattern == e.bitPattern, "\(name) step \(index): \(a) vs PyTorch \(e)") }
                }
            }
            #expect(expected.isEmpty, "\(name) step \(index): the reference has \(expected.count) values too many")
            let lossExpected = try #require(try packedFloats(step["loss"]).first)
            #expect(relativeError(Double(loss.scalars[0]), Double(lossExpected)) <= 1e-6, "\(name) loss at step \(index)")
        }
        #expect(steps.count == 20 && compared == 20 * 451, "\(name): \(steps.count) steps, \(compared) values compared")
        print("\(name): 20 steps, worst \(worstScaled) of the tensor's largest value (\(worstElement.relative) elementwise); "
              + "\(firstGradients) of 451 first-step gradients not bit for bit")
    }

    /// The reference CPU's square roots of the Adam runs where they are not the correctly rounded
    /// ones (residuals.json: MKL's SSE4.2 `vsSqrt` refines AMD's `rsqrtss`, not Intel's).
    static func referenceSquareRoot() throws -> (Float) -> Float {
        var roots: [UInt32: Float] = [:]
        for pair in try #require(try ResidualsReference.cases["adamSquareRoots"] as? [String]) {
            let words = try pair.split(separator: " ").map { try packedFloats(String($0))[0] }
            roots[words[0].bitPattern] = words[1]
        }
        #expect(roots.count > 1_000)
        return { roots[$0.bitPattern] ?? $0.squareRoot() }
    }

    static let adamRuns = ["adam", "adam-wd-amsgrad", "adamw", "adamw-ce"]

    /// With the reference CPU's square root, Adam's and AdamW's whole 20-step trajectories (and
    /// so every update, on 451 values: lengths 320, 32, 96 and 3) are PyTorch's bit for bit.
    @Test(arguments: OptimizerTests.adamRuns)
    func adamIsBitExactWithTheReferenceCPUsSquareRoot(name: String) throws {
        let reference = try run(name)
        let (model, x, target) = model()
        let classes = try (reference["target"] as? [Int]).map { try Tensor(shape: [$0.count], integers: $0) }
        let parameters = model.parameters()
        let adam = try #require(try optimizer(name, parameters) as? Adam)
        adam.update = OptimizerKernelTests.swiftAdam(root: try Self.referenceSquareRoot())
        var exact = 0, total = 0
        for (index, step) in try #require(reference["steps"] as? [[String: Any]]).enumerated() {
            adam.zeroGrad()
            let loss = try classes.map { try crossEntropy(model(x), $0) } ?? mseLoss(model(x), target)
            try loss.backward()
            try adam.step()
            let actual = flat(parameters), expected = try packedFloats(step["parameters"])
            #expect(expected.count == actual.count, "\(name) step \(index): \(expected.count) reference values for \(actual.count)")
            let wrong = bitMismatches(actual, expected)
            #expect(wrong == 0, "\(name) step \(index): \(wrong) parameters differ")
            exact += actual.count - wrong
            total += actual.count
        }
        #expect(total == 20 * 451, "\(name): \(total) values compared")
        print("\(name) with the reference CPU's sqrt: \(exact) of \(total) parameters over 20 steps bit for bit")
    }

    @Test func zeroGradKeepsZeroedGradientsOrRemovesThem() throws {
        let (model, x, target) = model()
        let optimizer = try SGD(model.parameters(), lr: 0.1)
        try mseLoss(model(x), target).backward()
        let grad = try #require(model.parameters()[0].grad)
        optimizer.zeroGrad(setToNone: false)
        #expect(model.parameters()[0].grad === grad)
        #expect(grad.scalars.allSatisfy { $0 == 0 })
        optimizer.zeroGrad()
        #expect(model.parameters().allSatisfy { $0.grad == nil })
        try mseLoss(model(x), target).backward()
        model.zeroGrad(setToNone: false)
        #expect(model.parameters().allSatisfy { $0.grad?.scalars.allSatisfy { $0 == 0 } == true })
    }

    @Test func parametersWithoutGradientsAreSkippedAndBadSettingsArePyTorchsErrors() throws {
        let w = Tensor.ones([2])
        w.requiresGrad = true
        try AdamW([w]).step()
        #expect(w.scalars == [1, 1])
        #expect(throws: TensorError("Invalid learning rate: -0.1")) { try SGD([w], lr: -0.1) }
        #expect(throws: TensorError("Nesterov momentum requires a momentum and zero dampening")) {
            try SGD([w], lr: 0.1, nesterov: true)
        }
        #expect(throws: TensorError("Invalid beta parameter at index 1: 1.0")) { try Adam([w], betas: (0.9, 1)) }
    }

    @Test func clipGradNormIsPyTorchs() throws {
        let reference = try ModuleReference.object("clipGradNorm")
        let clips = try #require(reference["clip"] as? [[String: Any]])
        #expect(clips.count == 2, "\(clips.count) clipping cases")
        for c in clips {
            let generator = Generator(seed: 1)
            let model = Sequential(Linear(10, 32, generator: generator), GELU(), Linear(32, 3, generator: generator))
            let x = Tensor.randn([8, 10], generator: generator), target = Tensor.randn([8, 3], generator: generator)
            try mseLoss(model(x), target).backward()
            // PyTorch's own gradients, so the clipping alone is compared.
            var before = try packedFloats(c["before"])[...]
            for parameter in model.parameters() {
                parameter.grad = try Tensor(shape: parameter.shape, scalars: Array(before.prefix(parameter.count)))
                before = before.dropFirst(parameter.count)
            }
            let maxNorm = try #require(c["maxNorm"] as? Double)
            var worst = Worst()
            let norms = model.parameters().map { p in p.grad!.scalars.withUnsafeBufferPointer { vectorNorm($0.baseAddress!, count: p.count, type: 2) } }
            expectClose(norms, try packedFloats(c["norms"]), "norms", ulps: 1, relative: 0, worst: &worst)
            let total = try clipGradNorm(model.parameters(), maxNorm: maxNorm)
            expectClose(total.scalars, try packedFloats(c["total"]), "total", ulps: 1, relative: 0, worst: &worst)
            let clipped = model.parameters().flatMap { $0.grad!.scalars }, expected = try packedFloats(c["grads"])
            expectClose(clipped, expected, "clipped", ulps: 1, relative: 0, worst: &worst)
            print("clip_grad_norm_ to \(maxNorm): \(clipped.count - bitMismatches(clipped, expected)) of \(clipped.count) gradients bit for bit")
        }
        var exact = 0, worst = Worst()
        let vectors = try #require(reference["vectorNorms"] as? [[String: Any]])
        #expect(vectors.count == 12, "\(vectors.count) vector norms")
        for c in vectors {
            let n = try #require(c["n"] as? Int)
            let v = Tensor.randn([n], generator: Generator(seed: UInt64(n))).scalars
            let norm = v.withUnsafeBufferPointer { vectorNorm($0.baseAddress!, count: n, type: 2) }
            let expected = try packedFloats(c["norm"])[0]
            exact += norm.bitPattern == expected.bitPattern ? 1 : 0
            expectClose([norm], [expected], "vector_norm of \(n)", ulps: 1, relative: 0, worst: &worst)
        }
        print("vector_norm: \(exact) of \(vectors.count) bit for bit")
    }
}
