import Foundation

/// GPT-2's byte-level BPE tokenizer, as tiktoken's `gpt2` encoding: text to token ids and back.
///
///     let tokenizer = try GPT2Tokenizer.gpt2()
///     let ids = try tokenizer.encode("Every effort moves you")   // [6109, 3626, 6100, 345]
///     let text = try tokenizer.decode(ids)                        // "Every effort moves you"
///
/// Encoding splits the text with GPT-2's pattern (`PreTokenizer`), then merges each piece's UTF-8
/// bytes by rank (`BytePairMerge`). Special tokens (`<|endoftext|>`) become their id only where
/// `allowedSpecial` names them; elsewhere their spelling is an error, as in tiktoken.
public struct GPT2Tokenizer: Sendable {
    /// GPT-2's one special token, the separator between documents.
    public static let endOfText = "<|endoftext|>"
    /// GPT-2's special tokens and their ids.
    public static let gpt2SpecialTokens = [endOfText: 50256]

    /// The mergeable tokens (internal: tests call the merge loops with it).
    let table: TokenTable
    /// The special tokens' spellings and ids.
    public let specialTokens: [String: Int]
    private let specialBytes: [Int: [UInt8]]

    /// Loads a vocabulary in tiktoken's format (`gpt2.tiktoken`: one base64 token and its rank a
    /// line). Throws a located `TokenizerError` for a missing, unreadable or malformed file.
    public init(contentsOf url: URL, specialTokens: [String: Int] = gpt2SpecialTokens) throws(TokenizerError) {
        let table = try VocabularyFile.read(url)
        var specialBytes: [Int: [UInt8]] = [:]
        for (token, id) in specialTokens.sorted(by: { $0.key < $1.key }) {
            guard id >= table.count, specialBytes[id] == nil else { throw .conflictingSpecialToken(token, id: id) }
            specialBytes[id] = Array(token.utf8)
        }
        self.table = table
        self.specialTokens = specialTokens
        self.specialBytes = specialBytes
    }

    /// GPT-2's tokenizer from the vocabulary bundled with Lectern, loaded once per process.
    public static func gpt2() throws(TokenizerError) -> GPT2Tokenizer { try bundled.get() }

    private static let bundled = Result { () throws(TokenizerError) -> GPT2Tokenizer in
        try GPT2Tokenizer(contentsOf: BundledVocabulary.url())
    }

    /// The number of ids: vocabulary ranks and special tokens (50,257 for GPT-2).
    public var vocabularySize: Int { max(table.count, (specialBytes.keys.max() ?? -1) + 1) }

    /// The ids of `text`. A special token's spelling in the text becomes its id when
    /// `allowedSpecial` names it and is an error otherwise (`encodeOrdinary` reads it as text).
    public func encode(_ text: String, allowedSpecial: Set<String> = []) throws(TokenizerError) -> [Int] {
        if let unknown = allowedSpecial.sorted().first(where: { specialTokens[$0] == nil }) {
            throw .unknownSpecialToken(unknown)
        }
        let disallowed = Set(specialTokens.keys).subtracting(allowedSpecial)
        var text = text
        // `withUTF8` rethrows untyped errors, so the typed one travels out in a Result.
        return try text.withUTF8 { utf8 in Result { () throws(TokenizerError) -> [Int] in
            if let found = Self.firstSpecialToken(among: disallowed, in: utf8, from: 0) {
                throw .disallowedSpecialToken(found.token)
            }
            var ids: [Int] = []
            var start = 0
            while let found = Self.firstSpecialToken(among: allowedSpecial, in: utf8, from: start) {
                encodeOrdinary(UnsafeBufferPointer(rebasing: utf8[start..<found.offset]), into: &ids)
                ids.append(specialTokens[found.token]!)
                start = found.offset + found.token.utf8.count
            }
            encodeOrdinary(UnsafeBufferPointer(rebasing: utf8[start...]), into: &ids)
            return ids
        } }.get()
    }

    /// The ids of `text` with every special token's spelling read as plain text (tiktoken's
    /// `encode_ordinary`).
    public func encodeOrdinary(_ text: String) -> [Int] {
        var text = text
        var ids: [Int] = []
        text.withUTF8 { encodeOrdinary($0, into: &ids) }
        return ids
    }

    private func encodeOrdinary(_ utf8: UnsafeBufferPointer<UInt8>, into ids: inout [Int]) {
        PreTokenizer.forEachPiece(in: utf8) { range in
            let piece = UnsafeBufferPointer(rebasing: utf8[range])
            // A piece that is itself a token stays whole, without merging (tiktoken does the same).
            if let rank = table.rank(of: piece) {
                ids.append(rank)
            } else {
                BytePairMerge.encode(piece, with: table, into: &ids)
            }
        }
    }

    /// The text of `ids`. Byte sequences that are not valid UTF-8 (a token list cut inside a
    /// character, say) become U+FFFD, as tiktoken's `decode` with errors="replace" does; throws
    /// for an id that is not in the vocabulary.
    public func decode(_ ids: [Int]) throws(TokenizerError) -> String {
        String(decoding: try decodeBytes(ids), as: UTF8.self)
    }

    /// The bytes of `ids`, joined (tiktoken's `decode_bytes`).
    public func decodeBytes(_ ids: [Int]) throws(TokenizerError) -> [UInt8] {
        var bytes: [UInt8] = []
        for (position, id) in ids.enumerated() {
            if id >= 0 && id < table.count {
                table.withBytes(of: id) { bytes.append(contentsOf: $0) }
            } else if let special = specialBytes[id] {
                bytes.append(contentsOf: special)
            } else {
                throw .unknownTokenID(id, position: position)
            }
        }
        return bytes
    }

    /// The earliest of `tokens` spelled in `utf8` from `start` (the longest where two begin together).
    private static func firstSpecialToken(
        among tokens: Set<String>, in utf8: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> (offset: Int, token: String)? {
        tokens.compactMap { token in firstOccurrence(of: Array(token.utf8), in: utf8, from: start).map { (offset: $0, token: token) } }
            .min { ($0.offset, -$0.token.utf8.count) < ($1.offset, -$1.token.utf8.count) }
    }

    private static func firstOccurrence(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count - start >= needle.count else { return nil }
        var offset = start
        while offset + needle.count <= haystack.count {
            if haystack[offset] == needle[0] && needle.indices.allSatisfy({ haystack[offset + $0] == needle[$0] }) {
                return offset
            }
            offset += 1
        }
        return nil
    }
}
