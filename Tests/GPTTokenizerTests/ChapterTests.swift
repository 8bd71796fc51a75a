import Testing
@testable import GPTTokenizer

@Test(arguments: [
    ("Every effort moves you", [6109, 3626, 6100, 345]),
    ("Every day holds a", [6109, 1110, 6622, 257]),
    ("Hello, I am", [15496, 11, 314, 716]),
])
func theChaptersSentences(text: String, ids: [Int]) throws {
    let tokenizer = try GPT2Tokenizer.gpt2()
    #expect(try tokenizer.encode(text) == ids)
    #expect(try tokenizer.decode(ids) == text)
}

@Test func theChaptersGeneratedText() throws {
    let generated = [15496, 11, 314, 716, 27018, 24086, 47843, 30961, 42348, 7267]
    #expect(try GPT2Tokenizer.gpt2().decode(generated) == "Hello, I am Featureiman Byeswickattribute argue")
}

@Test func theBundledVocabulary() throws {
    let tokenizer = try GPT2Tokenizer.gpt2()
    #expect(tokenizer.vocabularySize == 50257)
    #expect(tokenizer.specialTokens == ["<|endoftext|>": 50256])
    #expect(try tokenizer.decode([0, 50255]) == "! gazed")
    // The copy SwiftPM puts beside the built binaries is found first, as a release lectern finds it.
    #expect(try BundledVocabulary.url().path.hasSuffix("Lectern_GPTTokenizer.resources/Vocabulary/gpt2.tiktoken"))
}

@Test func aMissingBundleSaysWhereItLookedAndWhatToCopy() {
    let message = TokenizerError.bundledVocabularyMissing(searched: ["/opt/ci/Lectern_GPTTokenizer.resources/Vocabulary/gpt2.tiktoken"]).description
    #expect(message.hasPrefix("error: GPT-2's vocabulary (gpt2.tiktoken) is not installed; looked in /opt/ci/"))
    #expect(message.hasSuffix("(copy the Lectern_GPTTokenizer.resources folder that the build makes beside the lectern binary)"))
}
