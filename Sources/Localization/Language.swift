import Foundation
import PunchcardSupport

/// Language tags as members, programs and string tables use them.
public enum Language {
    /// The primary language subtag, lowercased: what translations are keyed by (`fa` for `fa-IR`).
    public static func code(of tag: String) -> String {
        LocaleTag.language(of: tag)
    }

    /// Whether `tag` is a BCP 47 tag whose language is an ISO 639 language and whose region, if
    /// any, is an ISO 3166 region: `fa-IR`, `ar`, `fr-CA`, `zh-Hant-TW`; not `Persian`, `fa_IR`, `xx`.
    public static func isValid(_ tag: String) -> Bool {
        guard LocaleTag.isWellFormed(tag) else { return false }
        let subtags = tag.split(separator: "-")
        guard let language = subtags.first, (2...3).contains(language.count) else { return false }
        guard Locale.LanguageCode(String(language)).isISOLanguage else { return false }
        for subtag in subtags.dropFirst() where subtag.count == 2 || (subtag.count == 3 && subtag.allSatisfy(\.isNumber)) {
            guard Locale.Region(String(subtag)).isISORegion else { return false }
        }
        return true
    }

    /// The language's name in itself, for a language switcher: English, فارسی, العربية.
    public static func nativeName(of tag: String) -> String {
        let code = code(of: tag)
        let name = Locale(identifier: code).localizedString(forLanguageCode: code) ?? tag
        // Languages written in a script with case start with a capital in a menu.
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    public static func isRightToLeft(_ tag: String) -> Bool { LocaleTag.isRightToLeft(tag) }

    public static func direction(of tag: String) -> String { isRightToLeft(tag) ? "rtl" : "ltr" }
}
