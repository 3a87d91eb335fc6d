import Testing
@testable import PunchcardStore

@Test func placeholder() throws { #expect(try MemberStore().memberCount() == 0) }
