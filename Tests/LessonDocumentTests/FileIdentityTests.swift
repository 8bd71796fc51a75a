import Foundation
@testable import LessonDocument
import Testing

/// One identity for a file however it is named, used by the page walk, the contents and the render.
@Suite struct FileIdentityTests {
    @Test func aFileByAnyNameIsOneIdentity() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-identity-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("# A\n".utf8).write(to: URL(fileURLWithPath: folder + "/a.md"))
        try Data("# A\n".utf8).write(to: URL(fileURLWithPath: folder + "/copy.md"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.md", withDestinationPath: "a.md")
        let a = try #require(FileIdentity(path: folder + "/a.md"))
        #expect(FileIdentity(path: folder + "/sub/../a.md") == a)
        #expect(FileIdentity(path: folder + "/link.md") == a)
        #expect(FileIdentity(path: folder + "/copy.md") != a)
        #expect(FileIdentity(path: folder + "/missing.md") == nil)
        #expect(FileIdentity.same(folder + "/link.md", folder + "/a.md"))
        #expect(!FileIdentity.same(folder + "/missing.md", folder + "/missing.md"))
    }
}
