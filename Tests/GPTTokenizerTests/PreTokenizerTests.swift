import Testing
@testable import GPTTokenizer

/// The pieces `PreTokenizer` cuts `text` into, as strings.
private func pieces(_ text: String) -> [String] {
    var text = text
    return text.withUTF8 { utf8 in
        var result: [String] = []
        PreTokenizer.forEachPiece(in: utf8) { result.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[$0]), as: UTF8.self)) }
        return result
    }
}

@Test func piecesFollowThePatternsCorners() {
    #expect(pieces("Hello, I'm here") == ["Hello", ",", " I", "'m", " here"])
    #expect(pieces("   a") == ["  ", " a"])
    #expect(pieces("a \n") == ["a", " \n"])
    #expect(pieces(" \ta") == [" ", "\t", "a"])
    #expect(pieces("x!'s 's I'M") == ["x", "!'", "s", " '", "s", " I", "'", "M"])
    #expect(pieces("cafe\u{301} 42x") == ["cafe", "\u{301}", " 42", "x"])
    #expect(pieces("👍🏽 ok") == ["👍🏽", " ok"])
    #expect(pieces("") == [])
}

/// The scanner cuts every text of the reference corpus exactly where Swift's own `Regex` engine,
/// run over Unicode scalars with GPT-2's pattern, finds its matches.
@Test func piecesAreTheRegexMatchesOnTheCorpus() throws {
    let pattern = try Regex(#"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#)
        .matchingSemantics(.unicodeScalar)
    var differing: [String] = []
    for reference in try referenceCases("encode.jsonl") {
        let text = try #require(reference.text)
        let matches = text.matches(of: pattern).map { String(text.unicodeScalars[$0.range]) }
        if pieces(text) != matches { differing.append(shown(text)) }
    }
    #expect(differing.isEmpty, "\(differing.count) texts split differently, first: \(differing.prefix(5))")
}
