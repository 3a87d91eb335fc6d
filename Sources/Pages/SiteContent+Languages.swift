import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

/// Which language each page speaks, and where each language's public site is.
extension SiteContent {
    public var defaultLanguage: String { program.defaultLocale }

    /// The language a member's pages speak: their locale when the theme has words for it (a
    /// string table for the tag or its language), otherwise the program's first language.
    public func pageLocale(for memberLocale: String?) -> String {
        guard let memberLocale, strings.table(for: memberLocale) != nil else { return defaultLanguage }
        return memberLocale
    }

    /// The program language whose public site a page in `locale` links to: the same language, or
    /// the default site when the program is not published in it.
    public func siteLanguage(for locale: String) -> String {
        let code = Language.code(of: locale)
        return program.languages.first { Language.code(of: $0) == code } ?? defaultLanguage
    }

    /// The folder of a language's public site below the root: `""` for the default, `fa/` for Persian.
    public func sitePrefix(for language: String) -> String {
        let code = Language.code(of: language)
        return code == Language.code(of: defaultLanguage) ? "" : code + "/"
    }

    /// The theme's words for a page in `locale`, missing keys taken from the default language's table.
    public func words(for locale: String) -> Words {
        Words(locale: locale, table: strings.table(for: locale), fallback: strings.table(for: defaultLanguage))
    }

    /// A page as readers of `language` see it: its translation, or the original.
    public func page(_ page: ContentPage, in language: String) -> ContentPage {
        pageTranslations[page.slug]?[Language.code(of: language)] ?? page
    }

    /// The introduction of the tiers page for readers of `language`.
    public func tiersIntro(in language: String) -> ContentPage? {
        tiersIntro[Language.code(of: language)] ?? tiersIntro[Language.code(of: defaultLanguage)]
    }
}
