import Foundation
import Testing
@testable import LecternCLI

/// The `lectern` executable itself: it prints the address, serves, and stops cleanly on Ctrl-C.
@Suite(.serialized) struct PreviewCommandTests {
    /// `lectern` is built beside the test bundle.
    private static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lectern").path
    }

    private final class Started {
        let process = Process()
        let output = Pipe()
        let errors = Pipe()

        init(_ arguments: [String]) throws {
            process.executableURL = URL(fileURLWithPath: PreviewCommandTests.executable)
            process.arguments = arguments
            process.standardOutput = output
            process.standardError = errors
            try process.run()
        }

        /// The first line of standard output.
        func firstLine() -> String {
            var bytes: [UInt8] = []
            while let byte = try? output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 10 {
                bytes.append(first)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func previewPrintsTheAddressServesAndStopsOnInterrupt() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build lectern first")
        let folder = try PageFolder()
        try folder.write("lesson.md", lesson(printing: "\"from the executable\""))
        let started = try Started(["preview", folder.path, "--port", "0", "--no-cache"])
        let line = started.firstLine()
        let port = try #require(line.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//).flatMap { UInt16($0.1) })
        #expect(try await fetch(port, "/lesson.html").body.contains("from the executable"))
        try folder.write("lesson.md", lesson(printing: "\"edited\""))
        #expect(try await fetch(port, "/lesson.html") { $0.contains("edited") } != nil)

        // A second preview on the same port: one line naming it, exit status 1.
        let second = try Started(["preview", folder.path, "--port", "\(port)", "--no-cache"])
        second.process.waitUntilExit()
        #expect(second.process.terminationStatus == 1)
        let message = String(decoding: second.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message == "error: cannot serve on 127.0.0.1:\(port): the port is in use (choose another with --port)\n")

        started.process.interrupt()
        started.process.waitUntilExit()
        #expect(started.process.terminationReason == .exit)
        #expect(started.process.terminationStatus == 0)
        #expect(started.firstLine() == "stopped")
    }

    @Test func badPortsAreValidationErrors() {
        #expect(throws: (any Error).self) { try Lectern.parseAsRoot(["preview", "notebooks", "--port", "70000"]) }
        #expect(throws: (any Error).self) { try Lectern.parseAsRoot(["check", "notebooks", "--shard", "5/4"]) }
        #expect(throws: (any Error).self) { try Lectern.parseAsRoot(["check", "notebooks", "--shard", "two"]) }
        #expect(throws: (any Error).self) { try Lectern.parseAsRoot(["check", "notebooks", "--cached", "--verify-cache"]) }
        #expect((try? Lectern.parseAsRoot(["check", "notebooks", "--shard", "2/4"])) != nil)
    }
}
