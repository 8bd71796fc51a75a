import ArgumentParser
import Foundation
import Testing
@testable import LecternCLI

@Test func newWritesAStarterPageAndNeverOverwrites() throws {
    let folder = NSTemporaryDirectory() + "lectern-new-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let notebooks = folder + "/notebooks"
    try Lectern.New.parse(["shortcut-basics", "--directory", notebooks]).run()
    let page = try String(contentsOfFile: notebooks + "/shortcut-basics.md", encoding: .utf8)
    #expect(page.hasPrefix("---\ntitle: Shortcut basics\n---\n"))
    #expect(page.contains("```swift\n") && page.contains("```output\nloss 1.3212302923202515\n"))
    #expect(throws: ExitCode.failure) { try Lectern.New.parse(["shortcut-basics", "--directory", notebooks]).run() }
    #expect(try String(contentsOfFile: notebooks + "/shortcut-basics.md", encoding: .utf8) == page)
}

@Test func newRejectsNamesThatAreNotPlainFileNames() {
    for name in ["../outside", "a/b", "", "-x", "with space", "lesson.md"] {
        #expect(throws: (any Error).self, "\(name)") { try Lectern.New.parse([name]) }
    }
}

@Test func newPassesItsOwnCheck() throws {
    let folder = NSTemporaryDirectory() + "lectern-new-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Lectern.New.parse(["starter", "--directory", folder]).run()
    let result = try Lectern.Check.parse([folder + "/starter.md"]).report()
    // Until the cell interpreter runs cells, the page stops at its first cell (exit 2), never a mismatch.
    #expect(result.exitCode != 1, "\(result.text)")
}
