import Foundation
import PunchcardCalendars
import PunchcardLocalization
import PunchcardSupport
import PunchcardTheme

/// What `punchcard init` asks: the program's name, languages, calendar, currency and address, and
/// whether to add generated members. Each is checked where it is given, naming its flag.
public struct StarterChoices: Sendable, Equatable {
    /// nil: the default name in each language.
    public var name: String?
    /// Language tags, the default first.
    public var languages: [String]
    public var calendar: BillingCalendar.Kind
    /// ISO 4217.
    public var currency: String
    /// With a trailing slash.
    public var baseURL: String
    public var example: Bool

    public init(name: String? = nil, languages: [String] = ["en-US"], calendar: BillingCalendar.Kind = .gregorian,
                currency: String = "USD", baseURL: String = "https://rewards.example/", example: Bool = false) {
        self.name = name
        self.languages = languages
        self.calendar = calendar
        self.currency = currency
        self.baseURL = baseURL
        self.example = example
    }

    /// The languages Punchcard ships string tables for (the built-in theme's `i18n/`).
    public static var shippedLanguages: [String] {
        DefaultTheme.paths.filter { $0.hasPrefix("i18n/") && $0.hasSuffix(".yml") }
            .map { String($0.dropFirst("i18n/".count).dropLast(".yml".count)) }
    }

    /// A problem with one choice: `--languages: "de-DE": …`.
    public struct Problem: Error, Sendable, CustomStringConvertible, Equatable {
        public let flag: String
        public let message: String
        public var description: String { "\(flag): \(message)" }

        public init(flag: String, message: String) {
            self.flag = flag
            self.message = message
        }
    }

    /// `fa-IR,en-US` (commas or spaces).
    public static func languages(_ text: String) throws(Problem) -> [String] {
        let tags = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !tags.isEmpty else { throw Problem(flag: "--languages", message: "name at least one language, such as en-US or fa-IR,en-US") }
        var seen = Set<String>()
        for tag in tags {
            guard LocaleTag.isWellFormed(tag), Language.isValid(tag) else {
                throw Problem(flag: "--languages", message: "\(Diagnostic.quote(tag)) is not a language tag (such as en-US, fa-IR, ar-SA)")
            }
            let code = Language.code(of: tag)
            guard shippedLanguages.contains(code) else {
                throw Problem(flag: "--languages", message: "\(Diagnostic.quote(tag)): Punchcard ships words for " +
                              shippedLanguages.joined(separator: ", ") + " only; start with those and add templates/i18n/\(code).yml later")
            }
            guard seen.insert(code).inserted else {
                throw Problem(flag: "--languages", message: "\(Diagnostic.quote(tag)): a second tag for the language \(code)")
            }
        }
        return tags
    }

    /// The program's name as members read it: one line of text, up to 200 characters.
    public static func name(_ text: String) throws(Problem) -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw Problem(flag: "--name", message: "the program needs a name") }
        guard name.count <= 200 else { throw Problem(flag: "--name", message: "\(name.count) characters; at most 200") }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
                                                     || $0.properties.generalCategory == .lineSeparator || $0.properties.generalCategory == .paragraphSeparator }) else {
            throw Problem(flag: "--name", message: "\(Diagnostic.quote(name)) holds a line break or another control character; give the name on one line")
        }
        return name
    }

    public static func calendar(_ text: String) throws(Problem) -> BillingCalendar.Kind {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let kind = BillingCalendar.Kind(rawValue: name) { return kind }
        if ["umm-al-qura", "umalqura", "hijri", "islamic"].contains(name) { return .islamicUmmAlQura }
        if ["solar-hijri", "jalali", "shamsi"].contains(name) { return .persian }
        throw Problem(flag: "--calendar", message: "\(Diagnostic.quote(text)) is not a calendar Punchcard bills on: " +
                      BillingCalendar.Kind.allCases.map(\.rawValue).joined(separator: ", "))
    }

    public static func currency(_ text: String) throws(Problem) -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }), Locale.commonISOCurrencyCodes.contains(code) else {
            throw Problem(flag: "--currency", message: "\(Diagnostic.quote(text)) is not an ISO 4217 currency code (such as USD, EUR, IRR, SAR)")
        }
        return code
    }

    public static func baseURL(_ text: String) throws(Problem) -> String {
        var address = text.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil else {
            throw Problem(flag: "--base-url", message: "\(Diagnostic.quote(text)) is not an http(s) address such as https://rewards.example/")
        }
        if !address.hasSuffix("/") { address += "/" }
        return address
    }

    /// What a site in `languages` would most likely choose: the Persian calendar and rials for a
    /// Persian program, riyals for an Arabic one, dollars otherwise.
    public static func defaults(for languages: [String]) -> (calendar: BillingCalendar.Kind, currency: String) {
        let first = languages.first ?? "en-US"
        switch Language.code(of: first) {
        case "fa": return (.persian, "IRR")
        case "ar":
            let region = first.split(separator: "-").dropFirst().first.map(String.init)?.uppercased()
            let byRegion = ["SA": "SAR", "AE": "AED", "EG": "EGP", "QA": "QAR", "KW": "KWD", "BH": "BHD", "OM": "OMR",
                            "JO": "JOD", "IQ": "IQD", "MA": "MAD", "LB": "LBP", "TN": "TND", "DZ": "DZD"]
            return (.gregorian, region.flatMap { byRegion[$0] } ?? "SAR")
        default: return (.gregorian, "USD")
        }
    }
}
