import Foundation
import LessonDocument
import LessonExecution
import LessonModel
import TestData
import Testing
@testable import LessonCheck

/// The project's own pages in `notebooks/` are its first users: they pass `check`, the shortcut
/// lesson's pages each show a table or chart, together they publish every number the seed
/// notebooks print, and changing any one published number makes `check` fail at that number.
/// Pages that raise their budgets (the chapter's 124M-parameter models: 2–5 s each in a debug
/// build) are checked whole by `lectern check notebooks` (scripts/check-lessons.sh); here each
/// runs once with a number of every output block changed at the same time.
@Suite struct LessonPagesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func pagePaths() throws -> [String] {
        let folder = root.appendingPathComponent("notebooks").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
        return names.map { folder + "/" + $0 }
    }

    /// The pages run here: those that keep the default budgets.
    static func quickPagePaths() throws -> [String] {
        try pagePaths().filter { try load($0).frontMatter.limits.values.isEmpty }
    }

    /// Section 4.4, the shortcut lesson and its variations: each shows a table or chart.
    static let figurePages: Set<String> = [
        "shortcut-connections.md", "layers-in-a-loop.md", "gradient-accumulation.md", "relu-residual.md", "exact-gelu-broadcast.md",
    ]

    static func load(_ path: String) throws -> Document {
        try Document.load(path: path)
    }

    @Test func everyPagePassesCheckAndShowsAFigure() throws {
        let paths = try Self.quickPagePaths()
        #expect(paths.count >= 8)
        var figuresChecked = 0
        for path in paths {
            let document = try Self.load(path)
            let executed = ExecutedDocument.execute(document)
            let result = PageCheck.check(executed, tolerance: PageCheck.tolerance(for: document, relative: nil, absolute: nil, precisionAware: true))
            #expect(result.error == nil, "\(path): \(String(describing: result.error))")
            #expect(result.failedCount == 0 && result.passedCount > 0, "\(path)")
            let figures = executed.outputs.compactMap { $0 }.flatMap(\.figures)
            if Self.figurePages.contains(URL(fileURLWithPath: path).lastPathComponent) {
                #expect(!figures.isEmpty, "\(path) shows no table or chart")
                figuresChecked += 1
            }
        }
        // A renamed page would otherwise drop out of the figure check without a word.
        #expect(figuresChecked == Self.figurePages.count, "figure pages found: \(figuresChecked) of \(Self.figurePages.count)")
    }

    /// Single dollars are inline maths even alone in a paragraph (as in Pandoc, Quarto and
    /// Jupyter): an equation set apart from the prose is meant as a display and needs `$$…$$`.
    @Test func everyEquationSetApartIsWrittenAsADisplay() throws {
        for path in try Self.pagePaths() {
            var inFence = false, paragraph: [Substring] = []
            for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) + [Substring("")] {
                if line.hasPrefix("```") { inFence.toggle(); paragraph = []; continue }
                if inFence { continue }
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { paragraph.append(line); continue }
                let text = paragraph.joined(separator: " ").trimmingCharacters(in: .whitespaces)
                paragraph = []
                let lone = text.count > 2 && text.hasPrefix("$") && text.hasSuffix("$") && !text.hasPrefix("$$")
                    && text.dropFirst().dropLast().allSatisfy { $0 != "$" }
                #expect(!lone, "\(path): \(text) is inline maths alone in its paragraph; write $$…$$ for a display")
            }
        }
    }

    @Test func togetherThePagesPublishEverySeedNumber() throws {
        let published = try Self.publishedSeedNumbers()
        #expect(published.count >= 40)
        var outputText = ""
        for path in try Self.pagePaths() {
            for cell in try Self.load(path).cells { outputText += cell.expectedOutput?.text ?? "" }
        }
        let printedNumbers = Set(outputText.split(whereSeparator: { " \n,()[]:".contains($0) }).map(String.init))
        let missing = published.filter { !printedNumbers.contains($0) }
        #expect(missing.isEmpty, "no page publishes \(missing)")
    }

    @Test func changingAnyPublishedNumberFailsAtItsLocation() throws {
        var perturbed = 0
        for path in try Self.quickPagePaths() {
            let document = try Self.load(path)
            for cell in document.cells {
                guard let expected = cell.expectedOutput,
                      let target = Self.firstLongNumber(in: expected) else { continue }
                // Bump the third significant digit: a change of 1e-3 relative or more, far outside 1e-5.
                var bytes = document.source
                let digit = target.digitOffsets[2]
                bytes[digit] = bytes[digit] == UInt8(ascii: "9") ? UInt8(ascii: "0") : bytes[digit] + 1
                let changed = try Document.parse(path: path, contents: bytes)
                let result = CheckRun.checkPage(changed, options: CheckOptions(jobs: 1))
                #expect(result.failedCount == 1, "\(path): changing \(target.spelling) went unnoticed")
                let locations = result.blocks.flatMap(\.mismatches).map(\.location)
                #expect(locations == [target.location], "\(path): \(target.spelling) reported at \(locations)")
                perturbed += 1
            }
        }
        #expect(perturbed >= 10)
    }

    /// The 124M pages, one run each: the first number of four or more significant digits in each
    /// output block changed at once (their tensors print four decimals, their ids five digits),
    /// and `check` fails at every one of them and nowhere else.
    @Test func changingThe124MPagesNumbersFailsAtEachLocation() throws {
        let paths = try Self.pagePaths().filter { !(try Self.load($0).frontMatter.limits.values.isEmpty) }
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["architecture-overview.md", "generating-text.md", "gpt-model.md"])
        var perturbed = 0
        for path in paths {
            let document = try Self.load(path)
            var bytes = document.source
            var targets: [PublishedNumber] = []
            for cell in document.cells {
                guard let expected = cell.expectedOutput, let target = Self.firstLongNumber(in: expected, digits: 4) else { continue }
                let digit = target.digitOffsets[2]
                bytes[digit] = bytes[digit] == UInt8(ascii: "9") ? UInt8(ascii: "0") : bytes[digit] + 1
                targets.append(target)
            }
            #expect(targets.count >= 2, "\(path): \(targets.count) numbers changed")
            let result = CheckRun.checkPage(try Document.parse(path: path, contents: bytes), options: CheckOptions(jobs: 1))
            #expect(result.error == nil, "\(path): \(String(describing: result.error))")
            #expect(result.failedCount == targets.count, "\(path): \(result.failedCount) of \(targets.count) changed numbers noticed")
            let locations = result.blocks.flatMap(\.mismatches).map(\.location)
            #expect(locations == targets.map(\.location), "\(path): reported at \(locations), changed \(targets.map(\.spelling))")
            perturbed += targets.count
        }
        #expect(perturbed >= 10)
    }

    /// A published number with at least `digits` significant digits, where it stands in the page.
    struct PublishedNumber {
        var spelling: String
        var location: LessonModel.SourceLocation
        /// Byte offsets in the page of its significant digits.
        var digitOffsets: [Int]
    }

    static func firstLongNumber(in expected: ExpectedOutput, digits: Int = 6) -> PublishedNumber? {
        var lineStart = expected.textByteRange.lowerBound
        for (lineIndex, line) in expected.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for token in OutputTokenizer.tokens(in: line) {
                guard case .number(let number) = token else { continue }
                let bytes = Array(number.spelling.utf8)
                var significant: [Int] = []
                var leading = true
                for (i, byte) in bytes.enumerated() where (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                    if leading && byte == UInt8(ascii: "0") { continue }
                    leading = false
                    significant.append(lineStart + number.offset + i)
                }
                guard significant.count >= digits, !number.spelling.contains("e") else { continue }
                let location = LessonModel.SourceLocation(
                    file: expected.textLocation.file, line: expected.textLocation.line + lineIndex,
                    column: expected.textLocation.column + number.offset)
                return PublishedNumber(spelling: number.spelling, location: location, digitOffsets: significant)
            }
            lineStart += line.utf8.count + 1
        }
        return nil
    }

    /// Every number the seed notebooks print, spelled as in `scenarios.json` (Python's shortest
    /// round-trip digits, which Swift's `Double.description` spells the same way). Read from the
    /// text: Foundation's JSON parser on Linux can round a 17-digit decimal to a neighbour.
    static func publishedSeedNumbers() throws -> [String] {
        let json = try String(contentsOf: TestData.reference("scenarios.json"), encoding: .utf8)
        var numbers: [String] = []
        for section in json.split(separator: "\"published\": {").dropFirst() {
            let body = section.prefix { $0 != "}" }
            numbers += body.matches(of: /-?\d+\.\d+(?:e-?\d+)?/).map { String($0.output) }
        }
        return numbers
    }
}
