import Testing
import PunchcardMarkdown

@Suite struct MarkdownTests {
    @Test func rendersCommonMark() {
        let html = Markdown().html("# Earn\n\nSpend *more*, earn **more**.\n\n- one\n- two\n")
        #expect(html.contains("<h1>Earn</h1>"))
        #expect(html.contains("<em>more</em>"))
        #expect(html.contains("<strong>more</strong>"))
        #expect(html.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"))
    }

    @Test func rawHTMLIsOmittedByDefault() {
        let html = Markdown().html("Hello <script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>\n")
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<div"))
        #expect(html.contains("raw HTML omitted"))
        #expect(html.contains("Hello"))
    }

    @Test func dangerousLinksAreNeutralised() {
        let html = Markdown().html("[click](javascript:alert(1)) ![x](data:text/html;base64,AAAA)")
        #expect(!html.contains("javascript:"))
        #expect(html.contains("href=\"\""))
    }

    @Test func textIsEscaped() {
        let html = Markdown().html("5 < 6 & \"quotes\"")
        #expect(html.contains("5 &lt; 6 &amp;"))
    }

    @Test func operatorsCanOptInToRawHTML() {
        let markdown = Markdown(options: .init(allowRawHTML: true))
        let html = markdown.html("<div class=\"note\">Kept</div>\n\n[x](javascript:void(0))")
        #expect(html.contains("<div class=\"note\">Kept</div>"))
        #expect(html.contains("javascript:void(0)"))
    }

    @Test func smartPunctuation() {
        let html = Markdown().html("\"Double\" and 'single' -- and --- and...")
        #expect(html.contains("\u{201C}Double\u{201D}"))
        #expect(html.contains("\u{2018}single\u{2019}"))
        #expect(html.contains("\u{2013}"))
        #expect(html.contains("\u{2014}"))
        #expect(html.contains("\u{2026}"))
        let plain = Markdown(options: .init(smartPunctuation: false)).html("\"Double\" -- x")
        #expect(plain.contains("&quot;Double&quot; -- x"))
    }

    @Test func rightToLeftTextAndEmojiPassThrough() {
        let html = Markdown().html("امتیازهای شما ۱۲۳ 🎉 **طلایی**")
        #expect(html == "<p>امتیازهای شما ۱۲۳ 🎉 <strong>طلایی</strong></p>\n")
    }

    @Test func inlineHTMLDropsTheParagraph() {
        #expect(Markdown().inlineHTML("Free *coffee*") == "Free <em>coffee</em>")
        #expect(Markdown().inlineHTML("one\n\ntwo") == "<p>one</p>\n<p>two</p>")
        #expect(Markdown().html("") == "")
    }
}
