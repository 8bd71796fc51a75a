import Testing
@testable import NetworkEngine

@Test func moduleLinks() { #expect(Bool(true)) }
