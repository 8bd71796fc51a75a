import LessonDocument
import LessonModel
import Testing

@Suite struct OutputPairingTests {
    @Test func outputAfterProseIsAWarningAndStaysProse() throws {
        let document = try parsePage("```swift\nprint(1)\n```\n\nSee:\n\n```output\n1\n```\n")
        #expect(document.cells.first?.expectedOutput == nil)
        #expect(document.proseBlocks.map(\.markdown) == ["See:\n\n```output\n1\n```\n"])
        #expect(document.diagnostics.map(\.location) == [at(7, 1)])
        #expect(document.diagnostics.first?.severity == .warning)
    }

    @Test func outputWithoutAnyCellIsAWarning() throws {
        let document = try parsePage("# Title\n\n   ```output\n   1\n   ```\n")
        #expect(document.cells.isEmpty)
        #expect(document.diagnostics.map(\.location) == [at(3, 4)])
    }

    @Test func secondOutputBlockIsAWarning() throws {
        let document = try parsePage("```swift\nprint(1)\n```\n```output\n1\n```\n\n```output\n1\n```\n")
        #expect(document.cells.first?.expectedOutput?.text == "1\n")
        #expect(document.diagnostics.map(\.location) == [at(8, 1)])
    }

    @Test func blankLinesMayHoldSpaces() throws {
        let document = try parsePage("```swift\nprint(1)\n```\n  \n\t\n```output\n1\n```\n")
        #expect(document.cells.first?.expectedOutput?.textLocation == at(7, 1))
        #expect(document.proseBlocks.isEmpty)
    }

    @Test func outputOptionsAreIgnoredWithAWarning() throws {
        let document = try parsePage("```swift\nprint(1)\n```\n```output text\n1\n```\n")
        #expect(document.cells.first?.expectedOutput != nil)
        #expect(document.diagnostics.map(\.location) == [at(4, 11)])
    }

    @Test func cellsDirectlyAfterCellsEachGetTheirOwnOutput() throws {
        let document = try parsePage("""
            ```swift
            print(1)
            ```
            ```output
            1
            ```
            ```swift
            print(2)
            ```
            ```output
            2
            ```

            """)
        #expect(document.cells.map { $0.expectedOutput?.text } == ["1\n", "2\n"])
        #expect(document.proseBlocks.isEmpty)
    }
}
