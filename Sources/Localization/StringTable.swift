import Foundation
import PunchcardSupport
import PunchcardTheme
import Yams

/// The theme's words in one language, from `templates/i18n/<language>.yml`: a flat map from key to
/// text, or to plural forms (`one:`, `other:`) for words that follow a number. `{name}` marks where
/// Punchcard fills in a value.
public struct StringTable: Sendable, Hashable {
    /// The file's name without `.yml`: a language (`fa`) or a language and region (`pt-BR`).
    public let tag: String
    public let file: String
    /// Key → plural category → text (`other` always present).
    public let entries: [String: [String: String]]

    public init(tag: String, file: String, entries: [String: [String: String]]) {
        self.tag = tag
        self.file = file
        self.entries = entries
    }

    public static func parse(_ text: String, tag: String, file: String) throws(Diagnostic) -> StringTable {
        var fields = try YAMLFields.parse(text, file: file)
        var entries: [String: [String: String]] = [:]
        for key in fields.keys {
            guard let node = fields.node(key) else { continue }
            entries[key] = try fields.pluralForms(node, key: key)
        }
        return StringTable(tag: tag, file: file, entries: entries)
    }

    /// Every key's text, plural keys by their `other` form: what templates read as `{{t.key}}`.
    public var words: [String: String] { entries.compactMapValues { $0["other"] } }
}

/// Every string table of the theme, and the choice of which one a page speaks.
public struct StringTables: Sendable, Hashable {
    /// By tag, lowercased.
    public let tables: [String: StringTable]

    public init(_ tables: [StringTable]) {
        var byTag: [String: StringTable] = [:]
        for table in tables { byTag[table.tag.lowercased()] = table }
        self.tables = byTag
    }

    /// The theme's tables: each `templates/i18n/<tag>.yml` of the site over the built-in table of
    /// the same tag, key by key (as Hugo merges a theme's i18n with the site's), so that a site's
    /// table may hold only the words it changes.
    public static func load(root: URL) throws(Diagnostic) -> StringTables {
        let theme = Theme(root: root)
        var tables: [StringTable] = []
        for path in theme.paths(under: "i18n/") {
            let name = String(path.dropFirst("i18n/".count))
            guard name.hasSuffix(".yml"), !name.hasPrefix("."), !name.contains("/") else { continue }
            let tag = String(name.dropLast(4))
            let file = "templates/i18n/\(name)"
            guard LocaleTag.isWellFormed(tag), Language.isValid(tag) else {
                throw Diagnostic(SourceLocation(file: file), "the file name must be a language tag such as fa.yml or pt-BR.yml")
            }
            var table = try StringTable.parse(try theme.text(path) ?? "", tag: tag, file: file)
            if theme.isOwn(path), let builtIn = DefaultTheme.text(path) {
                let defaults = try StringTable.parse(builtIn, tag: tag, file: file)
                table = StringTable(tag: tag, file: file, entries: defaults.entries.merging(table.entries) { $1 })
            }
            tables.append(table)
        }
        return StringTables(tables)
    }

    /// The table for `locale`: its own tag's (`pt-BR.yml`), else its language's (`pt.yml`).
    public func table(for locale: String) -> StringTable? {
        tables[locale.lowercased()] ?? tables[Language.code(of: locale)]
    }
}
