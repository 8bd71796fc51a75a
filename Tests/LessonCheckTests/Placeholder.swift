import Testing
@testable import LessonCheck

@Test func moduleLinks() { #expect(Bool(true)) }
