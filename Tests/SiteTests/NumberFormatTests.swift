import Foundation
@testable import PunchcardPages
import Testing

/// Money and percentages are written without NumberFormatter on the hot path (`MoneyFormat`,
/// `RoundedDecimal`): they must write exactly what the formatter writes, rounding included.
@Suite struct NumberFormatTests {
    static let locales = ["en-US", "fa-IR", "ar-SA", "de-DE", "en-IN", "fr-FR"]

    func reference(_ style: NumberFormatter.Style, locale: String, currency: String? = nil) -> NumberFormatter {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.numberStyle = style
        if let currency { formatter.currencyCode = currency }
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
                #expect(MoneyFormat(formatter, digits: digits) != nil, "\(locale) \(symbol)")
                let fast = LocaleFormatter(locale: locale)
                for amount in [0, 1, 12.5, 1234.567, 0.995, -42.25, 1e7 + 0.5] {
                    #expect(fast.money(amount, currency: "USD", symbol: symbol) == formatter.string(from: NSNumber(value: amount)))
                }
            }
        }
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
