import Testing
@testable import GPTTokenizer

/// A small deterministic generator (SplitMix64), so a failure names a case that comes back.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The heap that long pieces take merges exactly as tiktoken's scanning loop does, ties included
/// (runs of one repeated letter tie everywhere).
@Test func theHeapMergesAsTheScanDoes() throws {
    let tokenizer = try GPT2Tokenizer.gpt2()
    var generator = SplitMix(state: 15)
    let alphabets = ["abcdefghijklmnopqrstuvwxyz", "aeiou", "a", "ab", "0123456789", "!?.-", "日本語", "ёжз"]
    var differing: [String] = []
    for round in 0..<400 {
        let alphabet = Array(alphabets[round % alphabets.count])
        let length = Int.random(in: 2...(round < 300 ? 60 : 700), using: &generator)
        let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
        if !tokenizer.mergesAgree(text) { differing.append("round \(round): \(text.prefix(40))") }
    }
    #expect(differing.isEmpty, "\(differing.count) of 400 differ, first: \(differing.prefix(3))")
}

@Test func aVeryLongWordEncodesAndRoundTrips() throws {
    let tokenizer = try GPT2Tokenizer.gpt2()
    let word = String(repeating: "abcdefghij", count: 2_000)
    let ids = tokenizer.encodeOrdinary(word)
    #expect(try tokenizer.decode(ids) == word)
}

extension GPT2Tokenizer {
    /// Whether both merge loops cut `text`'s bytes at the same places.
    fileprivate func mergesAgree(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            BytePairMerge.mergeWithHeap(utf8, table) == BytePairMerge.mergeByScanning(utf8, table)
        }
    }
}
