// Release-build benchmarks of the whole pipeline. Each group lives in its own file.
cellBenchmarks()
reportBenchmarks()
checkBenchmarks()
tokenizerBenchmarks()
