import Testing
@testable import GPTTokenizer

/// Every string of `encode.jsonl` (written by tiktoken 0.14 from the same vocabulary file) gives
/// tiktoken's ids, and decodes back to its exact bytes.
@Test func encodingMatchesTiktokenOnTheCorpus() throws {
    let tokenizer = try GPT2Tokenizer.gpt2()
    let cases = try referenceCases("encode.jsonl")
    #expect(cases.count > 3000)
    var mismatches: [String] = []
    for reference in cases {
        let text = try #require(reference.text), expected = try #require(reference.ids)
        // The JSON reader must hand over the exact scalars tiktoken saw.
        #expect(try tokenizer.decodeBytes(expected) == Array(text.utf8), "\(shown(text))")
        let ids = if reference.ordinary == true {
            tokenizer.encodeOrdinary(text)
        } else {
            try tokenizer.encode(text, allowedSpecial: Set(reference.allowedSpecial ?? []))
        }
        if ids != expected { mismatches.append("\(shown(text)): \(ids) instead of \(expected)") }
        #expect(try tokenizer.decodeBytes(ids) == Array(text.utf8), "\(shown(text)) does not round-trip")
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count) differ, first: \(mismatches.prefix(5))")
}

/// Every id list of `decode.jsonl` (many cut inside a character) decodes to tiktoken's bytes, and
/// to its text with U+FFFD where tiktoken's errors="replace" puts one.
@Test func decodingMatchesTiktokenIncludingReplacements() throws {
    let tokenizer = try GPT2Tokenizer.gpt2()
    let cases = try referenceCases("decode.jsonl")
    #expect(cases.count > 250)
    var replaced = 0
    for reference in cases {
        let ids = try #require(reference.ids), text = try #require(reference.text)
        #expect(hexBytes(try tokenizer.decodeBytes(ids)) == reference.bytes, "\(ids)")
        #expect(Array(try tokenizer.decode(ids).unicodeScalars) == Array(text.unicodeScalars), "\(ids)")
        if text.unicodeScalars.contains("\u{FFFD}") { replaced += 1 }
    }
    #expect(replaced > 50)
}
