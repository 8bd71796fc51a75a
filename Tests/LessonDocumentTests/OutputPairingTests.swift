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

    @Test func outputBlocksTakeTheirOwnTolerance() throws {
        let document = try parsePage("```swift\nprint(1)\n```\n```output  atol=1e-7\trtol=0.001\n1\n```\n")
        let output = try #require(document.cells.first?.expectedOutput)
        #expect(output.absoluteTolerance == 1e-7 && output.relativeTolerance == 1e-3)
        #expect(output.text == "1\n" && document.diagnostics.isEmpty)
        let plain = try parsePage("```swift\nprint(1)\n```\n```output\n1\n```\n")
        #expect(plain.cells.first?.expectedOutput?.absoluteTolerance == nil && plain.cells.first?.expectedOutput?.relativeTolerance == nil)
    }

    @Test func malformedOutputOptionsAreLocatedErrors() {
        func failure(_ info: String) -> Diagnostic? {
            parseFailure("Intro\n\n```swift\nprint(1)\n```\n\n  ```output \(info)\n1\n  ```\n")
        }
        // The info string is on line 7 after two spaces of indent; "```output " is 10 bytes.
        #expect(failure("atol=abc")?.location == at(7, 18))
        #expect(failure("atol=abc")?.message == "'atol' must be a non-negative number such as 1e-7, not 'abc'")
        #expect(failure("atol=-1")?.location == at(7, 18))
        #expect(failure("rtol=")?.location == at(7, 18))
        #expect(failure("rtol=inf")?.message == "'rtol' must be a non-negative number such as 1e-7, not 'inf'")
        #expect(failure("atol=1e-7 tol=1")?.location == at(7, 23))
        #expect(failure("atol=1e-7 tol=1")?.message == "unknown output block option 'tol' (known options: atol, rtol)")
        #expect(failure("text")?.location == at(7, 13))
        #expect(failure("atol=1 atol=2")?.location == at(7, 20))
        #expect(failure("atol=1e-7 rtol=0") == nil)
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
