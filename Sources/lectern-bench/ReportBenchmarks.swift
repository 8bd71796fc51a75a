/// Benchmarks for the report stage.
func reportBenchmarks() {}
