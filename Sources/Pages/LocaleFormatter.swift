import Foundation
import PunchcardCalendars
import PunchcardStatements
import PunchcardSupport

/// Numbers and dates for one locale, with the locale's own digits and calendar (Persian digits and
/// the Solar Hijri calendar for fa-IR, Arabic-Indic digits and Umm al-Qura for ar-SA).
///
/// Foundation's formatters are expensive to make and not thread-safe: make one per locale per
/// rendering thread and keep it.
public final class LocaleFormatter {
    public let localeIdentifier: String
    public let isRightToLeft: Bool
    private let numbers: NumberFormatter
    private let signed: NumberFormatter
    /// The same as `numbers` and `signed` for whole numbers, faster (nil: use the formatters).
    private let integers: IntegerFormat?
    private let signedIntegers: IntegerFormat?
    private let integersNeedNoEscaping: Bool
    private let percent: NumberFormatter
    private let longDates: DateFormatter
    private let periodPattern: String?
    private var currencyFormatters: [String: (formatter: NumberFormatter, fast: MoneyFormat?)] = [:]
    /// The locale's ten digits, as its formatter writes them (for `MoneyFormat`).
    private lazy var localDigits: [String] = (0...9).compactMap { numbers.string(from: NSNumber(value: $0)) }
    /// Percentages by whole percent: a statement shows a couple, and the formatter is slow.
    private var percentCache: [Int: String] = [:]
    private var fixedFormatters: [String: NumberFormatter] = [:]
    private var monthFormatters: [BillingCalendar: DateFormatter] = [:]
    private var shortMonthFormatters: [BillingCalendar: DateFormatter] = [:]
    /// Month names by period: every statement names the same twelve or so.
    private var periodNames: [Period: String] = [:]
    private var shortMonthNames: [Period: String] = [:]
    private var numberCache: [Int: String] = [:]
    private var dateCache: [CalendarDate: String] = [:]
    private var dateSlots: [String?] = []
    private var dateSlotsBase: Int?
    /// About 45 years of days around the first date formatted.
    private static let dateSlotCount = 16_384

    /// - Parameter periodPattern: how to name a billing month (a date pattern such as `LLLL y`,
    ///   from the string table's `period_format`); by default the locale's own month-and-year form.
    public init(locale identifier: String, periodPattern: String? = nil) {
        localeIdentifier = identifier
        self.periodPattern = periodPattern?.isEmpty == false ? periodPattern : nil
        isRightToLeft = LocaleTag.isRightToLeft(identifier)
        let locale = Locale(identifier: identifier)
        numbers = NumberFormatter()
        numbers.locale = locale
        numbers.numberStyle = .decimal
        signed = NumberFormatter()
        signed.locale = locale
        signed.numberStyle = .decimal
        signed.positivePrefix = signed.plusSign + signed.positivePrefix
        // One minus sign on every page: U+2212 (what the statement's own lines write), never the
        // hyphen-minus some locales use (en-US, ar-SA), keeping the locale's direction marks.
        for formatter in [numbers, signed] {
            formatter.negativePrefix = Self.trueMinus(formatter.negativePrefix)
            formatter.minusSign = Self.trueMinus(formatter.minusSign)
        }
        integers = IntegerFormat(numbers)
        signedIntegers = IntegerFormat(signed, digitsFrom: numbers)
        integersNeedNoEscaping = integers?.needsNoEscaping ?? false
        percent = NumberFormatter()
        percent.locale = locale
        percent.numberStyle = .percent
        longDates = DateFormatter()
        longDates.locale = locale
        longDates.calendar = locale.calendar
        longDates.timeZone = TimeZone(identifier: "UTC")
        longDates.dateStyle = .long
        longDates.timeStyle = .none
    }

    /// `text` with the hyphen-minus made a minus sign.
    static func trueMinus(_ text: String?) -> String {
        (text ?? "-").replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// `1,234` / `۱٬۲۳۴` / `١٬٢٣٤`.
    public func number(_ value: Int) -> String {
        if let integers { return integers.string(value) }
        if let cached = numberCache[value] { return cached }
        let text = numbers.string(from: NSNumber(value: value)) ?? String(value)
        if numberCache.count < 4096 { numberCache[value] = text }
        return text
    }

    /// `number(value)` HTML-escaped, appended to `text` (for tables of numbers, without a String each).
    public func appendEscapedNumber(_ value: Int, to text: inout ByteText) {
        if let integers, integersNeedNoEscaping {
            text.appendBytes { integers.append(value, to: &$0) }
        } else {
            text.append(number(value).htmlEscaped)
        }
    }

    /// With an explicit sign: `+120`, `−500`.
    public func signedNumber(_ value: Int) -> String {
        if value == 0 { return number(0) }
        if let signedIntegers { return signedIntegers.string(value) }
        return signed.string(from: NSNumber(value: value)) ?? String(value)
    }

    /// `42%` for 0.42.
    public func percentage(_ fraction: Double) -> String {
        // Rounded as the formatter rounds: the fraction times 100 in floating point (0.575 → 57.4999…),
        // then half to even from that number's shortest decimal form; then formatted once per percent.
        if let whole = RoundedDecimal(fraction * 100, places: 0), !whole.negative, whole.integer.count <= 3 {
            var percentage = 0
            for digit in whole.integer { percentage = percentage * 10 + Int(digit) }
            if let known = percentCache[percentage] { return known }
            let text = percent.string(from: NSNumber(value: Double(percentage) / 100)) ?? "\(percentage)%"
            percentCache[percentage] = text
            return text
        }
        return percent.string(from: NSNumber(value: fraction)) ?? "\(Int(fraction * 100))%"
    }

    /// A sum of money in `code` (ISO 4217), as the locale writes money: `$51.62`, `۵۱٫۶۲ دلار`,
    /// `٥١٫٦٢ دولار`, `33,210 rials`. Nil when `amount` is not a number.
    /// - Parameter symbol: the program's own name for the currency in this language (`currency_symbol`).
    ///   A name written in words (`دلار`, `rials`, `تومان`) follows the number, as every one of our
    ///   languages writes a currency word; a sign (`$`, `€`) or a code (`USD`) goes where the locale's
    ///   pattern puts it. Currencies without minor units in practice (IRR, JPY, …) get no decimals.
    public func money(_ amount: Double, currency code: String, symbol: String? = nil) -> String? {
        guard amount.isFinite else { return nil }
        let key = "\(code)\u{0}\(symbol ?? "")"
        let made: (formatter: NumberFormatter, fast: MoneyFormat?)
        if let known = currencyFormatters[key] {
            made = known
        } else {
            let formatter = NumberFormatter()
            formatter.locale = Locale(identifier: localeIdentifier)
            formatter.numberStyle = .currency
            formatter.currencyCode = code
            let places = Self.wholeUnitCurrencies.contains(code) ? 0 : formatter.maximumFractionDigits
            formatter.minimumFractionDigits = places
            formatter.maximumFractionDigits = places
            formatter.negativePrefix = Self.trueMinus(formatter.negativePrefix)
            if let symbol, !symbol.isEmpty {
                formatter.currencySymbol = symbol
                if Self.isWord(symbol) {
                    // The number in the locale's digits, then a no-break space and the word.
                    formatter.positivePrefix = ""
                    formatter.negativePrefix = numbers.minusSign
                    formatter.positiveSuffix = "\u{00A0}" + symbol
                    formatter.negativeSuffix = "\u{00A0}" + symbol
                }
            }
            made = (formatter, MoneyFormat(formatter, digits: localDigits))
            currencyFormatters[key] = made
        }
        return made.fast?.string(amount) ?? made.formatter.string(from: NSNumber(value: amount))
    }

    /// A program's amount (kept in its currency) as its members read it: in tomans when it shows them.
    public func money(_ amount: Double, program: Program, language: String) -> String? {
        money(program.shownAmount(amount), currency: program.currency, symbol: program.currencySymbol?.text(in: language))
    }

    /// A currency name written in words rather than a sign or an ISO code: it has a lowercase letter
    /// or a letter of a script without case (Arabic, Persian).
    static func isWord(_ symbol: String) -> Bool {
        symbol.unicodeScalars.contains { $0.properties.isAlphabetic && !$0.properties.isUppercase }
    }

    /// Currencies written without minor units in practice (CLDR's digits="0"): no one writes
    /// 33.21 rials.
    static let wholeUnitCurrencies: Set<String> = [
        "AFN", "ALL", "BIF", "CLP", "DJF", "GNF", "IQD", "IRR", "ISK", "JPY", "KMF", "KPW", "KRW", "LAK", "LBP",
        "MGA", "MMK", "PYG", "RSD", "RWF", "SLE", "SLL", "SOS", "SYP", "UGX", "UYI", "VND", "VUV", "XAF", "XOF",
        "XPF", "YER",
    ]

    /// A decimal with exactly `places` decimal places, in the locale's digits: `12.50`, `۱۲٫۵۰`.
    public func decimal(_ value: Decimal, places: Int) -> String {
        fixed(.decimal, places: places).string(from: NSDecimalNumber(decimal: value)) ?? "\(value)"
    }

    /// A percentage given in hundreds (`90.5` → `90.5%`, `۹۰٫۵٪`), with one decimal place.
    public func percent(_ hundreds: Decimal) -> String {
        fixed(.percent, places: 1).string(from: NSDecimalNumber(decimal: hundreds / 100)) ?? "\(hundreds)%"
    }

    /// A formatter of `style` with exactly `places` decimal places, made once.
    private func fixed(_ style: NumberFormatter.Style, places: Int) -> NumberFormatter {
        let key = "\(style.rawValue) \(places)"
        if let known = fixedFormatters[key] { return known }
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: localeIdentifier)
        formatter.numberStyle = style
        formatter.minimumFractionDigits = places
        formatter.maximumFractionDigits = places
        formatter.negativePrefix = Self.trueMinus(formatter.negativePrefix)
        fixedFormatters[key] = formatter
        return formatter
    }

    /// A sum of money given exactly, as `money(_:currency:symbol:)` writes it.
    public func money(_ amount: Decimal, currency code: String, symbol: String? = nil) -> String? {
        money(NSDecimalNumber(decimal: amount).doubleValue, currency: code, symbol: symbol)
    }

    /// A program's amount given exactly, as `money(_:program:language:)` writes it.
    public func money(_ amount: Decimal, program: Program, language: String) -> String? {
        money(NSDecimalNumber(decimal: amount).doubleValue, program: program, language: language)
    }

    /// A billing period's month, abbreviated, for a chart's axis: `Oct`, `آبان`, `أكتوبر`.
    public func shortMonthName(_ period: Period) -> String {
        monthName(period, names: &shortMonthNames, formatters: &shortMonthFormatters) { $0.setLocalizedDateFormatFromTemplate("MMM") }
    }

    /// A billing period by its month, in the billing calendar and the locale's language and digits:
    /// `October 2026`, `آبان ۱۴۰۵`, `Aban 1405`, `اکتبر ۲۰۲۶`.
    public func periodName(_ period: Period) -> String {
        monthName(period, names: &periodNames, formatters: &monthFormatters) { [periodPattern] formatter in
            if let periodPattern { formatter.dateFormat = periodPattern } else { formatter.setLocalizedDateFormatFromTemplate("yMMMM") }
        }
    }

    /// A period's month in the billing calendar, with one formatter per calendar and the names kept:
    /// every statement names the same twelve or so months.
    private func monthName(_ period: Period, names: inout [Period: String], formatters: inout [BillingCalendar: DateFormatter],
                           pattern: (DateFormatter) -> Void) -> String {
        if let known = names[period] { return known }
        let formatter: DateFormatter
        if let known = formatters[period.calendar] {
            formatter = known
        } else {
            formatter = DateFormatter()
            formatter.locale = Locale(identifier: localeIdentifier)
            formatter.calendar = period.calendar.foundationCalendar
            formatter.timeZone = TimeZone(identifier: "UTC")
            pattern(formatter)
            formatters[period.calendar] = formatter
        }
        // The middle of the month: clear of any edge.
        let name = formatter.string(from: period.start.adding(days: 14).instant)
        if names.count < 4096 { names[period] = name }
        return name
    }

    /// A day in the locale's calendar, long style: `November 30, 2026` / `۹ آذر ۱۴۰۵`.
    public func date(_ day: CalendarDate) -> String {
        // Days near the first one asked for are kept in an array indexed by day (a statement names
        // a dozen; hashing each date was 2 % of a build); others in a dictionary.
        let days = day.daysSinceEpoch
        if dateSlotsBase == nil { dateSlotsBase = days - Self.dateSlotCount / 2 }
        let slot = days - (dateSlotsBase ?? 0)
        if slot >= 0, slot < Self.dateSlotCount {
            if dateSlots.isEmpty { dateSlots = Array(repeating: nil, count: Self.dateSlotCount) }
            if let known = dateSlots[slot] { return known }
            let text = longDates.string(from: Date(timeIntervalSince1970: TimeInterval(days) * 86_400))
            dateSlots[slot] = text
            return text
        }
        if let cached = dateCache[day] { return cached }
        let text = longDates.string(from: Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch) * 86_400))
        if dateCache.count < 8192 { dateCache[day] = text }
        return text
    }
}
