import Foundation
@testable import PunchcardPages
import PunchcardStatements
import PunchcardSupport
import Testing

/// Money and percentages are written without NumberFormatter on the hot path (`MoneyFormat`,
/// `RoundedDecimal`): they must write exactly what the formatter writes, rounding included.
@Suite struct NumberFormatTests {
    static let locales = ["en-US", "fa-IR", "ar-SA", "de-DE", "en-IN", "fr-FR"]

    func reference(_ style: NumberFormatter.Style, locale: String, currency: String? = nil) -> NumberFormatter {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.numberStyle = style
        if let currency {
            formatter.currencyCode = currency
            // As LocaleFormatter.money sets it up: no minor units where none are used, U+2212.
            let places = LocaleFormatter.wholeUnitCurrencies.contains(currency) ? 0 : formatter.maximumFractionDigits
            formatter.minimumFractionDigits = places
            formatter.maximumFractionDigits = places
            formatter.negativePrefix = LocaleFormatter.trueMinus(formatter.negativePrefix)
        }
        return formatter
    }

    @Test(arguments: locales)
    func moneyIsWhatTheFormatterWrites(locale: String) {
        var generator = SystemRandomNumberGenerator()
        let formatter = LocaleFormatter(locale: locale)
        for currency in ["USD", "EUR", "IRR", "JPY", "KWD", "SAR"] {
            let expected = reference(.currency, locale: locale, currency: currency)
            var amounts: [Double] = [0, 0.005, 0.015, 0.025, 2.675, 1.005, 999.995, 1e12 + 0.5, -0.004, -12.5, 123456.785]
            for _ in 0..<300 {
                let cents = Int.random(in: -10_000_000...10_000_000, using: &generator)
                let places = Int.random(in: 0...3, using: &generator)
                amounts.append(Double("\(cents / 1000).\(String(format: "%03d", abs(cents % 1000)).prefix(places))") ?? 0)
            }
            for amount in amounts {
                #expect(formatter.money(amount, currency: currency) == expected.string(from: NSNumber(value: amount)),
                        "\(locale) \(currency) \(amount)")
            }
        }
    }

    /// The fast path is taken where it should be (else the test above would compare the formatter with itself).
    @Test func moneyHasAFastPathForTheSitesLanguages() {
        for locale in ["en-US", "fa-IR", "ar-SA"] {
            let digits = (0...9).compactMap { reference(.decimal, locale: locale).string(from: NSNumber(value: $0)) }
            #expect(MoneyFormat(reference(.currency, locale: locale, currency: "USD"), digits: digits) != nil, "\(locale)")
            // With the program's own name for the currency (the example's currency_symbol).
            for symbol in ["$", "دلار", "دولار"] {
                let formatter = reference(.currency, locale: locale, currency: "USD")
                formatter.currencySymbol = symbol
                if LocaleFormatter.isWord(symbol) {
                    formatter.positivePrefix = ""
                    formatter.negativePrefix = LocaleFormatter(locale: locale).number(-1).replacingOccurrences(of: digits[1], with: "")
                    formatter.positiveSuffix = "\u{00A0}" + symbol
                    formatter.negativeSuffix = "\u{00A0}" + symbol
                }
                #expect(MoneyFormat(formatter, digits: digits) != nil, "\(locale) \(symbol)")
                let fast = LocaleFormatter(locale: locale)
                for amount in [0, 1, 12.5, 1234.567, 0.995, -42.25, 1e7 + 0.5] {
                    #expect(fast.money(amount, currency: "USD", symbol: symbol) == formatter.string(from: NSNumber(value: amount)))
                }
            }
        }
    }

    /// Money as each language writes it: a currency word after the number, a sign where the
    /// locale puts it, no decimals for rials, tomans when the program shows them.
    @Test func moneyReadsAsEachLanguageWritesIt() throws {
        func money(_ amount: Double, _ locale: String, _ code: String, _ symbol: String?) -> String? {
            LocaleFormatter(locale: locale).money(amount, currency: code, symbol: symbol)
        }
        #expect(money(312.47, "en-US", "USD", "$") == "$312.47")
        #expect(money(312.47, "fa-IR", "USD", "دلار") == "۳۱۲٫۴۷\u{00A0}دلار")
        #expect(money(312.47, "ar-SA", "USD", "دولار") == "٣١٢٫٤٧\u{00A0}دولار")
        #expect(money(-5, "en-US", "USD", "dollars") == "\u{2212}5.00\u{00A0}dollars")
        // Rials have no minor units in practice, in any language.
        #expect(money(3_321_000.4, "fa-IR", "IRR", "ریال") == "۳٬۳۲۱٬۰۰۰\u{00A0}ریال")
        #expect(money(33.21, "en-US", "IRR", "rials") == "33\u{00A0}rials")
        #expect(money(33.21, "en-US", "IRR", nil)?.contains(".") == false)
        #expect(money(1500, "en-US", "JPY", nil)?.hasSuffix("1,500") == true)
        // The word always follows the number: never "دلار ۳۱۲".
        for (locale, word) in [("fa-IR", "دلار"), ("ar-SA", "دولار"), ("en-US", "rials")] {
            let text = try #require(money(312, locale, "USD", word))
            #expect(text.hasSuffix(word) && !text.hasPrefix(word), "\(locale) \(text)")
        }
        // Tomans: the program keeps rials and shows a tenth of them.
        var program = try Program.parse("""
            name: X
            base_url: https://x.example
            languages: [fa-IR, en-US]
            currency: IRR
            show_in_tomans: true
            currency_symbol: {fa-IR: تومان, en-US: tomans}
            tiers: [{name: Bronze, threshold: 0}]
            expiry: {months: 12}
            referral: {link: "https://x.example/{code}"}
            """, file: "p.yml")
        #expect(LocaleFormatter(locale: "fa-IR").money(Double(5_162_000), program: program, language: "fa-IR") == "۵۱۶٬۲۰۰\u{00A0}تومان")
        #expect(LocaleFormatter(locale: "en-US").money(Double(5_162_000), program: program, language: "en-US") == "516,200\u{00A0}tomans")
        program.showsTomans = false
        #expect(LocaleFormatter(locale: "en-US").money(Double(5_162_000), program: program, language: "en-US") == "5,162,000\u{00A0}tomans")
        // Tomans of another currency are refused, naming the key.
        #expect(throws: Diagnostic.self) {
            _ = try Program.parse("name: X\nbase_url: https://x.example\nlanguages: [en]\ncurrency: USD\nshow_in_tomans: true\n"
                + "tiers: [{name: Bronze, threshold: 0}]\nexpiry: {months: 12}\nreferral: {link: \"https://x.example/{code}\"}\n",
                file: "p.yml")
        }
    }

    /// Negative numbers carry U+2212 in every language, as the statement's own lines do.
    @Test(arguments: ["en-US", "fa-IR", "ar-SA"])
    func oneMinusSign(locale: String) {
        let formatter = LocaleFormatter(locale: locale)
        for text in [formatter.number(-1234), formatter.signedNumber(-5), formatter.money(Double(-3), currency: "USD", symbol: "$") ?? ""] {
            #expect(text.contains("\u{2212}") && !text.contains("-"), "\(locale) \(text)")
        }
        #expect(formatter.signedNumber(0) == formatter.number(0))
    }

    @Test(arguments: locales)
    func percentagesAreWhatTheFormatterWrites(locale: String) {
        let formatter = LocaleFormatter(locale: locale)
        let expected = reference(.percent, locale: locale)
        var fractions: [Double] = [0, 1, 0.005, 0.125, 0.355, 0.285, 0.145, 0.995, 0.5, 1e-7, 0.0049999, 0.575, 0.585, 0.565, 14375.0 / 25000]
        for numerator in 0...300 { fractions.append(Double(numerator) / 301) }
        for threshold in [500, 1_000, 2_500, 25_000, 7] { for points in 0...threshold where points % 3 == 0 { fractions.append(Double(points) / Double(threshold)) } }
        for fraction in fractions {
            #expect(formatter.percentage(fraction) == expected.string(from: NSNumber(value: fraction)), "\(locale) \(fraction)")
        }
    }
}
