import LessonDocument
import LessonModel
import Testing

@Suite struct CellParsingTests {
    let page = """
        # Shortcuts

        Some *prose*.

        ```swift
        let a = 1
        print(a)
        ```

        ```output
        1
        ```

        More prose.

        ```swift
        print(2)
        ```

        """

    @Test func splitsProseCellsAndOutputsInPageOrder() throws {
        let document = try parsePage(page)
        #expect(document.blocks.count == 4)
        let cells = document.cells
        #expect(cells.map(\.index) == [0, 1])
        #expect(cells.map(\.code) == ["let a = 1\nprint(a)\n", "print(2)\n"])
        #expect(cells[0].expectedOutput?.text == "1\n")
        #expect(cells[1].expectedOutput == nil)
        #expect(document.proseBlocks.map(\.markdown) == ["# Shortcuts\n\nSome *prose*.\n", "More prose.\n"])
        #expect(document.diagnostics.isEmpty)
    }

    @Test func locatesCodeAndOutputInThePage() throws {
        let document = try parsePage(page)
        let cells = document.cells
        #expect(cells[0].codeLocation == at(6, 1))
        #expect(cells[0].expectedOutput?.textLocation == at(11, 1))
        #expect(cells[1].codeLocation == at(17, 1))
        #expect(document.proseBlocks.map(\.location) == [at(1, 1), at(14, 1)])
    }

    @Test func byteRangesCoverExactlyTheirBlocks() throws {
        let document = try parsePage(page)
        let cell = document.cells[0]
        #expect(document.text(cell.byteRange) == "```swift\nlet a = 1\nprint(a)\n```\n")
        let output = try #require(cell.expectedOutput)
        #expect(document.text(output.byteRange) == "```output\n1\n```\n")
        #expect(document.text(output.textByteRange) == "1\n")
        #expect(output.fence == "```")
        for prose in document.proseBlocks {
            #expect(document.text(prose.byteRange) == prose.markdown)
        }
    }

    @Test func readsEveryCellOption() throws {
        let document = try parsePage("""
            ```swift hidden
            a
            ```
            ```swift norun error
            b
            ```
            ```swift
            c
            ```

            """)
        #expect(document.cells.map(\.options) == [[.hidden], [.norun, .error], []])
        #expect(document.diagnostics.isEmpty)
    }

    @Test func warnsAtAnUnknownOptionWord() throws {
        let document = try parsePage("text\n\n```swift hiden\nprint(1)\n```\n")
        #expect(document.cells.first?.options == [])
        #expect(document.diagnostics.count == 1)
        let warning = try #require(document.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.location == at(3, 10))
        #expect(warning.message.contains("'hiden'"))
    }

    @Test func otherLanguagesStayProse() throws {
        let document = try parsePage("```python\nprint(1)\n```\n\n```\nplain\n```\n")
        #expect(document.cells.isEmpty)
        #expect(document.proseBlocks.count == 1)
    }

    @Test func swiftFenceInsideAListIsAnExampleNotACell() throws {
        let document = try parsePage("- item\n\n  ```swift\n  print(1)\n  ```\n")
        #expect(document.cells.isEmpty)
    }

    @Test func emptyCellAndEmptyOutput() throws {
        let document = try parsePage("```swift\n```\n```output\n```\n")
        let cell = try #require(document.cells.first)
        #expect(cell.code == "")
        #expect(cell.codeLocation == at(2, 1))
        let output = try #require(cell.expectedOutput)
        #expect(output.text == "")
        // An empty output block's text range is the empty range at its closing fence: bless inserts there.
        #expect(output.textByteRange == 23..<23)
        #expect(document.text(output.byteRange) == "```output\n```\n")
    }

    @Test func indentedAndTildeFences() throws {
        let document = try parsePage("  ~~~~ swift\n  let x = 1\n   print(x)\n  ~~~~\n\n ~~~ output\n 1\n ~~~\n")
        let cell = try #require(document.cells.first)
        // cmark-gfm removes the fence's indentation from each content line.
        #expect(cell.code == "let x = 1\n print(x)\n")
        #expect(cell.codeLocation == at(2, 3))
        let output = try #require(cell.expectedOutput)
        #expect(output.fence == " ~~~")
        #expect(output.text == "1\n")
        #expect(output.textLocation == at(7, 2))
        #expect(document.text(output.textByteRange) == " 1\n")
    }

    @Test func longerFencesMayHoldShorterOnes() throws {
        let document = try parsePage("````swift\nlet s = \"\"\"\n```\n\"\"\"\n````\n")
        #expect(document.cells.first?.code == "let s = \"\"\"\n```\n\"\"\"\n")
    }

    @Test func crlfPagesKeepByteRangesAndNormaliseText() throws {
        let document = try parsePage("Intro\r\n\r\n```swift\r\nprint(1)\r\n```\r\n\r\n```output\r\n1\r\n2\r\n```\r\nEnd\r\n")
        let cell = try #require(document.cells.first)
        #expect(cell.code == "print(1)\n")
        #expect(cell.codeLocation == at(4, 1))
        let output = try #require(cell.expectedOutput)
        #expect(output.text == "1\n2\n")
        #expect(output.textLocation == at(8, 1))
        #expect(document.text(output.textByteRange) == "1\r\n2\r\n")
        #expect(document.text(cell.byteRange) == "```swift\r\nprint(1)\r\n```\r\n")
        #expect(document.proseBlocks.map(\.markdown) == ["Intro\r\n", "End\r\n"])
    }

    @Test func lastLineWithoutNewline() throws {
        let document = try parsePage("```swift\nprint(1)\n```\n```output\n1\n```")
        let output = try #require(document.cells.first?.expectedOutput)
        #expect(document.text(output.byteRange) == "```output\n1\n```")
        #expect(document.text(output.textByteRange) == "1\n")
    }

    @Test func unclosedFenceRunsToTheEndWithAWarning() throws {
        let document = try parsePage("```swift\nprint(1)\nprint(2)")
        let cell = try #require(document.cells.first)
        #expect(cell.code == "print(1)\nprint(2)\n")
        #expect(document.text(cell.byteRange) == "```swift\nprint(1)\nprint(2)")
        #expect(document.diagnostics.map(\.location) == [at(1, 1)])
        #expect(document.diagnostics.first?.severity == .warning)
    }

    @Test func columnsCountUTF8Bytes() throws {
        let document = try parsePage("é\n\n```swift bogus\n```\n")
        #expect(document.diagnostics.first?.location == at(3, 10))
        #expect(document.proseBlocks.first?.markdown == "é\n")
    }

    @Test func invalidUTF8IsALocatedError() {
        let diagnostic = try? #require(throws: Diagnostic.self) {
            try Document.parse(path: "bad.md", contents: Array("ok\nab".utf8) + [0xFF, 0x0A])
        }
        #expect(diagnostic?.location == at(2, 3, "bad.md"))
        #expect(diagnostic?.severity == .error)
    }
}
