import Foundation
import LessonDocument
import LessonExecution
import TestData
import Testing
@testable import LessonCheck

/// Whether the cell interpreter runs cells (branch `cells`). Without it these tests are skipped
/// rather than failing for a reason outside this module.
let interpreterRuns: Bool = {
    guard let document = try? Document.parse(path: "probe.md", contents: Array("```swift\nprint(1)\n```\n".utf8)) else { return false }
    return ExecutedDocument.execute(document).outputs.first??.printedText == "1\n"
}()

/// The published seeds' gradient means for the lesson's network without shortcuts (seed 123,
/// composed tanh GELU), as each notebook printed them (`scenarios.json`, `published`).
private func publishedGradientLines() throws -> [String: String] {
    let cases = try TestData.referenceCaseList("scenarios.json")
    let lesson = try #require(cases.first { $0["id"] as? String == "book-listing-4.5" })
    let published = try #require(lesson["published"] as? [String: [Double]])
    return published.mapValues { means in
        means.enumerated().map { "layers.\($0.offset).0.weight has gradient mean of \($0.element)\n" }.joined()
    }
}

/// A page of our own cells for that network, publishing `output`.
private func lessonPage(publishing output: String) -> String {
    """
    ---
    title: Vanishing gradients
    ---

    A five-layer network with a tanh-approximated GELU, built from tensor operations.

    ```swift
    struct GELU: Module {
        func callAsFunction(_ x: Tensor) -> Tensor {
            return 0.5 * x * (1 + tanh(sqrt(Tensor(2.0 / Double.pi)) * (x + 0.044715 * pow(x, 3))))
        }
    }

    struct DeepNetwork: Module {
        var layers: [Sequential]

        init(layerSizes: [Int]) {
            layers = (0..<layerSizes.count - 1).map { i in
                Sequential(Linear(layerSizes[i], layerSizes[i + 1]), GELU())
            }
        }

        func callAsFunction(_ input: Tensor) -> Tensor {
            var x = input
            for layer in layers { x = layer(x) }
            return x
        }
    }
    ```

    ```swift
    manualSeed(123)
    let network = DeepNetwork(layerSizes: [3, 3, 3, 3, 3, 1])
    let loss = mseLoss(network(Tensor([[1.0, 0.0, -1.0]])), Tensor([[0.0]]))
    loss.backward()
    for (name, parameter) in network.namedParameters() where name.hasSuffix("weight") {
        print("\\(name) has gradient mean of \\(parameter.grad!.abs().mean().item())")
    }
    ```

    ```output
    \(output)```

    """
}

@Test(.enabled(if: interpreterRuns)) func aPagePassesWithEachSeedsPublishedNumbers() throws {
    let scratch = try ScratchFolder()
    var paths: [String] = []
    for (seed, lines) in try publishedGradientLines().sorted(by: { $0.key < $1.key }) {
        paths.append(try scratch.write(seed + ".md", lessonPage(publishing: lines)))
    }
    let summary = CheckRun.check(paths, options: CheckOptions(jobs: 2))
    #expect(summary.exitCode == 0, "\(CheckFormat.text.render(summary))")
    #expect(summary.outcomeLine == "\(paths.count) passed, 0 failed")
    // The seeds differ from PyTorch 2.15 by up to 8.7e-7: a tolerance of 1e-8 must catch that.
    let strict = CheckRun.check(paths, options: CheckOptions(relative: 1e-8, precisionAware: false, jobs: 2))
    #expect(strict.exitCode == 1)
}

@Test(.enabled(if: interpreterRuns)) func aPerturbedPublishedDigitFailsAtItsPlace() throws {
    let scratch = try ScratchFolder()
    let lines = try #require(try publishedGradientLines()["004_3e957f54a9e39c9b.txt"])
    let perturbed = lines.replacingOccurrences(of: "0.0013988", with: "0.0013998")
    #expect(perturbed != lines)
    let path = try scratch.write("perturbed.md", lessonPage(publishing: perturbed))
    let summary = CheckRun.check([path], options: CheckOptions(jobs: 1))
    let mismatch = try #require(summary.pages.first?.blocks.first?.mismatches.first)
    // The output block's fourth line (page line 45), the number after "...has gradient mean of ".
    #expect(mismatch.location.line == 45 && mismatch.location.column == 40)
    #expect(summary.exitCode == 1)

    // Bless repairs the one line and keeps the other published digits; then the page passes.
    let blessed = BlessRun.bless([path], options: CheckOptions(jobs: 1), blessing: .init())
    #expect(BlessRun.write(blessed).isEmpty)
    let repaired = try scratch.read("perturbed.md")
    let written = try #require(try producedNumber(repaired, line: 3))
    #expect(written != "0.0013998873864673078")
    #expect(repaired == lessonPage(publishing: lines.replacingOccurrences(of: "0.001398873864673078", with: written)))
    #expect(CheckRun.check([path], options: CheckOptions(jobs: 1)).exitCode == 0)
}

/// The last word of line `line` (from 0) of the page's last output block.
private func producedNumber(_ page: String, line index: Int) throws -> String? {
    let document = try Document.parse(path: "p.md", contents: Array(page.utf8))
    let line = document.cells.last?.expectedOutput?.text.split(separator: "\n")[index]
    return line?.split(separator: " ").last.map(String.init)
}
