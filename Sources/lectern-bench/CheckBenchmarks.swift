/// Benchmarks for the check stage.
func checkBenchmarks() {}
