import Foundation
import Testing
@testable import NetworkEngine

/// `sqrt` against `torch.sqrt` as PyTorch computed it with MKL on its SSE4.2 path (the reference's
/// path): 7,168 inputs across every binade, subnormals and the largest floats, in
/// `Tests/Data/mkl-sqrt-sse42.txt` (made by `scripts/mkl-sqrt-samples.py`). About one in six of
/// them is not the correctly rounded root.
@Suite struct SquareRootTests {
    static func samples() throws -> [(input: Float, root: Float)] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Data/mkl-sqrt-sse42.txt")
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
            .map { line in
                let fields = line.split(separator: " ").map { Float(bitPattern: UInt32($0, radix: 16)!) }
                return (fields[0], fields[1])
            }
    }

    @Test func everySampleHasMKLsBits() throws {
        let samples = try Self.samples()
        #expect(samples.count == 7168)
        let roots = Tensor(samples.map { Double($0.input) }).sqrt().scalars
        let mismatches = zip(samples, roots).filter { $0.0.root.bitPattern != $0.1.bitPattern }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ, first \(mismatches.prefix(3).map { "\($0.0.input): \($0.1) vs \($0.0.root)" })")
        // Not the correctly rounded root for all of them, or this file would test nothing.
        #expect(samples.filter { $0.root != $0.input.squareRoot() }.count > 1000)
    }

    /// The lesson's GELU takes `sqrt(Tensor(2 / π))`, one element: MKL's root is one ulp above the
    /// correctly rounded float.
    @Test func theLessonsConstant() {
        let root = Tensor(2.0 / Double.pi).sqrt()
        #expect(root.scalars.map(\.bitPattern) == [0x3f4c_422a])
        #expect(Float(2.0 / Double.pi).squareRoot().bitPattern == 0x3f4c_4229)
    }
}
