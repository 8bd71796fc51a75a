import Testing
@testable import LessonDocument

@Test func moduleLinks() { #expect(Bool(true)) }
