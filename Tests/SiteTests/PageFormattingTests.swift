import Foundation
import Testing
import PunchcardTemplating
@testable import PunchcardPages
import PunchcardSupport

/// The page-level text helpers that statements lean on: numbers in the locale's digits, escaping.
@Suite struct PageFormattingTests {
    static let locales = ["en-US", "fa-IR", "ar-SA", "ar-EG", "de-DE", "fr-FR", "hi-IN", "ja-JP", "ur-PK", "he-IL"]

    @Test(arguments: locales)
    func wholeNumbersAreWrittenExactlyAsNumberFormatterWritesThem(locale: String) {
        let formatter = LocaleFormatter(locale: locale)
        let reference = NumberFormatter()
        reference.locale = Locale(identifier: locale)
        reference.numberStyle = .decimal
        // Pages write U+2212 for minus in every language (LocaleFormatter.trueMinus).
        reference.negativePrefix = LocaleFormatter.trueMinus(reference.negativePrefix)
        reference.minusSign = LocaleFormatter.trueMinus(reference.minusSign)
        var generator = SystemRandomNumberGenerator()
        let values = [0, 1, -1, 999, 1_000, -1_000, 10_000_000, Int.max, Int.min + 1]
            + (0..<300).map { _ in Int.random(in: -2_000_000_000...2_000_000_000, using: &generator) }
            + (0..<100).map { _ in Int.random(in: -99_999...99_999, using: &generator) }
        for value in values {
            #expect(formatter.number(value) == reference.string(from: NSNumber(value: value)), "\(locale) \(value)")
        }
        #expect(formatter.signedNumber(1234).hasSuffix(formatter.number(1234)))
        #expect(formatter.signedNumber(-1234) == formatter.number(-1234))
    }

    @Test func theProgramsLanguagesTakeTheFastPath() {
        // Persian and Arabic digits with their own separators, and English, need no NumberFormatter call.
        for locale in ["en-US", "fa-IR", "ar-SA"] {
            let numbers = NumberFormatter()
            numbers.locale = Locale(identifier: locale)
            numbers.numberStyle = .decimal
            #expect(IntegerFormat(numbers) != nil, "\(locale)")
            // Signed numbers (an activity row's points) too: the signed formatter writes "+1", so
            // its digits are learnt from the plain one; every value is checked against it.
            let signed = NumberFormatter()
            signed.locale = Locale(identifier: locale)
            signed.numberStyle = .decimal
            signed.positivePrefix = signed.plusSign + signed.positivePrefix
            signed.negativePrefix = LocaleFormatter.trueMinus(signed.negativePrefix)
            let fast = IntegerFormat(signed, digitsFrom: numbers)
            #expect(fast != nil, "\(locale)")
            for value in [1, 7, -7, 1234, -1234, 1_000_000, -987_654_321] {
                #expect(fast?.string(value) == signed.string(from: NSNumber(value: value)), "\(locale) \(value)")
                #expect(LocaleFormatter(locale: locale).signedNumber(value) == signed.string(from: NSNumber(value: value)))
            }
        }
        // Indian grouping (12,34,567) is not the simple pattern: the formatter is used instead.
        let indian = NumberFormatter()
        indian.locale = Locale(identifier: "hi-IN")
        indian.numberStyle = .decimal
        if indian.secondaryGroupingSize == 2 { #expect(IntegerFormat(indian) == nil) }
        #expect(LocaleFormatter(locale: "fa-IR").number(1_234_567) == "۱٬۲۳۴٬۵۶۷")
        #expect(LocaleFormatter(locale: "ar-SA").number(-1234).contains("١٬٢٣٤"))
    }

    @Test func escapingWorksOnBytesSoACombiningMarkCannotHideAQuote() {
        // `"` followed by U+0301 is one Character; the browser still reads a quote that ends the attribute.
        let hostile = "x\"\u{301} onmouseover='alert(1)' <b>&"
        #expect(hostile.htmlEscaped == "x&quot;\u{301} onmouseover=&#39;alert(1)&#39; &lt;b&gt;&amp;")
        #expect("آبان ۱۴۰۵ — Gold".htmlEscaped == "آبان ۱۴۰۵ — Gold")
        #expect("".htmlEscaped == "")
    }

    @Test func templatesEscapeValuesTheSameWay() throws {
        let page = PublicPage()
        page.heading = "a\"\u{301} b='c' <d>"
        let template = try TypedTemplate<PublicPage>("<p title=\"{{heading}}\">{{heading}}</p>{{{heading}}}", file: "templates/page.mustache")
        #expect(template.render(page)
            == "<p title=\"a&quot;\u{301} b=&#39;c&#39; &lt;d&gt;\">a&quot;\u{301} b=&#39;c&#39; &lt;d&gt;</p>" + page.heading)
    }
}

@Suite struct IndentationTests {
    @Test func linesLoseTheirIndentationButKeepTheirBreaks() {
        #expect(Indentation.removed(from: "<ul>\n    <li>a</li>\n\t\t<li>b</li>\n  </ul>\n") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n")
        #expect(Indentation.removed(from: "") == "")
        #expect(Indentation.removed(from: "  x") == "x")
    }

    @Test func whitespaceThatIsContentIsLeftAlone() {
        for text in ["<pre>\n  code\n</pre>", "<TEXTAREA>\n  a</TEXTAREA>", "<p style=\"white-space: pre\">\n  a</p>", "<script>\n  let a = `\n  x`</script>"] {
            #expect(Indentation.removed(from: text) == text)
        }
    }
}
