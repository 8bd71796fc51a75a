import Foundation

/// Files the tests read from `Tests/Data/`, found from this source file's path so that a clone of
/// the repository runs its tests with nothing beside it.
public enum TestData {
    /// `Tests/Data/`.
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data")

    /// The PyTorch reference vectors, written by `scripts/reference/generate.py`.
    public static let referenceDirectory = directory.appendingPathComponent("reference")

    /// One reference file (`rng.json`, `linear_init.json`, `ops.json`, `scenarios.json`, `corpus.json`,
    /// `printing.json`, `engine-printing.json`).
    public static func reference(_ name: String) -> URL {
        referenceDirectory.appendingPathComponent(name)
    }

    /// Set by CI runners (and by .ci/run): there a check that needs a tool must run, and a missing
    /// tool fails instead of skipping.
    public static let onCI: Bool = {
        let value = ProcessInfo.processInfo.environment["CI"] ?? ""
        return !value.isEmpty && value != "0" && value.lowercased() != "false"
    }()

    /// What tiktoken makes of GPT-2's vocabulary (`encode.jsonl`, `decode.jsonl`), written by
    /// `scripts/reference/tokenizer_cases.py`.
    public static func tokenizer(_ name: String) -> URL {
        directory.appendingPathComponent("tokenizer").appendingPathComponent(name)
    }
}
