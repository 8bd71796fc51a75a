extension StringProtocol {
    /// The text's lines without their endings. Lines end at `\n` or `\r\n` (one `Character` in
    /// Swift, so splitting at `"\n"` alone would miss it); a final line ending starts no new line.
    var textLines: [SubSequence] {
        var lines = split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
