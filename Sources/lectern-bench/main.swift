// Release-build benchmarks of the whole pipeline. Each group lives in its own file.
// `lectern-bench cells` (or `cells-split`, `report`, `check`, `tokenizer`) runs the named groups only.
let groups: [(name: String, run: () -> Void)] = [
    ("cells", cellBenchmarks), ("cells-split", cellSplitBenchmarks), ("report", reportBenchmarks), ("check", checkBenchmarks), ("tokenizer", tokenizerBenchmarks),
]
let chosen = Set(CommandLine.arguments.dropFirst())
if let unknown = chosen.first(where: { name in !groups.contains { $0.name == name } }) {
    fatalError("lectern-bench: no benchmark group '\(unknown)'; groups: \(groups.map(\.name).joined(separator: ", "))")
}
for group in groups where chosen.isEmpty || chosen.contains(group.name) { group.run() }
