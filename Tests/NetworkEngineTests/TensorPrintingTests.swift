import TestData
import Testing
@testable import NetworkEngine

/// `TensorFormatter` against `printing.json`: what PyTorch 2.13's `str(tensor)` gives for a few
/// hundred tensors (scripts/reference/print_cases.py), compared character for character.
@Test func everyReferenceTensorPrintsAsPyTorchPrintsIt() throws {
    let cases = try Reference.cases("printing.json")
    #expect(cases.count >= 300)
    var matching = 0
    for item in cases {
        let id = try #require(item["id"] as? String)
        let expected = try #require(item["str"] as? String, "\(id): str")
        let printed = TensorFormatter.string(
            shape: try #require(item["shape"] as? [Int], "\(id): shape"), elements: try printedElements(item),
            gradFunction: item["gradFn"] as? String, requiresGrad: item["requiresGrad"] as? Bool == true,
            isParameter: item["parameter"] as? Bool == true, options: try printOptions(item["options"]))
        #expect(printed == expected, "\(id)")
        if printed == expected { matching += 1 }
    }
    #expect(matching == cases.count, "\(matching) of \(cases.count) print as PyTorch prints them")
}

private func printedElements(_ item: [String: Any]) throws -> PrintedElements {
    switch item["dtype"] as? String {
    case "float32": return .float32(try #require(item["bits"] as? [String]).map { try TestData.float(bits: $0) })
    case "int64": return .int64(try #require(item["ints"] as? [String]).map { try #require(Int64($0)) })
    case "bool": return .bool(try #require(item["bools"] as? [Bool]))
    case let other: throw ReferenceFormatError(message: "dtype \(String(describing: other))")
    }
}

private func printOptions(_ any: Any?) throws -> PrintOptions {
    let object = try #require(any as? [String: Any])
    return PrintOptions(
        precision: try #require(object["precision"] as? Int),
        threshold: object["threshold"] as? Int ?? .max,  // null: profile "full"
        edgeItems: try #require(object["edgeItems"] as? Int),
        lineWidth: try #require(object["lineWidth"] as? Int),
        sciMode: object["sciMode"] as? Bool)
}

private struct ReferenceFormatError: Error {
    let message: String
}

/// The chapter's `print(logits)` of the placeholder GPT model (section 4.2), at its full shape
/// [2, 4, 50257]: only the three items at each end of a row are examined and shown.
@Test func chapterLogitsPrintAsTheChapterPrintsThem() {
    let edges: [[Float]] = [
        [-1.2034, 0.3201, -0.7130, -1.5548, -0.2390, -0.4667], [-0.1192, 0.4539, -0.4432, 0.2392, 1.3469, 1.2430],
        [0.5307, 1.6720, -0.4695, 1.1966, 0.0111, 0.5835], [0.0139, 1.6755, -0.3388, 1.1586, -0.0435, -1.0400],
        [-1.0908, 0.1798, -0.9484, -1.6047, 0.2439, -0.4530], [-0.7860, 0.5581, -0.0610, 0.4835, -0.0077, 1.6621],
        [0.3567, 1.2698, -0.6398, -0.0162, -0.1296, 0.3717], [-0.2407, -0.7349, -0.5102, 2.0057, -0.3694, 0.1814],
    ]
    let vocabulary = 50257
    // A huge value in the elided middle must change neither notation nor width.
    var values = [Float](repeating: 1e12, count: 8 * vocabulary)
    for (row, edge) in edges.enumerated() {
        for i in 0..<3 {
            values[row * vocabulary + i] = edge[i]
            values[row * vocabulary + vocabulary - 3 + i] = edge[3 + i]
        }
    }
    let printed = TensorFormatter.string(shape: [2, 4, vocabulary], elements: .float32(values),
                                         gradFunction: "UnsafeViewBackward0", options: .default)
    #expect(printed == """
        tensor([[[-1.2034,  0.3201, -0.7130,  ..., -1.5548, -0.2390, -0.4667],
                 [-0.1192,  0.4539, -0.4432,  ...,  0.2392,  1.3469,  1.2430],
                 [ 0.5307,  1.6720, -0.4695,  ...,  1.1966,  0.0111,  0.5835],
                 [ 0.0139,  1.6755, -0.3388,  ...,  1.1586, -0.0435, -1.0400]],

                [[-1.0908,  0.1798, -0.9484,  ..., -1.6047,  0.2439, -0.4530],
                 [-0.7860,  0.5581, -0.0610,  ...,  0.4835, -0.0077,  1.6621],
                 [ 0.3567,  1.2698, -0.6398,  ..., -0.0162, -0.1296,  0.3717],
                 [-0.2407, -0.7349, -0.5102,  ...,  2.0057, -0.3694,  0.1814]]],
               grad_fn=<UnsafeViewBackward0>)
        """)
}

/// `set_printoptions` keeps an option it is not given, except `sci_mode`, which it always sets.
@Test func settingPrintOptionsKeepsOmittedOnesButSciMode() throws {
    let changed = try PrintOptions.default.setting(precision: 2, lineWidth: 120, sciMode: true)
    #expect(changed == PrintOptions(precision: 2, lineWidth: 120, sciMode: true))
    let again = try changed.setting(edgeItems: 1)
    #expect(again == PrintOptions(precision: 2, edgeItems: 1, lineWidth: 120, sciMode: nil))
    #expect(PrintOptions.short == PrintOptions(precision: 2, threshold: 1000, edgeItems: 2, lineWidth: 80))
    #expect(PrintOptions.full.threshold == .max)
}

@Test func negativePrecisionOrEdgeItemsIsRefusedWithItsName() {
    #expect(throws: PrintOptionsError.negative(option: "precision", value: -1)) {
        try PrintOptions.default.setting(precision: -1)
    }
    #expect(throws: PrintOptionsError.negative(option: "edgeItems", value: -2)) {
        try setPrintOptions(edgeItems: -2)
    }
    #expect(PrintOptionsError.negative(option: "precision", value: -1).description
        == "print option precision must be 0 or more, not -1")
}

/// Setting PyTorch's defaults explicitly, then resetting, leaves this thread at the defaults.
@Test func resettingPrintOptionsGivesPyTorchsDefaults() throws {
    try setPrintOptions(precision: 4, threshold: 1000, edgeItems: 3, lineWidth: 80)
    #expect(PrintOptions.current == PrintOptions(precision: 4, threshold: 1000, edgeItems: 3, lineWidth: 80, sciMode: nil))
    resetPrintOptions()
    #expect(PrintOptions.current == .default)
}
