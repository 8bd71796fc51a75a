import Foundation
import LessonCells
import LessonModel
import TestData
import Testing

/// The PyTorch reference vectors in `Tests/Data/reference/`, read by TestData's loader: a
/// missing or undecodable file fails the test that reads it.
enum Reference {
    static func cases(_ name: String) throws -> [[String: Any]] {
        try TestData.referenceCaseList(name)
    }
}

/// `name has gradient mean of value` lines, as the lesson prints them.
func gradientMeans(in text: String) -> [(name: String, value: Double)] {
    text.split(separator: "\n").compactMap { line in
        let parts = line.components(separatedBy: " has gradient mean of ")
        guard parts.count == 2, let v = Double(parts[1]) else { return nil }
        return (parts[0], v)
    }
}

func closeRelative(_ a: Double, _ b: Double, _ tolerance: Double = 1e-5) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b)) || abs(a - b) < 1e-30
}

/// Swift source for a nested array literal of doubles.
func literal(_ value: Any) -> String {
    if let array = value as? [Any] { return "[" + array.map(literal).joined(separator: ", ") + "]" }
    if let n = value as? NSNumber { return "\(n.doubleValue)" }
    return "\(value)"
}

/// |actual - expected| / |expected| (zero when equal), as the engine's corpus test measures it.
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    actual == expected ? 0 : abs(actual - expected) / max(abs(expected), .leastNormalMagnitude)
}
