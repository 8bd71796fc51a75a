/// Private-use markers put into text and found again after a pass through cmark-gfm and the
/// sanitizer (math spans, heading anchors): an opening scalar, a decimal number, a closing one.
enum Placeholder {
    /// The number whose digits start at `start` and end right before `close`, and where the
    /// marker ends; nil when the scalars there are not such a number.
    static func number(_ scalars: String.UnicodeScalarView, from start: String.Index, close: Unicode.Scalar) -> (Int, String.Index)? {
        var number = 0
        var digits = 0
        var i = start
        while i < scalars.endIndex, scalars[i].isASCIIDigit, digits < 9 {
            number = number * 10 + Int(scalars[i].value - 0x30)
            digits += 1
            i = scalars.index(after: i)
        }
        guard digits > 0, i < scalars.endIndex, scalars[i] == close else { return nil }
        return (number, scalars.index(after: i))
    }
}
