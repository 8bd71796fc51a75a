import GPTTokenizer

/// GPT-2's byte-pair tokenizer (tiktoken's `gpt2` encoding), from the vocabulary bundled with
/// Lectern: `let tokenizer = try GPT2Tokenizer.gpt2()`.
extension Registry {
    static let tokenizer: [Binding] = [
        .staticMethod("GPT2Tokenizer.gpt2()") { () in try GPT2Tokenizer.gpt2() },
        .staticProperty("GPT2Tokenizer.endOfText") { GPT2Tokenizer.endOfText },
        .method("encode(_:allowedSpecial:)", defaults: ["allowedSpecial": .array([])]) { (t: GPT2Tokenizer, text: String, allowed: [String]) in try t.encode(text, allowedSpecial: Set(allowed)) },
        .method("encodeOrdinary(_:)") { (t: GPT2Tokenizer, text: String) in t.encodeOrdinary(text) },
        .method("decode(_:)") { (t: GPT2Tokenizer, ids: [Int]) in try t.decode(ids) },
        .property("vocabularySize") { (t: GPT2Tokenizer) in t.vocabularySize },
    ]
}

extension GPT2Tokenizer: CellHostType {}
