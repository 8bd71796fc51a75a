import Foundation
import TestData
import Testing
@testable import NetworkEngine

/// The PyTorch reference vectors in `Tests/Data/reference/`, read by TestData's loader: a
/// missing or undecodable file fails the test that reads it.
enum Reference {
    /// The `cases` of one reference file, a list.
    static func cases(_ name: String) throws -> [[String: Any]] {
        try TestData.referenceCaseList(name)
    }

    /// The whole file: `provenance` (the PyTorch that wrote it) and `cases`.
    static func json(_ name: String) throws -> [String: Any] {
        try TestData.referenceJSON(name)
    }
}

/// An encoded tensor `{shape, bits, values}` with every element, as shape and exact floats.
func encodedTensor(_ any: Any?) throws -> (shape: [Int], values: [Float]) {
    let encoded = try EncodedTensor(any)
    #expect(encoded.elements.map(\.index) == Array(0..<encoded.count), "a tensor with every element written")
    return (encoded.shape, encoded.elements.map(\.value))
}

/// An encoded scalar `{bits, value}`.
func encodedScalar(_ any: Any?) throws -> Float {
    let object = try #require(any as? [String: Any])
    return try TestData.float(bits: try #require(object["bits"] as? String))
}

func tensor(_ encoded: (shape: [Int], values: [Float])) throws -> Tensor {
    try Tensor(shape: encoded.shape, scalars: encoded.values)
}

/// How many representable floats lie between `a` and `b`.
func ulpDistance(_ a: Float, _ b: Float) -> Int {
    if a == b { return 0 }
    if a.isNaN || b.isNaN { return .max }
    func ordered(_ x: Float) -> Int64 {
        let bits = Int64(x.bitPattern & 0x7FFF_FFFF)
        return x.sign == .minus ? -bits : bits
    }
    return Int(Swift.abs(ordered(a) - ordered(b)))
}

/// Within `ulps` units in the last place, or within `relative` of the expected magnitude.
func isClose(_ actual: Float, _ expected: Float, ulps: Int = 4, relative: Float = 1e-6) -> Bool {
    ulpDistance(actual, expected) <= ulps
        || Swift.abs(actual - expected) <= relative * Swift.abs(expected)
}

func relativeError(_ actual: Double, _ expected: Double) -> Double {
    actual == expected ? 0 : Swift.abs(actual - expected) / Swift.max(Swift.abs(expected), .leastNormalMagnitude)
}

/// Records the worst mismatch of a comparison run, for the report.
struct Worst {
    var ulps = 0
    var relative = 0.0
    mutating func see(_ actual: Float, _ expected: Float) {
        ulps = Swift.max(ulps, ulpDistance(actual, expected))
    }
    mutating func see(relative actual: Double, _ expected: Double) {
        relative = Swift.max(relative, relativeError(actual, expected))
    }
}

/// Expects every value within tolerance; the comment names what differs.
func expectClose(_ actual: [Float], _ expected: [Float], _ what: String, ulps: Int = 4, relative: Float = 1e-6,
                 worst: inout Worst, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): count", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        worst.see(a, e)
        #expect(isClose(a, e, ulps: ulps, relative: relative), "\(what)[\(i)]: \(a) vs PyTorch \(e) (\(ulpDistance(a, e)) ulps)",
                sourceLocation: sourceLocation)
    }
}
