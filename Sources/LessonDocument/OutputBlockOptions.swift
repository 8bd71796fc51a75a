import LessonModel

/// The options an `output` block's info string may carry after `output`: `atol=1e-7` and
/// `rtol=1e-4`, this block's own tolerance for `check` (it wins over the front matter's and the
/// command line's, being the most specific statement).
struct OutputBlockOptions {
    static let keys = ["atol", "rtol"]

    var relativeTolerance: Double?
    var absoluteTolerance: Double?

    /// Reads `words` (the info string after `output`); a word that is not `atol=` or `rtol=` with a
    /// non-negative finite number, or a key given twice, is an error at that word (or its value).
    init(words: ArraySlice<(text: String, offset: Int)>, location: (Int) -> SourceLocation) throws(Diagnostic) {
        for word in words {
            guard let equals = word.text.utf8.firstIndex(of: UInt8(ascii: "=")) else {
                throw .error(
                    "unknown output block option '\(word.text)' (known options: atol=, rtol=, as in 'output atol=1e-7')",
                    at: location(word.offset))
            }
            let key = String(word.text[..<equals])
            let valueText = String(word.text[word.text.index(after: equals)...])
            let valueOffset = word.offset + key.utf8.count + 1
            guard Self.keys.contains(key) else {
                throw .error(
                    "unknown output block option '\(key)' (known options: \(Self.keys.joined(separator: ", ")))",
                    at: location(word.offset))
            }
            guard let value = Double(valueText), value.isFinite, value >= 0 else {
                throw .error("'\(key)' must be a non-negative number such as 1e-7, not '\(valueText)'", at: location(valueOffset))
            }
            let previous = key == "atol" ? absoluteTolerance : relativeTolerance
            guard previous == nil else {
                throw .error("'\(key)' is given twice in this output block's info string", at: location(word.offset))
            }
            if key == "atol" { absoluteTolerance = value } else { relativeTolerance = value }
        }
    }
}
