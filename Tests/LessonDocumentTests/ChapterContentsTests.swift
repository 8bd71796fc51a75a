import Foundation
import LessonDocument
import LessonModel
import Testing

/// `_toc.yml`: the chapter's order and numbers, and a located error for each kind of mistake.
@Suite struct ChapterContentsTests {
    /// A folder with the named pages, removed afterwards.
    final class Folder {
        let path: String

        init(pages: [String]) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-toc-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for page in pages { try Data("# \(page)\n".utf8).write(to: URL(fileURLWithPath: path + "/" + page)) }
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func parse(_ yaml: String) -> (contents: ChapterContents?, diagnostics: [Diagnostic]) {
            ChapterContents.parse(Array(yaml.utf8), path: "_toc.yml", folder: path)
        }
    }

    func at(_ line: Int, _ column: Int) -> LessonModel.SourceLocation { LessonModel.SourceLocation(file: "_toc.yml", line: line, column: column) }

    @Test func listsPagesInOrderWithNumbersAndNesting() throws {
        let folder = try Folder(pages: ["a.md", "b.md", "c.md", "d.md"])
        let (contents, diagnostics) = folder.parse("""
            chapter: 4
            title: A chapter
            sections:
              - file: b.md
                number: 4.4
                sections:
                  - a
                  - file: d.md
              - c.md
            """)
        #expect(diagnostics.isEmpty)
        let entries = try #require(contents).entries
        #expect(entries.map(\.path) == ["b.md", "a.md", "d.md", "c.md"].map { folder.path + "/" + $0 })
        #expect(entries.map(\.number) == ["4.4", "4.4.1", "4.4.2", "4.5"])
        #expect(entries.map(\.depth) == [0, 1, 1, 0])
        #expect(contents?.title == "A chapter")
        #expect(contents?.chapter == 4)
    }

    @Test func withoutAChapterNumberNothingIsNumbered() throws {
        let folder = try Folder(pages: ["a.md"])
        let (contents, diagnostics) = folder.parse("sections:\n  - a.md\n")
        #expect(diagnostics.isEmpty)
        #expect(contents?.entries.map(\.number) == [nil])
    }

    @Test func aListedPageThatDoesNotExistIsLocated() throws {
        let folder = try Folder(pages: ["a.md"])
        let (contents, diagnostics) = folder.parse("sections:\n  - a.md\n  - file: missing.md\n")
        #expect(contents == nil)
        #expect(diagnostics == [.error("'missing.md' is listed, but there is no page \(folder.path)/missing.md", at: at(3, 11))])
    }

    @Test func aPageListedTwiceIsLocatedAtItsSecondListing() throws {
        let folder = try Folder(pages: ["a.md", "b.md"])
        let (contents, diagnostics) = folder.parse("sections:\n  - a.md\n  - file: b\n    sections:\n      - a\n")
        #expect(contents == nil)
        #expect(diagnostics == [.error("'a' is listed twice (first at line 2); a page has one place in the chapter", at: at(5, 9))])
    }

    @Test(arguments: [
        ("chapter: four\nsections:\n  - a.md\n", "'chapter' must be the chapter's number, a whole number such as 4, not 'four'", 1, 10),
        ("chapter: 4\nsections:\n  - file: a.md\n    number: 4.x\n",
         "'4.x' is not a section number such as 4.4 (whole numbers from 1, joined by dots)", 4, 13),
        ("chapter: 4\nsections:\n  - file: a.md\n    number: 5.1\n",
         "'5.1' cannot be numbered in chapter 4, where it is listed: number it 4.N", 4, 13),
        ("chapter: 4\nsections:\n  - file: a.md\n    number: 4.4\n  - file: b.md\n    number: 4.3\n",
         "'4.3' does not come after 4.4, listed before it: numbers rise in the order the pages are listed", 6, 13),
        ("chapter: 4\nsections:\n  - file: a.md\n    sections:\n      - file: b.md\n        number: 4.2.1\n",
         "'4.2.1' cannot be numbered in section 4.1, where it is listed: number it 4.1.N", 6, 17),
        ("sections:\n  - file: a.md\n    number: 4.4\n",
         "a section number needs the chapter's number: add 'chapter: 4' at the top of the contents", 3, 13),
    ])
    func aBadNumberIsLocated(yaml: String, message: String, line: Int, column: Int) throws {
        let folder = try Folder(pages: ["a.md", "b.md"])
        let (contents, diagnostics) = folder.parse(yaml)
        #expect(contents == nil)
        #expect(diagnostics == [.error(message, at: at(line, column))])
    }

    @Test func aPathOutsideTheFolderIsRefused() throws {
        let folder = try Folder(pages: ["a.md"])
        let (_, diagnostics) = folder.parse("sections:\n  - ../a.md\n")
        #expect(diagnostics == [.error("'../a.md' must name a page inside \(folder.path) by its path from there", at: at(2, 5))])
    }

    @Test func unknownKeysAreWarningsAndEmptyContentsAnError() throws {
        let folder = try Folder(pages: ["a.md"])
        let (contents, diagnostics) = folder.parse("chapters: 4\nsections:\n  - file: a.md\n    numbr: 4.1\n")
        #expect(contents?.entries.count == 1)
        #expect(diagnostics.map(\.severity) == [.warning, .warning])
        #expect(diagnostics.map(\.location) == [at(1, 1), at(4, 5)])
        let (none, problems) = folder.parse("title: T\n")
        #expect(none == nil)
        #expect(problems.first?.message.hasPrefix("the contents list no pages") == true)
    }

    @Test func invalidYAMLIsLocated() throws {
        let folder = try Folder(pages: ["a.md"])
        let (contents, diagnostics) = folder.parse("sections:\n  - a.md\n  bad: [\n")
        #expect(contents == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.hasPrefix("the contents are not valid YAML") == true)
        #expect((diagnostics.first?.location?.line ?? 0) >= 3)
    }

    @Test func yamlColumnsBecomeByteColumnsAsInFrontMatter() throws {
        // The same conversion as front matter's (`yamlColumnsBecomeByteColumns`), from line 1.
        let folder = try Folder(pages: ["a.md"])
        let (_, diagnostics) = folder.parse("{title: \"é\", chapter: zz, sections: [a.md]}\n")
        #expect(diagnostics.map(\.location) == [at(1, 24)])
    }

    @Test func aFolderWithoutContentsHasNone() throws {
        let folder = try Folder(pages: ["a.md"])
        let (contents, diagnostics) = ChapterContents.load(folder: folder.path)
        #expect(contents == nil)
        #expect(diagnostics.isEmpty)
    }
}
