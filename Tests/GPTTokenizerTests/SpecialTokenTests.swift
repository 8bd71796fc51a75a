import Testing
@testable import GPTTokenizer

@Test func endOfTextIsAnErrorUnlessAllowed() throws {
    let tokenizer = try GPT2Tokenizer.gpt2()
    #expect(throws: TokenizerError.disallowedSpecialToken("<|endoftext|>")) {
        try tokenizer.encode("one document<|endoftext|>the next")
    }
    #expect(try tokenizer.encode("<|endoftext|>", allowedSpecial: ["<|endoftext|>"]) == [50256])
    #expect(try tokenizer.encode("a<|endoftext|>b", allowedSpecial: [GPT2Tokenizer.endOfText]) == [64, 50256, 65])
    // tiktoken's encode_ordinary (or disallowed_special=()) reads the spelling as text.
    #expect(tokenizer.encodeOrdinary("<|endoftext|>") == [27, 91, 437, 1659, 5239, 91, 29])
    #expect(try tokenizer.decode([50256]) == "<|endoftext|>")
}

@Test func theErrorNamesTheTokenAndTheWayOut() {
    let message = TokenizerError.disallowedSpecialToken("<|endoftext|>").description
    #expect(message.contains("<|endoftext|>") && message.contains("allowedSpecial") && message.contains("encodeOrdinary"))
}

@Test func allowingSomethingThatIsNotASpecialTokenIsAnError() throws {
    #expect(throws: TokenizerError.unknownSpecialToken("<|fim_prefix|>")) {
        try GPT2Tokenizer.gpt2().encode("text", allowedSpecial: ["<|fim_prefix|>"])
    }
}

@Test func unknownIdsInDecodeAreErrorsWithTheirPosition() throws {
    let tokenizer = try GPT2Tokenizer.gpt2()
    #expect(throws: TokenizerError.unknownTokenID(50257, position: 2)) { try tokenizer.decode([6109, 3626, 50257]) }
    #expect(throws: TokenizerError.unknownTokenID(-1, position: 0)) { try tokenizer.decodeBytes([-1]) }
    #expect(TokenizerError.unknownTokenID(50257, position: 2).description
        == "error: token id 50257 (at index 2) is not in the vocabulary")
}

@Test func invalidUTF8BecomesReplacementCharacters() throws {
    let tokenizer = try GPT2Tokenizer.gpt2()
    let emoji = try tokenizer.encode("😀")
    #expect(emoji.count > 1)
    #expect(try tokenizer.decode(Array(emoji.dropLast())) == "\u{FFFD}")
    #expect(try tokenizer.decode(Array(emoji.dropFirst())).unicodeScalars.allSatisfy { $0 == "\u{FFFD}" })
}
