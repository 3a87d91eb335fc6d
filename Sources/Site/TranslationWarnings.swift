import PunchcardLocalization
import PunchcardPages
import PunchcardStatements
import PunchcardSupport

/// What a build shows untranslated: program texts, pages, offers and theme words without a
/// translation into one of the program's languages, members whose locale the site cannot speak,
/// and ledger descriptions without a translation. One line per kind and language, with counts,
/// never one per member; `build --strict` makes them an error.
public enum TranslationWarnings {
    /// Gaps in the program, the content and the string tables.
    public static func content(_ content: SiteContent) -> [String] {
        let program = content.program
        let defaultLanguage = program.defaultLocale
        var warnings: [String] = []
        let defaultTable = content.strings.table(for: defaultLanguage)
        for language in program.languages.dropFirst() {
            let code = Language.code(of: language)
            var texts: [String] = []
            func check(_ text: LocalizedText?, _ name: String) {
                guard let text, !text.defaultText.isEmpty, !text.isTranslated(to: language) else { return }
                texts.append(name)
            }
            check(program.name, "name")
            check(program.pointsName, "points_name")
            for tier in program.tiers {
                check(tier.title, "tiers[\(tier.name)].name")
                check(tier.benefits, "tiers[\(tier.name)].benefits")
            }
            check(program.referral.text, "referral.text")
            if !texts.isEmpty {
                warnings.append("content/program.yml: \(count(texts.count, "text")) without a \(code) translation " +
                                "(\(list(texts))): shown in \(defaultLanguage)")
            }
            var files: [String] = []
            for page in content.pages where content.pageTranslations[page.slug]?[code] == nil { files.append(page.source) }
            if let intro = content.tiersIntro[Language.code(of: defaultLanguage)], content.tiersIntro[code] == nil {
                files.append(intro.source)
            }
            for offer in content.offers where offer.translations[code] == nil { files.append(offer.source) }
            if !files.isEmpty {
                warnings.append("content: \(count(files.count, "page")) without a \(code) translation " +
                                "(\(list(files.map { translationFile(of: $0, language: code) }))): shown in \(defaultLanguage)")
            }
            if let table = content.strings.table(for: language) {
                let missing = Set(defaultTable?.entries.keys.map { $0 } ?? []).subtracting(table.entries.keys).sorted()
                if !missing.isEmpty {
                    warnings.append("\(table.file): \(count(missing.count, "word")) missing (\(list(missing))): shown in \(defaultLanguage)")
                }
            } else {
                warnings.append("templates/i18n/\(code).yml is missing: \(language) pages use the theme's \(defaultLanguage) words")
            }
        }
        return warnings
    }

    /// Members whose locale the site does not speak. An old store may hold thousands of odd
    /// locales: the first few by name, then a count.
    public static func members(_ byLocale: [(locale: String?, count: Int)], content: SiteContent) -> [String] {
        let defaultLanguage = content.defaultLanguage
        let programCodes = Set(content.program.languages.map(Language.code(of:)))
        var warnings: [String] = []
        var unshown = (locales: 0, members: 0)
        for (locale, members) in byLocale {
            guard let locale, !locale.isEmpty else { continue }
            let code = Language.code(of: locale)
            let warning: String
            if !Language.isValid(locale) {
                warning = "\(count(members, "member")) with locale \(Diagnostic.quote(locale)), not a language tag: " +
                    "shown in \(defaultLanguage); correct members.csv and import it again"
            } else if content.pageLocale(for: locale) == defaultLanguage && code != Language.code(of: defaultLanguage) {
                warning = "\(count(members, "member")) in \(locale): shown in \(defaultLanguage); add templates/i18n/\(code).yml"
            } else if !programCodes.contains(code) {
                warning = "\(count(members, "member")) in \(locale): the theme's words in \(code), the program's texts in " +
                    "\(defaultLanguage); add \(code) to languages in content/program.yml"
            } else {
                continue
            }
            if warnings.count < 10 {
                warnings.append(warning)
            } else {
                unshown.locales += 1
                unshown.members += members
            }
        }
        if unshown.locales > 0 {
            warnings.append("\(count(unshown.members, "more member")) in \(unshown.locales) other locales the site cannot speak")
        }
        return warnings
    }

    /// Ledger descriptions shown untranslated, by the language of the pages they were shown on.
    static func descriptions(_ untranslated: [String: Set<String>]) -> [String] {
        untranslated.keys.sorted().compactMap { code in
            guard let texts = untranslated[code], !texts.isEmpty else { return nil }
            let more = texts.count >= TranslationLog.examplesKept ? " or more" : ""
            return "\(DescriptionTranslations.fileName): \(count(texts.count, "ledger description"))\(more) shown untranslated " +
                "on \(code) pages (\(list(texts.sorted().map { Diagnostic.quote($0) })))"
        }
    }

    /// Descriptions the period's pages will show untranslated, read from the store before writing.
    static func descriptions(_ pairs: [(locale: String?, description: String)], content: SiteContent) -> [String] {
        let log = TranslationLog()
        let defaultCode = Language.code(of: content.defaultLanguage)
        for (locale, description) in pairs {
            let page = content.pageLocale(for: locale)
            let (_, translated) = content.descriptions.text(description, language: page)
            if !translated, Language.code(of: page) != defaultCode {
                log.untranslatedDescription(description, language: page)
            }
        }
        return descriptions(log.untranslatedDescriptions)
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// The first few items, then how many more.
    static func list(_ items: [String], shown: Int = 5) -> String {
        let head = items.prefix(shown).joined(separator: ", ")
        return items.count > shown ? "\(head) and \(items.count - shown) more" : head
    }

    /// The file a translation of `source` goes in: `x.md` and `x.en.md` are both translated in
    /// `x.fa.md`.
    static func translationFile(of source: String, language code: String) -> String {
        guard source.hasSuffix(".md") else { return source + ".\(code)" }
        var base = source.dropLast(3)
        let name = base.split(separator: "/").last ?? base
        if let dot = name.lastIndex(of: "."), Language.isValid(String(name[name.index(after: dot)...])) {
            base = base[..<dot]
        }
        return base + ".\(code).md"
    }
}
