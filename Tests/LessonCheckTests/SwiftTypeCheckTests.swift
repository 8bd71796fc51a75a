import Foundation
import LessonCheck
import LessonDocument
import TestData
import Testing

/// Cells are Swift: each page's cells, joined into one program, type-check with `swiftc` against
/// the `NetworkEngine` and `GPTTokenizer` modules and `CellPrelude` (the figure API), so a page
/// can move into a real Swift project and the cells' API cannot drift from the library's.
@Suite struct SwiftTypeCheckTests {
    struct Page: Sendable {
        var name: String
        var program: String
    }

    static func pages() throws -> [Page] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
        let folder = root.appendingPathComponent("notebooks")
        var texts: [(String, String)] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".md") {
            texts.append(("notebooks/" + file, try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)))
        }
        let starter = NSTemporaryDirectory() + "lectern-typecheck-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: starter) }
        let path = try StarterPage.create(name: "starter", folder: starter)
        texts.append(("lectern new's starter page", try String(contentsOfFile: path, encoding: .utf8)))
        return try texts.map { name, text in
            let document = try Document.parse(path: name, contents: Array(text.utf8))
            // A cell marked `error` fails on purpose; a `norun` cell is not run.
            let cells = document.cells.filter { $0.options.isDisjoint(with: [.error, .norun]) }
            let imports = "import Foundation\nimport NetworkEngine\nimport GPTTokenizer\nimport CellPrelude\n"
            return Page(name: name, program: imports + cells.map(\.code).joined(separator: "\n"))
        }
    }

    /// The folder holding the built modules: beside the test bundle, or the package's debug build.
    static func modulesFolder() -> String? {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first { $0.contains(".xctest") } ?? Bundle.main.bundlePath)
        var candidates = [bundle.deletingLastPathComponent().appendingPathComponent("Modules").path]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
        candidates.append(root.appendingPathComponent(".build/debug/Modules").path)
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/NetworkEngine.swiftmodule") }
    }

    static func swiftc() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/opt/swift/usr/bin", "/usr/bin"]
        return folders.map { $0 + "/swiftc" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// swiftc's errors for one program (`file:line:col: error: message` lines, the message only).
    static func typeCheck(_ program: String, swiftc: String, modules: String) throws -> [String] {
        let file = NSTemporaryDirectory() + "lectern-typecheck-" + UUID().uuidString + ".swift"
        try program.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: swiftc)
        // The C modules the engine's module imports sit beside it (`*.build/module.modulemap`).
        let build = URL(fileURLWithPath: modules).deletingLastPathComponent()
        var arguments = ["-typecheck", "-I", modules, file]
        for target in ["NetworkKernels"] {
            let map = build.appendingPathComponent("\(target).build/module.modulemap").path
            if FileManager.default.fileExists(atPath: map) { arguments += ["-Xcc", "-fmodule-map-file=" + map] }
        }
        process.arguments = arguments
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(file), let range = line.range(of: ": error: ") else { return nil }
            let position = line[line.index(line.startIndex, offsetBy: file.count)..<range.lowerBound]
            return "line \(position.dropFirst()): " + line[range.upperBound...]
        } + (process.terminationStatus != 0 && !text.contains(": error: ") ? ["swiftc failed: \(text)"] : [])
    }

    /// On CI the type check must run, never be skipped.
    static let onCI = TestData.onCI

    /// A machine without swiftc skips the type check visibly; on CI a missing swiftc fails.
    static let canRun = swiftc() != nil || onCI

    /// The compiler and the built modules, or the failure that says which is missing.
    static func toolchain() throws -> (swiftc: String, modules: String) {
        let compiler = try #require(Self.swiftc(), "swiftc was not found on PATH or in /opt/swift/usr/bin")
        let folder = try #require(Self.modulesFolder(), "the built NetworkEngine module was not found; run 'swift build --build-tests' first")
        return (compiler, folder)
    }

    @Test(.enabled(if: SwiftTypeCheckTests.canRun, "swiftc was not found on PATH or in /opt/swift/usr/bin (CI fails instead)"))
    func everyPageTypeChecksAsSwift() throws {
        let (swiftc, modules) = try SwiftTypeCheckTests.toolchain()
        let pages = try SwiftTypeCheckTests.pages()
        #expect(pages.count >= 2)
        // One swiftc per page, all at once (each is mostly waiting on the module loads).
        let results = Results(count: pages.count)
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
            results.set(i, Result { try SwiftTypeCheckTests.typeCheck(pages[i].program, swiftc: swiftc, modules: modules) })
        }
        for (page, result) in zip(pages, results.all) {
            // Cells let a throwing call go without `try` (an engine error stops the cell either
            // way); a page does not: every error swiftc reports, a missing `try` included, fails.
            for error in try result.get() {
                Issue.record("\(page.name) is not valid Swift: \(error)")
            }
        }
    }

    /// The test can fail: a cell API the library does not have is an error.
    @Test(.enabled(if: SwiftTypeCheckTests.canRun, "swiftc was not found on PATH or in /opt/swift/usr/bin (CI fails instead)"))
    func aCallTheLibraryLacksIsFound() throws {
        let (swiftc, modules) = try SwiftTypeCheckTests.toolchain()
        let errors = try SwiftTypeCheckTests.typeCheck("import NetworkEngine\nlet x = Tensor.zeros(2)\nprint(x.summ())", swiftc: swiftc, modules: modules)
        #expect(errors == ["line 3:9: value of type 'Tensor' has no member 'summ'"])
    }

    /// A module called without `try` is an error a page must not have.
    @Test(.enabled(if: SwiftTypeCheckTests.canRun, "swiftc was not found on PATH or in /opt/swift/usr/bin (CI fails instead)"))
    func aMissingTryIsFound() throws {
        let (swiftc, modules) = try SwiftTypeCheckTests.toolchain()
        let program = "import NetworkEngine\nlet layer = Linear(2, 1)\nlet y = layer(Tensor.zeros(1, 2))\n"
        let errors = try SwiftTypeCheckTests.typeCheck(program, swiftc: swiftc, modules: modules)
        #expect(errors == ["line 3:9: call can throw but is not marked with 'try'"])
    }
}

private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<[String], any Error>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<[String], any Error>) { lock.withLock { values[i] = value } }
    var all: [Result<[String], any Error>] { lock.withLock { values.map { $0! } } }
}
