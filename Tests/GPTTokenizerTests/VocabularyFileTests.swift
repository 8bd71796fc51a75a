import Foundation
import Testing
@testable import GPTTokenizer

/// A vocabulary with every single byte (ranks 0 to 255) and then `extra` lines.
private func vocabulary(_ extra: [String]) -> String {
    (0..<256).map { "\(Data([UInt8($0)]).base64EncodedString()) \($0)" }.joined(separator: "\n") + "\n"
        + extra.joined(separator: "\n")
}

/// Loads `contents` from a fresh temporary file, with no special tokens.
private func load(_ contents: String) -> Result<GPT2Tokenizer, TokenizerError> {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpt-tokenizer-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("vocab.tiktoken")
    try? contents.write(to: url, atomically: true, encoding: .utf8)
    return Result { () throws(TokenizerError) in try GPT2Tokenizer(contentsOf: url, specialTokens: [:]) }
}

/// The description of the error loading `contents` throws, the file's path shown as `PATH`.
private func loadError(_ contents: String) -> String? {
    guard case .failure(let error) = load(contents) else { return nil }
    return error.description.replacing(#/^[^:]*vocab\.tiktoken/#, with: "PATH")
}

@Test func aSmallVocabularyMergesByRank() throws {
    // "ab" (256) ranks before "bc" (257): "abc" is ab + c; "xabcd" merges ab, then cd, then abcd (259);
    // "abcd" is a token as a whole. The "\r" line is an empty line of a file with \r\n endings.
    let tokenizer = try load(vocabulary(["YWI= 256", "YmM= 257", "Y2Q= 258", "YWJjZA== 259", "\r", ""])).get()
    #expect(tokenizer.encodeOrdinary("abc") == [256, 99])
    #expect(tokenizer.encodeOrdinary("xabcd") == [120, 259])
    #expect(tokenizer.encodeOrdinary("abcd") == [259])
    #expect(tokenizer.encodeOrdinary("bcd") == [257, 100])
    #expect(tokenizer.vocabularySize == 260)
}

@Test func aMissingFileOrAFolderSaysSo() {
    let missing = URL(fileURLWithPath: "/nonexistent/gpt2.tiktoken")
    #expect(throws: TokenizerError.unreadableVocabulary(path: missing.path, reason: "no such file")) {
        try GPT2Tokenizer(contentsOf: missing)
    }
    #expect(TokenizerError.unreadableVocabulary(path: missing.path, reason: "no such file").description
        == "/nonexistent/gpt2.tiktoken: error: cannot read the tokenizer vocabulary: no such file")
    let folder = FileManager.default.temporaryDirectory
    #expect(throws: TokenizerError.unreadableVocabulary(path: folder.path, reason: "it is a folder")) {
        try GPT2Tokenizer(contentsOf: folder)
    }
}

@Test(arguments: [
    ("YWI= 256\nYW!= 257", "PATH:258:3: error: the token `YW!=` is not valid base64"),
    ("YWI= 256\nYWJ 257", "PATH:258:4: error: the token `YWJ` is not valid base64"),
    ("YWI=", "PATH:257:5: error: expected a base64 token, a space and its rank"),
    ("YWI= 257", "PATH:257:6: error: rank 257 is out of order: ranks count up from 0, one a line, so this line's is 256"),
    ("YWI= 2x6", "PATH:257:6: error: the rank `2x6` is not a whole number below 10^9"),
    ("YWI= 256 extra", "PATH:257:10: error: unexpected text after the rank"),
    ("YQ== 256", "PATH:257:1: error: the token `YQ==` already has rank 97"),
])
func aCorruptLineIsNamedByFileLineAndColumn(extra: String, message: String) {
    #expect(loadError(vocabulary([extra])) == message)
}

@Test func anEmptyFileOrAMissingByteIsAnError() {
    #expect(loadError("") == "PATH: error: the vocabulary has no token for the single byte 0x00; byte-level BPE needs all 256")
    let withoutLastByte = (0..<255).map { "\(Data([UInt8($0)]).base64EncodedString()) \($0)" }.joined(separator: "\n")
    #expect(loadError(withoutLastByte) == "PATH: error: the vocabulary has no token for the single byte 0xFF; byte-level BPE needs all 256")
}

@Test func aSpecialTokenMayNotReuseAnId() throws {
    let url = try BundledVocabulary.url()
    #expect(throws: TokenizerError.conflictingSpecialToken("<|endoftext|>", id: 50255)) {
        try GPT2Tokenizer(contentsOf: url, specialTokens: ["<|endoftext|>": 50255])
    }
}
