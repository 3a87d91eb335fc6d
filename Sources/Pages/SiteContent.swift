import Foundation
import PunchcardLocalization
import PunchcardMarkdown
import PunchcardStatements
import PunchcardSupport

/// Everything a site says: the program, its pages and offers in each language (`faq.md`,
/// `faq.fa.md`), the translations of ledger descriptions, and the theme's string tables.
public struct SiteContent: Sendable {
    public var program: Program
    /// Pages in the default language that are not drafts, home first, then by menu weight and title.
    public var pages: [ContentPage]
    /// Translations of those pages: slug → language code → page.
    public var pageTranslations: [String: [String: ContentPage]] = [:]
    /// Offers by slug.
    public var offers: [Offer]
    /// `content/tiers.md` (and its translations) is not a page of its own: its body introduces the
    /// generated tiers page. By language code.
    public var tiersIntro: [String: ContentPage] = [:]
    public var descriptions = DescriptionTranslations()
    public var strings = StringTables([])
    public var markdown: Markdown
    /// The text of `content/program.yml`, for fingerprints of what pages are made from.
    public var programSource = ""

    /// Slugs the site generates itself, which content may not take.
    public static let reservedSlugs: Set<String> = Set(["m", "assets"] + GeneratedPage.allCases.map(\.rawValue))

    public init(program: Program, pages: [ContentPage], offers: [Offer], markdown: Markdown) {
        self.program = program
        self.pages = pages
        self.offers = offers
        self.markdown = markdown
    }

    /// Reads the site's content; `program` is `content/program.yml` when the caller has already
    /// read it (it is then not parsed again).
    public static func load(root: URL, program known: Program? = nil) throws(Diagnostic) -> SiteContent {
        let contentURL = root.appendingPathComponent("content", isDirectory: true)
        let programURL = contentURL.appendingPathComponent("program.yml")
        let programData: Data
        do {
            programData = try Data(contentsOf: programURL)
        } catch {
            throw Diagnostic(SourceLocation(file: "content/program.yml"), "cannot read the program definition: \(FileProblem.reason(error))")
        }
        let programSource = try TextFile.decode(programData, file: "content/program.yml")
        let program: Program
        if let known {
            program = known
        } else {
            program = try Program.parse(programSource, file: "content/program.yml")
        }
        // Partners' logos are published as they are: each must be a file below content/.
        for partner in program.partners {
            guard let logo = partner.logo else { continue }
            let url = contentURL.appendingPathComponent(logo)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
                  url.resolvingSymlinksInPath().path.hasPrefix(contentURL.resolvingSymlinksInPath().path + "/") else {
                throw Diagnostic(SourceLocation(file: "content/program.yml"),
                                 field: "partners", "partner \(Diagnostic.quote(partner.id))'s logo content/\(logo) is not a file below content/")
            }
        }
        let markdown = Markdown(options: .init(allowRawHTML: program.allowRawHTML))
        let defaultCode = Language.code(of: program.defaultLocale)
        var content = SiteContent(program: program, pages: [], offers: [], markdown: markdown)
        content.programSource = programSource
        content.languageSubfolders = Set(program.languages.dropFirst().map(Language.code(of:)))

        var translations: [(slug: String, code: String, page: ContentPage)] = []
        var originals: [String: String] = [:] // slug → the file that is its default-language page
        for name in try markdownFiles(in: contentURL, relative: "content") {
            let source = "content/\(name)"
            let (slug, code) = try split(name, source: source, program: program)
            let language = program.languages.first { Language.code(of: $0) == code } ?? program.defaultLocale
            let page = try ContentPage.parse(try read(contentURL.appendingPathComponent(name), source: source),
                                             source: source, slug: slug == "index" ? "" : slug, language: language,
                                             markdown: markdown)
            if slug == GeneratedPage.tiers.rawValue {
                content.tiersIntro[code] = page
                continue
            }
            guard slug == "index" || isValidSlug(slug) else {
                throw Diagnostic(SourceLocation(file: source),
                                 "the file name must be lowercase letters, digits and hyphens, to make the page's address")
            }
            if reservedSlugs.contains(slug) || content.languageSubfolders.contains(slug) {
                throw Diagnostic(SourceLocation(file: source), "/\(slug)/ is generated by Punchcard; rename the file")
            }
            if code != defaultCode {
                translations.append((page.slug, code, page))
                continue
            }
            if let other = originals[page.slug] {
                throw Diagnostic(SourceLocation(file: source), "\(other) is this page already (\(program.defaultLocale) is the default language)")
            }
            originals[page.slug] = source
            if !page.draft { content.pages.append(page) }
        }
        content.pages.sort { ($0.isHome ? 0 : 1, $0.weight ?? Int.max, $0.title) < ($1.isHome ? 0 : 1, $1.weight ?? Int.max, $1.title) }
        for translation in translations where !translation.page.draft {
            guard originals[translation.slug] != nil else {
                let original = translation.slug.isEmpty ? "index" : translation.slug
                throw Diagnostic(SourceLocation(file: translation.page.source),
                                 "a translation of content/\(original).md, which does not exist")
            }
            // The translation of a draft waits with it.
            guard content.pages.contains(where: { $0.slug == translation.slug }) else { continue }
            content.pageTranslations[translation.slug, default: [:]][translation.code] = translation.page
        }
        if content.tiersIntro.count > 0, content.tiersIntro[defaultCode] == nil, let any = content.tiersIntro.values.first {
            throw Diagnostic(SourceLocation(file: any.source), "a translation of content/tiers.md, which does not exist")
        }

        content.offers = try loadOffers(root: root, program: program, markdown: markdown)
        content.descriptions = try DescriptionTranslations.load(root: root, languages: program.languages)
        content.strings = try StringTables.load(root: root)
        guard content.strings.table(for: program.defaultLocale) != nil else {
            throw Diagnostic(SourceLocation(file: "templates/i18n/\(defaultCode).yml"),
                             "the theme's words in \(program.defaultLocale), the program's first language, are missing")
        }
        return content
    }

    /// Language folders of the public site (`fa`, `ar`): no page may take their names.
    public var languageSubfolders: Set<String> = []

    /// `faq.fa.md` → (`faq`, `fa`); `faq.md` → (`faq`, the default language).
    static func split(_ name: String, source: String, program: Program) throws(Diagnostic) -> (slug: String, code: String) {
        let stem = String(name.dropLast(3))
        let defaultCode = Language.code(of: program.defaultLocale)
        guard let dot = stem.lastIndex(of: ".") else { return (stem, defaultCode) }
        let suffix = String(stem[stem.index(after: dot)...])
        let codes = program.languages.map(Language.code(of:))
        guard codes.contains(suffix.lowercased()) || program.languages.contains(suffix) else {
            throw Diagnostic(SourceLocation(file: source),
                "\(Diagnostic.quote(suffix)) is not one of the program's languages (languages: \(program.languages.joined(separator: ", "))); " +
                "translations are named like faq.fa.md")
        }
        return (String(stem[..<dot]), Language.code(of: suffix))
    }

    static func isValidSlug(_ slug: String) -> Bool {
        !slug.isEmpty && slug.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// The `.md` files directly in a folder, sorted; none when the folder does not exist.
    /// The offers of `content/offers/` (each with its translations), in their order: by
    /// `public_from`, then id. For commands that need the offers without the rest of the site
    /// (`statement`, `import --coupons`): a folder without offers has none.
    public static func loadOffers(root: URL, program: Program, markdown: Markdown? = nil) throws(Diagnostic) -> [Offer] {
        let markdown = markdown ?? Markdown(options: .init(allowRawHTML: program.allowRawHTML))
        let contentURL = root.appendingPathComponent("content", isDirectory: true)
        let defaultCode = Language.code(of: program.defaultLocale)
        var offers: [Offer] = []
        let offersURL = contentURL.appendingPathComponent("offers", isDirectory: true)
        var offerTranslations: [(slug: String, code: String, name: String)] = []
        for name in try markdownFiles(in: offersURL, relative: "content/offers") {
            let source = "content/offers/\(name)"
            let (slug, code) = try split(name, source: source, program: program)
            if code != defaultCode { offerTranslations.append((slug, code, name)); continue }
            if let other = offers.first(where: { $0.slug == slug }) {
                throw Diagnostic(SourceLocation(file: source), "\(other.source) is this offer already (\(program.defaultLocale) is the default language)")
            }
            offers.append(try Offer.parse(try read(offersURL.appendingPathComponent(name), source: source),
                                                  source: source, slug: slug, program: program, markdown: markdown))
        }
        for (slug, code, name) in offerTranslations {
            let source = "content/offers/\(name)"
            guard let index = offers.firstIndex(where: { $0.slug == slug }) else {
                throw Diagnostic(SourceLocation(file: source), "a translation of content/offers/\(slug).md, which does not exist")
            }
            let language = program.languages.first { Language.code(of: $0) == code } ?? program.defaultLocale
            offers[index].translations[code] = try Offer.parseTranslation(
                try read(offersURL.appendingPathComponent(name), source: source), source: source, language: language,
                markdown: markdown)
        }
        offers.sort { ($0.publicFrom, $0.slug) < ($1.publicFrom, $1.slug) }
        return offers
    }

    static func markdownFiles(in folder: URL, relative: String) throws(Diagnostic) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            return []
        }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        } catch {
            throw Diagnostic(SourceLocation(file: relative), "cannot list the folder: \(FileProblem.reason(error))")
        }
    }

    static func read(_ url: URL, source: String) throws(Diagnostic) -> String {
        // content/ is the folder above the file's (or above offers/).
        var root = url.deletingLastPathComponent()
        while root.lastPathComponent != "content", root.path != "/" { root = root.deletingLastPathComponent() }
        try SiteLinks.check(url, root: root.deletingLastPathComponent(), file: source)
        return try TextFile.read(url, file: source)
    }
}
