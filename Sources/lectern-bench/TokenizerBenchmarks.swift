import Foundation
import GPTTokenizer

/// Benchmarks for GPT-2's tokenizer, which the GPT pages load on their render path: loading the
/// bundled vocabulary, and encoding and decoding the committed pages' text. tiktoken's figures
/// were taken on one of these 2-core machines (2026-12-03), with the same vocabulary file.
func tokenizerBenchmarks() {
    let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let vocabulary = root.appending(path: "Sources/GPTTokenizer/Vocabulary/gpt2.tiktoken")
    var loaded: GPT2Tokenizer?
    let loads = sortedMilliseconds(runs: 20) { loaded = try? GPT2Tokenizer(contentsOf: vocabulary) }
    guard let tokenizer = loaded else {
        print("tokenizer: cannot load \(vocabulary.path)")
        return
    }
    print(String(format: "tokenizer load gpt2.tiktoken (50,256 tokens): best %.1f ms, median %.1f ms (goal well under 100 ms; tiktoken 0.14 best 185 ms)",
                 loads[0], median(loads)))

    let pages = (try? FileManager.default.contentsOfDirectory(atPath: root.appending(path: "notebooks").path)) ?? []
    let text = pages.filter { $0.hasSuffix(".md") }.sorted()
        .compactMap { try? String(contentsOf: root.appending(path: "notebooks/" + $0), encoding: .utf8) }
        .joined(separator: "\n")
    var ids: [Int] = []
    let encodes = sortedMilliseconds(runs: 20) { ids = tokenizer.encodeOrdinary(text) }
    print(String(format: "tokenizer encode notebooks/*.md (%d bytes, %d ids): best %.2f ms, median %.2f ms (%.1f MB/s; tiktoken 0.14 best 5.0 ms, the same 12,969 ids)",
                 text.utf8.count, ids.count, encodes[0], median(encodes), Double(text.utf8.count) / encodes[0] / 1000))
    let decodes = sortedMilliseconds(runs: 20) { _ = try? tokenizer.decode(ids) }
    print(String(format: "tokenizer decode those %d ids: best %.2f ms, median %.2f ms (tiktoken 0.14 best 0.2 ms)",
                 ids.count, decodes[0], median(decodes)))
}
