import Foundation

/// Reads a vocabulary in tiktoken's format: one token a line, its bytes in base64, a space, its
/// rank (`IQ== 0`). Ranks count up from 0 in file order, as tiktoken writes them; empty lines are
/// skipped and a line may end in `\r\n`, as tiktoken's own reader allows.
enum VocabularyFile {
    static func read(_ url: URL) throws(TokenizerError) -> TokenTable {
        let path = url.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .unreadableVocabulary(path: path, reason: "no such file")
        }
        guard !isFolder.boolValue else { throw .unreadableVocabulary(path: path, reason: "it is a folder") }
        let contents: Data
        do { contents = try Data(contentsOf: url) } catch {
            throw .unreadableVocabulary(path: path, reason: error.localizedDescription)
        }
        // `withUnsafeBytes` rethrows untyped errors, so the typed one travels out in a Result.
        return try contents.withUnsafeBytes { raw in
            Result { () throws(TokenizerError) in try parse(raw.bindMemory(to: UInt8.self), path: path) }
        }.get()
    }

    static func parse(_ text: UnsafeBufferPointer<UInt8>, path: String) throws(TokenizerError) -> TokenTable {
        // GPT-2's file: 50,256 lines of 4 to 92 base64 characters.
        var table = TokenTable(capacity: max(16, text.count / 12))
        var token: [UInt8] = []
        var lineNumber = 0
        var lineStart = 0
        while lineStart < text.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < text.count && text[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let next = lineEnd + 1
            if lineEnd > lineStart && text[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            if lineEnd > lineStart {
                let line = UnsafeBufferPointer(rebasing: text[lineStart..<lineEnd])
                func fail(_ offset: Int, _ message: String) -> TokenizerError {
                    .malformedVocabulary(path: path, line: lineNumber, column: offset + 1, message: message)
                }
                let (encoded, rankStart, rank) = try fields(of: line, fail: fail)
                token.removeAll(keepingCapacity: true)
                if let bad = Base64.decode(encoded, appendingTo: &token) {
                    throw fail(bad, "the token `\(String(decoding: encoded, as: UTF8.self))` is not valid base64")
                }
                guard rank == table.count else {
                    throw fail(rankStart, "rank \(rank) is out of order: ranks count up from 0, one a line, so this line's is \(table.count)")
                }
                if let earlier = token.withUnsafeBufferPointer({ table.add($0) }) {
                    throw fail(0, "the token `\(String(decoding: encoded, as: UTF8.self))` already has rank \(earlier)")
                }
            }
            lineStart = next
        }
        // Byte-level BPE starts from single bytes, so every byte must be a token of its own.
        for byte in UInt8.min...UInt8.max where [byte].withUnsafeBufferPointer({ table.rank(of: $0) }) == nil {
            throw .incompleteVocabulary(path: path, missingByte: byte)
        }
        return table
    }

    /// A line's base64 token, the offset where its rank starts, and the rank.
    private static func fields(
        of line: UnsafeBufferPointer<UInt8>, fail: (Int, String) -> TokenizerError
    ) throws(TokenizerError) -> (UnsafeBufferPointer<UInt8>, Int, Int) {
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var index = 0
        while index < line.count && !isBlank(line[index]) { index += 1 }
        let tokenEnd = index
        while index < line.count && isBlank(line[index]) { index += 1 }
        guard tokenEnd > 0, index < line.count else {
            throw fail(tokenEnd > 0 ? line.count : 0, "expected a base64 token, a space and its rank")
        }
        let rankStart = index
        var rank = 0
        while index < line.count && !isBlank(line[index]) {
            let digit = Int(line[index]) - Int(UInt8(ascii: "0"))
            guard (0...9).contains(digit), rank < 100_000_000 else {
                throw fail(rankStart, "the rank `\(String(decoding: line[rankStart...], as: UTF8.self))` is not a whole number below 10^9")
            }
            rank = rank * 10 + digit
            index += 1
        }
        while index < line.count && isBlank(line[index]) { index += 1 }
        guard index == line.count else { throw fail(index, "unexpected text after the rank") }
        return (UnsafeBufferPointer(rebasing: line[..<tokenEnd]), rankStart, rank)
    }
}
