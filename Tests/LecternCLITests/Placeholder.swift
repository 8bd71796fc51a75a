import Testing
@testable import LecternCLI

@Test func moduleLinks() { #expect(Bool(true)) }
