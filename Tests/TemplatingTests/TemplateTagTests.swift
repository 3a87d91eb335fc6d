import Testing
import PunchcardTemplating

@Suite struct TemplateTagTests {
    /// Columns count characters from the line's start, tag after tag on one line and on the next.
    @Test func tagsKnowTheirLineAndColumn() {
        let tags = TemplateTag.scan("ای {{a}} é {{#b}}\n  {{c}}{{/b}}\n{{=<% %>=}} <%d%>")
        #expect(tags.map(\.name) == ["a", "b", "c", "b", "<% %>=", "d"])
        #expect(tags.map(\.line) == [1, 1, 2, 2, 3, 3])
        #expect(tags.map(\.column) == [4, 12, 3, 8, 1, 13])
    }
}
