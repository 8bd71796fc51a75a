import Testing

/// Every reference file names the PyTorch that wrote it, the CPU path its kernels took and its
/// thread count, so a number that moves can be traced to where it came from.
@Test(arguments: ["rng.json", "linear_init.json", "ops.json", "scenarios.json", "corpus.json", "printing.json", "math.json", "cleanup.json", "cross_entropy_avx2.json", "residuals.json", "softmax_widths.json", "randn.json", "modules.json"])
func referenceFileRecordsItsProvenance(_ name: String) throws {
    let provenance = try #require(try Reference.json(name)["provenance"] as? [String: Any], "\(name) has no provenance")
    let version = try #require(provenance["torch"] as? String, "\(name): torch version")
    #expect(version.wholeMatch(of: /\d+\.\d+\.\d+(\+\w+)?/) != nil, "\(name): torch \(version)")
    #expect(!(provenance["cpuCapability"] as? String ?? "").isEmpty, "\(name): CPU capability")
    #expect(provenance["threads"] as? Int == 1, "\(name): thread count")
}
