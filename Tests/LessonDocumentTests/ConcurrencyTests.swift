import LessonDocument
import Testing

@Suite struct ConcurrencyTests {
    /// `check` parses pages on several threads; each parse must see every GFM extension.
    @Test func pagesParsedOnManyThreadsAgree() async throws {
        let page = "| a | b |\n| - | - |\n| 1 | 2 |\n\nSee www.example.org.\n\n```swift hidden\nprint(1)\n```\n```output\n1\n```\n"
        let expected = try parsePage(page)
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<25).map { _ in
                        let document = try? parsePage(page)
                        return "\(document?.proseBlocks.map(\.markdown) ?? []) \(document?.cells.map(\.code) ?? []) \(document?.cells.first?.expectedOutput?.textByteRange ?? 0..<0)"
                    }
                }
            }
            var all: [String] = []
            for await batch in group { all += batch }
            return all
        }
        let reference = "\(expected.proseBlocks.map(\.markdown)) \(expected.cells.map(\.code)) \(expected.cells.first?.expectedOutput?.textByteRange ?? 0..<0)"
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0 == reference })
    }
}
