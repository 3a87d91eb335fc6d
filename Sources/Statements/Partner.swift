import Foundation
import PunchcardLocalization
import PunchcardSupport

/// A partner of a coalition program (`partners:` in `program.yml`): a business whose customers
/// earn or redeem the program's points, or who gives the program's members coupons.
public struct Partner: Sendable, Hashable {
    /// Unique; lowercase letters, digits and hyphens.
    public var id: String
    public var name: LocalizedText
    /// Markdown, in each language.
    public var description: LocalizedText?
    /// The partner's site: http(s) only.
    public var link: String?
    /// An image in `content/` (a path below it: `partners/gym.svg`), published beside the partners page.
    public var logo: String?

    public init(id: String, name: LocalizedText, description: LocalizedText? = nil, link: String? = nil, logo: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.link = link
        self.logo = logo
    }

    /// Image types a logo may be, by extension.
    public static let logoExtensions: Set<String> = ["svg", "png", "jpg", "jpeg", "webp", "gif"]

    /// Where the logo is published, from the site's root: `partners/<id>.<extension>`.
    public var logoPath: String? {
        logo.map { "partners/\(id).\(URL(fileURLWithPath: $0).pathExtension.lowercased())" }
    }
}

extension Program {
    /// Reads `partners:`.
    static func readPartners(_ root: inout YAMLFields, languages: [String]) throws(Diagnostic) -> [Partner] {
        guard let list = try root.list("partners") else { return [] }
        var partners: [Partner] = []
        for var fields in list {
            let id = try fields.requiredID(unusedIn: partners.map(\.id), what: "partner")
            let name = try fields.requiredLocalizedText("name", languages: languages)
            let description = try fields.localizedText("description", languages: languages)
            let link = try fields.string("link")
            if let link {
                guard let url = URL(string: link), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                      url.host?.isEmpty == false, link.utf8.count <= 2000 else {
                    throw fields.problem(key: "link", "\(Diagnostic.quote(link)) is not an http(s) address")
                }
            }
            let logo = try fields.string("logo")
            if let logo {
                let parts = logo.split(separator: "/", omittingEmptySubsequences: false)
                guard !logo.hasPrefix("/"), logo.utf8.count <= 300, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
                      Partner.logoExtensions.contains(URL(fileURLWithPath: logo).pathExtension.lowercased()) else {
                    throw fields.problem(key: "logo", "\(Diagnostic.quote(logo)) must be an image below content/ (svg, png, jpg, webp or gif), such as partners/gym.svg")
                }
            }
            try fields.rejectUnknownKeys()
            partners.append(Partner(id: id, name: name, description: description, link: link, logo: logo))
        }
        return partners
    }
}
