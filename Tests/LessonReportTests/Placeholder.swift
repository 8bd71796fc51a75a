import Testing
@testable import LessonReport

@Test func moduleLinks() { #expect(Bool(true)) }
