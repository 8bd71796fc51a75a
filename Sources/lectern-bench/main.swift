import Foundation

// Release-build benchmarks of the whole pipeline. Each group lives in its own file.
// `lectern-bench cells` (or `report`, `check`, `tokenizer`) runs the named groups only;
// `cells-split` (where the cells group's time goes, beside CPython) runs only when named.
let groups: [(name: String, run: () -> Void)] = [
    ("cells", cellBenchmarks), ("report", reportBenchmarks), ("check", checkBenchmarks), ("tokenizer", tokenizerBenchmarks),
]
let diagnostics: [(name: String, run: () -> Void)] = [("cells-split", cellSplitBenchmarks)]
let chosen = Set(CommandLine.arguments.dropFirst())
if let unknown = chosen.first(where: { name in !(groups + diagnostics).contains { $0.name == name } }) {
    FileHandle.standardError.write(Data("lectern-bench: no benchmark group '\(unknown)'; groups: \((groups + diagnostics).map(\.name).joined(separator: ", "))\n".utf8))
    exit(2)
}
for group in groups where chosen.isEmpty || chosen.contains(group.name) { group.run() }
for group in diagnostics where chosen.contains(group.name) { group.run() }
