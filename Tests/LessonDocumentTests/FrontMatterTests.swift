#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LessonDocument
import LessonModel
import Testing

@Suite struct FrontMatterTests {
    @Test func readsTitleAndTolerance() throws {
        let document = try parsePage("---\ntitle: Shortcut connections\ntolerance: 1e-5\n---\n\n# Heading\n")
        #expect(document.frontMatter.title == "Shortcut connections")
        #expect(document.frontMatter.tolerance == 1e-5)
        #expect(document.text(document.frontMatter.byteRange) == "---\ntitle: Shortcut connections\ntolerance: 1e-5\n---\n")
        #expect(document.proseBlocks.first?.location == at(6, 1))
        #expect(document.diagnostics.isEmpty)
    }

    @Test func noFrontMatter() throws {
        let document = try parsePage("# Heading\n")
        #expect(document.frontMatter.title == nil)
        #expect(document.frontMatter.tolerance == nil)
        #expect(document.frontMatter.byteRange == 0..<0)
    }

    @Test func emptyFrontMatterAndDotsClosing() throws {
        let document = try parsePage("---\n...\ntext\n")
        #expect(document.frontMatter.byteRange == 0..<8)
        #expect(document.proseBlocks.first?.markdown == "text\n")
    }

    @Test func cellLinesCountFromThePageTop() throws {
        let document = try parsePage("---\ntitle: T\n---\n```swift\nprint(1)\n```\n")
        #expect(document.cells.first?.codeLocation == at(5, 1))
    }

    @Test func unknownKeyIsALocatedWarning() throws {
        let document = try parsePage("---\ntitle: T\n  \nauthor: Someone\n---\n")
        #expect(document.frontMatter.title == "T")
        let warning = try #require(document.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.location == at(4, 1))
        #expect(warning.message.contains("'author'"))
    }

    @Test func nonNumericToleranceIsALocatedError() {
        let error = parseFailure("---\ntitle: T\ntolerance: tight\n---\n")
        #expect(error?.severity == .error)
        #expect(error?.location == at(3, 12))
        #expect(error?.message.contains("tolerance") == true)
    }

    @Test func readsLimits() throws {
        let document = try parsePage("---\nlimits:\n  time: 60\n  memory: 4_000_000_000\n  figures: 3\n---\n")
        #expect(document.frontMatter.limits == LimitSettings([.time: 60, .memory: 4_000_000_000, .figures: 3]))
        #expect(document.diagnostics.isEmpty)
    }

    @Test func badLimitsAreLocatedErrors() {
        let unknown = parseFailure("---\nlimits:\n  tim: 60\n---\n")
        #expect(unknown?.location == at(3, 3))
        #expect(unknown?.message == "unknown limit 'tim' (known limits: time, steps, tensor-elements, memory, output, figures)")
        let negative = parseFailure("---\nlimits:\n  steps: -5\n---\n")
        #expect(negative?.location == at(3, 10))
        #expect(negative?.message == "limit 'steps' must be a positive whole number, not '-5'")
        #expect(parseFailure("---\nlimits: 60\n---\n")?.message == "'limits' must be 'name: value' lines such as 'time: 60'")
    }

    @Test func negativeToleranceIsAnError() {
        #expect(parseFailure("---\ntolerance: -1\n---\n")?.location == at(2, 12))
    }

    @Test func badYAMLIsALocatedError() {
        let error = parseFailure("---\ntitle: [unclosed\n---\n")
        #expect(error?.severity == .error)
        #expect(error?.location?.line == 3)
        #expect(error?.message.contains("YAML") == true)
    }

    @Test func frontMatterThatIsNotAMappingIsAnError() {
        #expect(parseFailure("---\n- a\n- b\n---\n")?.location == at(2, 1))
    }

    @Test func unclosedFrontMatterIsAnError() {
        #expect(parseFailure("---\ntitle: T\n\n# Heading\n")?.location == at(1, 1))
    }

    @Test func yamlColumnsBecomeByteColumns() throws {
        // Yams counts columns in Unicode scalars; pages count UTF-8 bytes.
        let document = try parsePage("---\n{é: 1, x: 2}\n---\n")
        #expect(document.diagnostics.map(\.location) == [at(2, 2), at(2, 9)])
    }

    @Test func crlfFrontMatter() throws {
        let document = try parsePage("---\r\ntitle: T\r\nextra: 1\r\n---\r\nBody\r\n")
        #expect(document.frontMatter.title == "T")
        #expect(document.diagnostics.map(\.location) == [at(3, 1)])
        #expect(document.proseBlocks.first?.location == at(5, 1))
    }
}

@Suite struct LoadPageTests {
    @Test func missingFileIsOneClearError() {
        let error = try? #require(throws: Diagnostic.self) { try Document.load(path: "/nonexistent/lesson.md") }
        #expect(error?.description == "error: cannot read page /nonexistent/lesson.md: No such file or directory")
    }

    @Test func folderIsOneClearError() {
        let error = try? #require(throws: Diagnostic.self) { try Document.load(path: "/tmp") }
        #expect(error?.description == "error: cannot read page /tmp: it is a folder")
    }

    @Test func loadsAPageFromDisk() throws {
        let path = "/tmp/lectern-load-test-\(UInt32.random(in: 0...UInt32.max)).md"
        let contents = "---\ntitle: On disk\n---\n```swift\nprint(1)\n```\n"
        let file = try #require(fopen(path, "w"))
        fputs(contents, file)
        fclose(file)
        defer { remove(path) }
        let document = try Document.load(path: path)
        #expect(document.frontMatter.title == "On disk")
        #expect(document.cells.first?.codeLocation == at(5, 1, path))
    }
}
