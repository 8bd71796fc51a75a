import ArgumentParser
import Foundation
import Testing
@testable import LecternCLI

/// A temporary folder of pages, removed when the test ends.
private final class PageFolder {
    let path = NSTemporaryDirectory() + "lectern-cli-" + UUID().uuidString

    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: URL(filePath: path + "/" + name))
        return path + "/" + name
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path + "/" + name, encoding: .utf8) }
}

/// A cell that fails on purpose (a name defined nowhere) and a published message that is not
/// what any interpreter says, so checking fails and blessing has something to rewrite.
private let staleErrorPage = """
    ---
    title: Errors are output
    ---

    Prose stays exactly as written.

    ```swift error
    let x = notDefinedAnywhere
    ```

    ```output
    error: a message nobody prints
    ```

    Closing prose.

    """

/// The same cell without the `error` option: the page fails to run.
private let brokenPage = staleErrorPage.replacingOccurrences(of: "```swift error", with: "```swift")

@Test func checkExitCodes() throws {
    let folder = try PageFolder()
    let prose = try folder.write("prose.md", "# Only prose\n\nNothing to check.\n")
    let stale = try folder.write("stale.md", staleErrorPage)
    let broken = try folder.write("broken.md", brokenPage)
    let unparsable = try folder.write("unparsable.md", "---\ntolerance: [1]\n---\n")

    let passing = try Lectern.Check.parse([prose]).report()
    #expect(passing.exitCode == 0)
    #expect(passing.text.hasSuffix("0 passed, 0 failed\n"))

    let failing = try Lectern.Check.parse([prose, stale, "--jobs", "2"]).report()
    #expect(failing.exitCode == 1)
    #expect(failing.text.contains("\(stale):12:"))
    #expect(failing.text.contains(": error: expected line 'error: a message nobody prints', produced 'error: "))
    #expect(failing.text.hasSuffix("0 passed, 1 failed\n"))

    #expect(try Lectern.Check.parse([stale, broken]).report().exitCode == 2)
    let parseFailure = try Lectern.Check.parse([unparsable]).report()
    #expect(parseFailure.exitCode == 2)
    #expect(parseFailure.text.contains("\(unparsable):2:"))
    #expect(try Lectern.Check.parse([folder.path + "/missing.md"]).report().exitCode == 2)
}

@Test func checkFormatsAndOptionsParse() throws {
    let folder = try PageFolder()
    let stale = try folder.write("stale.md", staleErrorPage)
    let junit = try Lectern.Check.parse([stale, "--format", "junit"]).report()
    #expect(junit.text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lectern check\" tests=\"1\" failures=\"1\""))
    let github = try Lectern.Check.parse([stale, "--format", "github", "--rtol", "1e-3", "--atol", "0", "--exact-digits"]).report()
    #expect(github.text.hasPrefix("::error file=\(stale),line=12,col="))
    let json = try Lectern.Check.parse([stale, "--format", "json"]).report()
    #expect(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) is [String: Any])
    #expect(throws: (any Error).self) { try Lectern.Check.parse([stale, "--format", "xml"]) }
    #expect(throws: (any Error).self) { try Lectern.Check.parse([stale, "--rtol", "-1"]) }
    #expect(throws: (any Error).self) { try Lectern.Check.parse([stale, "--jobs", "0"]) }
    #expect(throws: (any Error).self) { try Lectern.Check.parse([]) }
}

@Test func blessDryRunWritesNothing() throws {
    let folder = try PageFolder()
    let stale = try folder.write("stale.md", staleErrorPage)
    let result = try Lectern.Bless.parse([stale, "--dry-run"]).perform()
    #expect(result.exitCode == 0)
    #expect(result.text.contains("--- \(stale)\n+++ \(stale) (blessed)\n@@ -12,1 +12,1 @@\n-error: a message nobody prints\n+error: "))
    #expect(result.text.hasSuffix("\(stale): 1 output to rewrite\ndry run: nothing written\n"))
    #expect(try folder.read("stale.md") == staleErrorPage)
}

@Test func blessThenCheckPassesWithProseUntouched() throws {
    let folder = try PageFolder()
    let stale = try folder.write("stale.md", staleErrorPage)
    let blessed = try Lectern.Bless.parse([stale]).perform()
    #expect(blessed.exitCode == 0)
    let page = try folder.read("stale.md")
    #expect(page != staleErrorPage)
    // Only the output line changed.
    let before = staleErrorPage.split(separator: "\n", omittingEmptySubsequences: false)
    let after = page.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(before.count == after.count)
    #expect(zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset) == [11])
    #expect(try Lectern.Check.parse([stale]).report().exitCode == 0)
    // Blessing again changes nothing.
    #expect(try Lectern.Bless.parse([stale]).perform().text == "\(stale): up to date\n")
}

@Test func blessNeverWritesAPageWhoseCellsFail() throws {
    let folder = try PageFolder()
    let broken = try folder.write("broken.md", brokenPage)
    let result = try Lectern.Bless.parse([broken, "--force", "--add"]).perform()
    #expect(result.exitCode == 2)
    #expect(result.text.contains("(page not written)"))
    #expect(try folder.read("broken.md") == brokenPage)
}

@Test func aNegativeToleranceSaysItMustNotBeNegative() throws {
    // `-1` was taken for an option: "Missing value for '--rtol <rtol>'".
    for arguments in [["p.md", "--rtol", "-1"], ["p.md", "--atol", "-1e-9"], ["--rtol", "-0.5", "p.md"]] {
        do {
            _ = try Lectern.Check.parse(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            let message = Lectern.Check.message(for: error)
            #expect(message.contains("must be a number ≥ 0"), "\(message)")
            #expect(Lectern.exitCode(for: error).rawValue == 64)
        }
    }
}

@Test func blessReportsOnlyWhatItWrote() throws {
    let folder = try PageFolder()
    let stale = try folder.write("stale.md", staleErrorPage)
    #expect(chmod(stale, 0o444) == 0)
    let result = try Lectern.Bless.parse([stale]).perform()
    #expect(result.exitCode == 2)
    // It printed "1 output rewritten" and then that it could not write the page.
    #expect(!result.text.contains("rewritten"))
    #expect(result.text == "\(stale): error: cannot write \(stale): it is read-only (page not written)\n")
    #expect(try folder.read("stale.md") == staleErrorPage)
}

/// The `lectern` binary this test run built (`swift build --build-tests` builds it too).
private func builtLectern() throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent(".build/debug/lectern").path
    try #require(FileManager.default.isExecutableFile(atPath: path), "build lectern first: swift build --build-tests")
    return path
}

@Test func pagesRunInChildProcessesReportWhatTheyReportInProcess() throws {
    let folder = try PageFolder()
    let stale = try folder.write("stale.md", staleErrorPage)
    let broken = try folder.write("broken.md", brokenPage)
    let figures = try folder.write("figures.md", "```swift\nprint(0.1 + 0.2, Double.nan, [1, 2])\nlet t = Tensor([[1.0, 2.0]])\nprint(t)\n```\n\n```output\n0.30000000000000004 nan [1, 2]\n```\n")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try builtLectern())
    process.arguments = ["check", stale, broken, figures, "--format", "json"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let inProcess = try Lectern.Check.parse([stale, broken, figures, "--format", "json"]).report()
    #expect(text == inProcess.text)
    #expect(process.terminationStatus == inProcess.exitCode)
}
