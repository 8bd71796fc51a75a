import TestData
import Testing
@testable import NetworkEngine

/// `Tests/Data/reference/modules.json` (written by scripts/reference/module_cases.py).
enum ModuleReference {
    /// Read once; a missing or undecodable file fails every test that asks for a case.
    nonisolated(unsafe) static let loaded = Result { try TestData.referenceCaseGroups("modules.json") }
    static var cases: [String: Any] { get throws { try loaded.get() } }

    static func list(_ key: String) throws -> [[String: Any]] {
        try #require(try cases[key] as? [[String: Any]], "modules.json has no \(key)")
    }

    static func object(_ key: String) throws -> [String: Any] {
        try #require(try cases[key] as? [String: Any], "modules.json has no \(key)")
    }
}

/// Floats from the file's packed hex: 8 digits of float32 bits per value.
func packedFloats(_ any: Any?) throws -> [Float] {
    try TestData.packedFloats(try #require(any as? String))
}

/// The generator's checksum of float32 bits: Σ bits[i]·(2i + 1) mod 2^64, as hex.
func bitChecksum(_ values: [Float]) -> String {
    var total: UInt64 = 0
    for (i, value) in values.enumerated() { total &+= UInt64(value.bitPattern) &* UInt64(2 * i + 1) }
    let digits = String(total, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

/// How many values differ in their bits.
func bitMismatches(_ a: [Float], _ b: [Float]) -> Int {
    a.count != b.count ? Swift.max(a.count, b.count) : zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count
}

/// The reference's exact input: element i is ((i·step) mod 13)/8 − offset.
func gridTensor(_ shape: [Int], step: Int = 3, offset: Double = 0.75) throws -> Tensor {
    let count = shape.reduce(1, *)
    return try Tensor(shape: shape, scalars: (0..<count).map { Float(Double((($0 * step) % 13)) / 8 - offset) })
}
