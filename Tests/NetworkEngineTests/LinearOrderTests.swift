import Testing
@testable import NetworkEngine

/// The summation order of `Linear` with one input row, pinned with absorbing values: input `i`
/// is 1, input `j` is 2²⁵ and input `l` is -2²⁵, every weight is 1. The output is 1 when the 1 is
/// added after the two large values have cancelled, and 0 when a large value absorbed it first.
/// Expected results: PyTorch 2.15 with MKL on its SSE4.2 path (as the reference files were made).
struct LinearOrderTests {
    typealias Probe = (one: Int, large: Int, negativeLarge: Int, expected: Float)
    static let cases: [(inputs: Int, outputs: Int, column: Int, probes: [Probe])] = [
        (inputs: 3, outputs: 3, column: 0, probes: [(0, 1, 2, 0), (2, 1, 0, 1), (0, 2, 1, 0), (1, 0, 2, 0)]),
        (inputs: 10, outputs: 10, column: 0, probes: [(8, 3, 2, 0), (3, 7, 4, 0), (1, 8, 4, 1), (0, 4, 8, 1), (8, 3, 6, 0), (6, 4, 9, 0), (7, 2, 3, 0), (7, 4, 2, 1)]),
        (inputs: 10, outputs: 10, column: 8, probes: [(5, 6, 9, 0), (8, 3, 5, 1), (1, 0, 3, 0), (4, 3, 1, 1), (5, 2, 4, 1), (7, 0, 8, 0), (5, 1, 4, 1), (5, 0, 9, 0)]),
        (inputs: 10, outputs: 1, column: 0, probes: [(4, 5, 2, 0), (6, 1, 4, 1), (9, 3, 7, 1), (4, 2, 9, 0), (6, 2, 5, 1), (9, 0, 5, 1), (0, 7, 2, 0), (5, 9, 4, 0)]),
        (inputs: 8, outputs: 8, column: 0, probes: [(1, 3, 7, 0), (6, 1, 0, 1), (0, 7, 6, 0), (2, 4, 5, 0), (2, 4, 0, 0), (7, 4, 1, 1), (5, 0, 6, 1), (4, 6, 3, 0)]),
        (inputs: 17, outputs: 1, column: 0, probes: [(6, 15, 3, 0), (7, 14, 6, 0), (15, 1, 3, 1), (13, 14, 3, 0), (13, 6, 7, 1), (6, 1, 0, 1), (8, 16, 3, 0), (16, 6, 12, 1)]),
        (inputs: 32, outputs: 1, column: 0, probes: [(14, 26, 16, 0), (9, 20, 3, 1), (20, 7, 25, 1), (2, 31, 24, 0), (5, 27, 13, 0), (10, 21, 18, 0), (30, 20, 26, 1), (13, 17, 21, 0)]),
        (inputs: 13, outputs: 9, column: 8, probes: [(6, 7, 1, 0), (4, 10, 11, 0), (3, 0, 6, 0), (9, 2, 4, 1), (10, 0, 2, 1), (11, 10, 7, 0), (9, 7, 6, 0), (6, 3, 0, 1)]),
    ]

    @Test(arguments: 0..<cases.count)
    func oneRowSumsInMKLsOrder(_ index: Int) throws {
        let (inputs, outputs, column, probes) = Self.cases[index]
        let weight = try Tensor(shape: [outputs, inputs], scalars: [Float](repeating: 1, count: outputs * inputs))
        for probe in probes {
            var values = [Float](repeating: 0, count: inputs)
            values[probe.one] = 1
            values[probe.large] = 0x1p25
            values[probe.negativeLarge] = -0x1p25
            let output = try Tensor(shape: [1, inputs], scalars: values).linear(weight: weight, bias: nil)
            #expect(output.scalars[column] == probe.expected,
                    "\(inputs) inputs, column \(column) of \(outputs): 1 at \(probe.one), ±2²⁵ at \(probe.large), \(probe.negativeLarge)")
        }
    }
}
