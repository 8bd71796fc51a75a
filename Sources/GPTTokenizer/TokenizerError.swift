/// What can go wrong loading a vocabulary, encoding or decoding. Each case prints as one located
/// line in the shape of Lectern's other diagnostics (`file:line:column: error: message`).
public enum TokenizerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The vocabulary file could not be read at all (missing, a folder, unreadable).
    case unreadableVocabulary(path: String, reason: String)
    /// A line of the vocabulary file is not `base64 rank`, or clashes with an earlier line.
    case malformedVocabulary(path: String, line: Int, column: Int, message: String)
    /// The vocabulary lacks a single byte, which byte-level BPE needs as a token.
    case incompleteVocabulary(path: String, missingByte: UInt8)
    /// A special token's id is also a vocabulary rank or another special token's id.
    case conflictingSpecialToken(String, id: Int)
    /// The bundled vocabulary is not in any of the places it is looked for.
    case bundledVocabularyMissing(searched: [String])
    /// The text holds a special token's spelling and `allowedSpecial` does not name it.
    case disallowedSpecialToken(String)
    /// `allowedSpecial` names something that is not a special token of this vocabulary.
    case unknownSpecialToken(String)
    /// An id given to `decode` is neither a vocabulary rank nor a special token.
    case unknownTokenID(Int, position: Int)

    public var description: String {
        switch self {
        case .unreadableVocabulary(let path, let reason):
            "\(path): error: cannot read the tokenizer vocabulary: \(reason)"
        case .malformedVocabulary(let path, let line, let column, let message):
            "\(path):\(line):\(column): error: \(message)"
        case .incompleteVocabulary(let path, let byte):
            "\(path): error: the vocabulary has no token for the single byte 0x\(byte < 16 ? "0" : "")\(String(byte, radix: 16, uppercase: true)); "
                + "byte-level BPE needs all 256"
        case .conflictingSpecialToken(let token, let id):
            "error: the special token \(token)'s id \(id) is already a vocabulary rank or another special token's id"
        case .bundledVocabularyMissing(let searched):
            "error: GPT-2's vocabulary (gpt2.tiktoken) is not installed; looked in "
                + searched.joined(separator: ", ")
                + " (copy the Lectern_GPTTokenizer.resources folder that the build makes beside the lectern binary)"
        case .disallowedSpecialToken(let token):
            "error: the text contains the special token \(token); pass allowedSpecial: [\"\(token)\"] "
                + "to encode it as that token, or use encodeOrdinary to encode it as plain text"
        case .unknownSpecialToken(let token):
            "error: allowedSpecial names \(token), which is not a special token of this vocabulary"
        case .unknownTokenID(let id, let position):
            "error: token id \(id) (at index \(position)) is not in the vocabulary"
        }
    }
}
