import Testing
@testable import PunchcardMarkdown

@Test func placeholder() { #expect(Markdown().html("*a*").contains("<em>a</em>")) }
