/// Benchmarks for the cell stage.
func cellBenchmarks() {}
