import Testing
@testable import LessonCells

@Test func moduleLinks() { #expect(Bool(true)) }
