// The engine benchmarks (issue 2) go here.
print("no engine benchmarks yet")
