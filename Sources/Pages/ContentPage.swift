import Foundation
import PunchcardMarkdown
import PunchcardSupport

/// A public page written in Markdown under `content/`.
public struct ContentPage: Sendable, Hashable {
    /// The page's folder in the site (`how-to-earn`); empty for the home page (`index.md`).
    public var slug: String
    /// The language it is written in (a program language's tag).
    public var language: String
    public var title: String
    public var description: String?
    /// Position in the navigation menu, lowest first; nil keeps the page out of the menu.
    public var weight: Int?
    public var draft: Bool
    /// The body rendered to HTML (safe unless the program allows raw HTML).
    public var bodyHTML: String
    /// The file it came from, relative to the site's root.
    public var source: String

    public var isHome: Bool { slug.isEmpty }

    /// Reads a page. `source` names the file in errors.
    public static func parse(_ text: String, source: String, slug: String, language: String,
                             markdown: Markdown) throws(Diagnostic) -> ContentPage {
        var front = try FrontMatter.split(text, file: source)
        let title = try front.fields.requiredString("title")
        let description = try front.fields.string("description")
        let weight = try front.fields.int("weight")
        let draft = try front.fields.bool("draft") ?? false
        try front.fields.rejectUnknownKeys()
        return ContentPage(slug: slug, language: language, title: title, description: description, weight: weight, draft: draft,
                           bodyHTML: markdown.html(front.body), source: source)
    }
}
