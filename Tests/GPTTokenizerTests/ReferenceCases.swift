import Foundation
import TestData

/// One line of `Tests/Data/tokenizer/encode.jsonl` or `decode.jsonl`.
struct ReferenceCase: Decodable {
    var text: String?
    var ids: [Int]?
    var allowedSpecial: [String]?
    var ordinary: Bool?
    /// `decode.jsonl`: the joined bytes of `ids`, as hex.
    var bytes: String?
}

/// The cases of one reference file, its provenance line (the first) left out and checked.
func referenceCases(_ name: String) throws -> [ReferenceCase] {
    let lines = try String(contentsOf: TestData.tokenizer(name), encoding: .utf8)
        .split(separator: "\n", omittingEmptySubsequences: true)
    guard let first = lines.first,
          let provenance = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any],
          provenance["provenance"] is [String: Any] else {
        throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(name) has no provenance line"])
    }
    let decoder = JSONDecoder()
    return try lines.dropFirst().map { try decoder.decode(ReferenceCase.self, from: Data($0.utf8)) }
}

/// A case's text with its control and non-ASCII characters escaped, for failure messages.
func shown(_ text: String) -> String {
    text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
}

func hexBytes(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
