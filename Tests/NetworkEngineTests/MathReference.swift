import Foundation
import TestData
import Testing
@testable import NetworkEngine

/// The cases of `math.json` (scripts/reference/math_cases.py): softmax, reductions, clamp and
/// losses, each with its inputs, PyTorch's result, the gradients for an upstream gradient, and
/// PyTorch's grad_fn name.
enum MathReference {
    static func group(_ name: String) throws -> [[String: Any]] {
        let cases = try TestData.referenceCaseGroups("math.json")
        return try #require(cases[name] as? [[String: Any]], "math.json has no \(name)")
    }
}

/// A tensor as the case modules write it: all bits, a sample of them (`sample`, or `at` in
/// matmul.json, lists the flat indices), a formula for a long input, or int64 `integers`.
struct EncodedTensor {
    let shape: [Int]
    /// Flat index and float of each element given (all of them unless sampled).
    let elements: [(index: Int, value: Float)]
    let integers: [Int]?
    let formula: [Double]?

    init(_ any: Any?) throws {
        let object = try #require(any as? [String: Any])
        shape = try #require(object["shape"] as? [Int])
        integers = object["integers"] as? [Int]
        formula = (object["formula"] as? [NSNumber])?.map(\.doubleValue)
        if let bits = object["bits"] as? [String] {
            let indices = (object["sample"] as? [Int]) ?? (object["at"] as? [Int]) ?? Array(bits.indices)
            #expect(indices.count == bits.count, "a sample of \(indices.count) indices for \(bits.count) values")
            elements = try zip(indices, bits).map { ($0, try TestData.float(bits: $1)) }
        } else {
            elements = []
        }
    }

    var count: Int { shape.reduce(1, *) }

    /// The engine's tensor of these values (float32, or int64).
    func tensor(requiresGrad: Bool = false) throws -> Tensor {
        if let integers { return try Tensor(shape: shape, integers: integers) }
        let values: [Float]
        if let formula {
            values = try Self.formulaValues(count, formula)
        } else {
            values = elements.map(\.value)
        }
        let t = try Tensor(shape: shape, scalars: values)
        t.requiresGrad = requiresGrad
        return t
    }

    /// Element i of a formula input: float32(((i·multiplier) mod modulus)/modulus·scale − offset),
    /// made in double, as the case modules make it.
    static func formulaValues(_ count: Int, _ formula: [Double]) throws -> [Float] {
        try #require(formula.count == 4, "a formula of \(formula.count) parameters")
        let (multiplier, modulus, scale, offset) = (Int(formula[0]), Int(formula[1]), formula[2], formula[3])
        return (0..<count).map { Float(Double(($0 * multiplier) % modulus) / Double(modulus) * scale - offset) }
    }
}

/// Counts of a comparison with PyTorch, for the failure message and the report.
struct UlpTally: CustomStringConvertible {
    var compared = 0, exact = 0, worst = 0
    var description: String { "\(exact)/\(compared) bit-exact, worst \(worst) ulps" }

    /// Compares `actual` (all elements, row-major) with the given elements; records whether
    /// each is within `ulps`.
    mutating func compare(_ actual: Tensor, _ expected: EncodedTensor, _ what: String, ulps: Int = 4,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.shape == expected.shape, "\(what): shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
        let values = actual.scalars
        guard values.count == expected.count else { return }
        // A reference element list that came out empty would pass on nothing.
        #expect(!expected.elements.isEmpty || expected.count == 0, "\(what): the reference lists no elements",
                sourceLocation: sourceLocation)
        for (index, value) in expected.elements {
            let distance = ulpDistance(values[index], value)
            let same = values[index].bitPattern == value.bitPattern || (values[index].isNaN && value.isNaN)
            compared += 1
            if same { exact += 1 } else { worst = Swift.max(worst, distance) }
            #expect(same || distance <= ulps, "\(what)[\(index)]: \(values[index]) vs PyTorch \(value) (\(distance) ulps)",
                    sourceLocation: sourceLocation)
        }
    }
}
