import Testing
@testable import PunchcardStatements

@Test func placeholder() { #expect(Period("2026-11") != nil) }
