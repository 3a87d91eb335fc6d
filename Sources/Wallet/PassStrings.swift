import Foundation
import PunchcardLocalization
import PunchcardPages
import PunchcardStatements

/// A pass's words in every program language: `<language>.lproj/pass.strings`, from the theme's
/// string tables and the program's own names (tiers, the program, the pass's description). Wallet
/// shows the one for the phone's language.
///
/// pass.json writes each label and the tier in the program's default language, and those texts are
/// the keys: a phone in a language the program does not speak finds no table and shows the default
/// language rather than a key.
public struct PassStrings: Sendable {
    /// The default language's texts, by what they name: pass.json's labels.
    public let labels: Labels
    /// `(fa.lproj/pass.strings, bytes)`, one per language.
    public let files: [(name: String, data: Data)]
    /// Each language's entries, for tests.
    public let entries: [String: [(key: String, value: String)]]

    public struct Labels: Sendable {
        public var balance, member, memberID, tier, expiring, expiresOn, program, description: String
    }

    public init(content: SiteContent, description: LocalizedText?) {
        let program = content.program
        func labels(_ language: String) -> Labels {
            let words = content.words(for: language)
            let name = program.name.text(in: language)
            return Labels(balance: words["balance"], member: words["member_card"], memberID: words["member_id"], tier: words["tier"],
                          expiring: words["glance_expiry"], expiresOn: words["wallet_expires_on"], program: name,
                          description: description?.text(in: language)
                              ?? words["wallet_description"].replacingOccurrences(of: "{program}", with: name))
        }
        let keys = labels(program.defaultLocale)
        self.labels = keys
        var files: [(String, Data)] = []
        var all: [String: [(String, String)]] = [:]
        for language in program.languages {
            let texts = labels(language)
            var entries: [(String, String)] = [
                (keys.balance, texts.balance), (keys.member, texts.member), (keys.memberID, texts.memberID), (keys.tier, texts.tier),
                (keys.expiring, texts.expiring), (keys.expiresOn, texts.expiresOn), (keys.program, texts.program),
                (keys.description, texts.description),
            ]
            for tier in program.tiers { entries.append((tier.name, tier.title.text(in: language))) }
            all[language] = entries
            files.append(("\(Language.code(of: language)).lproj/pass.strings", Self.encode(entries)))
        }
        self.files = files
        entries = all
    }

    /// The `.strings` form: `"key" = "value";`, one per line, UTF-8.
    static func encode(_ entries: [(String, String)]) -> Data {
        func quoted(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r", "\t": out += " "
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        var seen = Set<String>()
        var text = ""
        for (key, value) in entries where seen.insert(key).inserted {
            text += "\(quoted(key)) = \(quoted(value));\n"
        }
        return Data(text.utf8)
    }
}
