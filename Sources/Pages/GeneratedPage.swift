/// The public pages Punchcard makes itself, beside the operator's Markdown pages: each knows its
/// template, its address and its place in the menu, so that the build, the sitemap, the menu, the
/// reserved slugs, the required templates and the statements' fingerprint all read one list.
public enum GeneratedPage: String, CaseIterable, Sendable {
    case tiers
    case offers
    case rewards
    case partners
    case notFound = "404"

    /// The template it is rendered with (`templates/<name>.mustache`).
    public var template: String { rawValue }

    /// Its file below a language's site root.
    public var path: String {
        self == .notFound ? "404.html" : "\(rawValue)/index.html"
    }

    /// Its slug in links and the menu (nil: not linked to).
    public var slug: String? { self == .notFound ? nil : rawValue }

    /// Whether the site has it: the rewards page only when the program has rewards, the partners
    /// page only when it has partners.
    public func isPublished(in content: SiteContent) -> Bool {
        switch self {
        case .rewards: return !content.program.rewards.isEmpty
        case .partners: return !content.program.partners.isEmpty
        default: return true
        }
    }

    /// Whether every site needs its template (the others only when the program has what they show).
    public var isAlwaysPublished: Bool { self != .rewards && self != .partners }

    /// Listed in the sitemap (the 404 page is not).
    public var isListed: Bool { self != .notFound }

    /// Where it sits in the menu among the operator's pages (their `weight`), or nil: not in the menu.
    public var menuWeight: Int? {
        switch self {
        case .tiers: return 500
        case .rewards: return 550
        case .partners: return 575
        case .offers: return 600
        case .notFound: return nil
        }
    }

    /// Its title in the menu, in the page's language.
    public func menuTitle(content: SiteContent, language: String, words: Words) -> String {
        switch self {
        case .tiers: return content.tiersIntro(in: language)?.title ?? words["tiers"]
        case .rewards: return words["public_rewards"]
        case .partners: return words["public_partners"]
        case .offers: return words["public_offers"]
        case .notFound: return ""
        }
    }

    /// Templates every site needs: the operator's pages' (`page`), the statement's, and those of the
    /// generated pages every site has.
    public static let requiredTemplates = ["page", "statement"] + allCases.filter(\.isAlwaysPublished).map(\.template)

    /// The templates of public pages only (the content pages' and the generated ones'): a change to
    /// them leaves every statement as it is.
    public static let publicTemplates: Set<String> = Set(["page"] + allCases.map(\.template))
}
