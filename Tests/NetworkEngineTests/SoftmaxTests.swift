import Foundation
import Testing
@testable import NetworkEngine

/// softmax and log_softmax against PyTorch 2.13 (math.json): rows of 1 to 50,257 values, large
/// and causal-masked rows, other dimensions; values and the gradients of a seeded upstream.
@Suite struct SoftmaxTests {
    @Test func softmaxAndLogSoftmaxMatchPyTorch() throws {
        var values = UlpTally(), gradients = UlpTally()
        for item in try MathReference.group("softmax") {
            let op = try #require(item["op"] as? String), dim = try #require(item["dim"] as? Int)
            let x = try EncodedTensor((item["inputs"] as? [Any])?.first).tensor(requiresGrad: true)
            // math.json is made at AVX512: the 16-lane kernels, whatever this CPU runs.
            let y = try x.softmaxFamily(dim: dim, logarithm: op != "softmax", lanes: 16)
            let what = "\(op)(dim: \(dim)) of \(x.shape)"
            values.compare(y, try EncodedTensor(item["result"]), what)
            #expect(y.ruleType?.name == item["gradFn"] as? String, "\(what): grad_fn")
            try y.backward(gradient: try EncodedTensor(item["upstream"]).tensor())
            gradients.compare(try #require(x.grad), try EncodedTensor((item["grads"] as? [Any])?.first), "\(what) grad")
        }
        // The kernels follow ATen's order and SLEEF's exp and log: every value and gradient is
        // PyTorch's bits (3,334 and 3,334).
        #expect(values.exact == values.compared, "values: \(values)")
        #expect(gradients.exact == gradients.compared, "gradients: \(gradients)")
    }

    /// A causal mask's -inf entries become exact zeros, and a row's total is 1.
    @Test func maskedEntriesAreExactZeros() throws {
        let mask = try Tensor(shape: [3, 3], booleans: [false, true, true, false, false, true, false, false, false])
        let scores = try Tensor([[0.5, 2.0, -1.0], [1.0, 3.0, 0.25], [-2.0, 0.0, 4.0]]).maskedFill(mask, -.infinity)
        let weights = try scores.softmax(dim: -1).scalars
        #expect(weights[1].bitPattern == 0 && weights[2].bitPattern == 0 && weights[5].bitPattern == 0)
        #expect(weights[0] == 1)
        let logWeights = try scores.logSoftmax(dim: 1).scalars
        #expect(logWeights[1] == -.infinity && logWeights[0] == 0)
    }

    @Test func sleefExpMatchesItsKnownValues() {
        #expect(sleefExp(0) == 1)
        #expect(sleefExp(-.infinity) == 0 && sleefExp(-104.5) == 0)
        #expect(sleefExp(100.5) == .infinity && sleefExp(.nan).isNaN)
        // Within an ulp of the correctly rounded exp across a range.
        for i in -800...800 {
            let x = Float(i) / 10
            #expect(ulpDistance(sleefExp(x), scalarExp(x)) <= 1, "exp(\(x))")
        }
    }

    @Test func sleefLogMatchesItsKnownValues() {
        #expect(sleefLog(1) == 0 && sleefLog(0) == -.infinity && sleefLog(.infinity) == .infinity)
        #expect(sleefLog(-1).isNaN && sleefLog(.nan).isNaN)
        func rounded(_ x: Float) -> Float { Float(Foundation.log(Double(x))) }
        #expect(ulpDistance(sleefLog(.leastNonzeroMagnitude), rounded(.leastNonzeroMagnitude)) <= 1)
        for i in 1...2000 {
            let x = Float(i) * 0.37
            #expect(ulpDistance(sleefLog(x), rounded(x)) <= 1, "log(\(x))")
        }
    }

    @Test func badDimensionIsPyTorchsError() throws {
        let x = try Tensor(shape: [3, 4], scalars: Array(repeating: 0, count: 12))
        #expect(throws: TensorError("Dimension out of range (expected to be in range of [-2, 1], but got 2)")) {
            try x.softmax(dim: 2)
        }
    }
}
