import PunchcardLocalization
import PunchcardSupport

extension Program {
    /// `mail:` in program.yml: the settings of `punchcard mail`.
    public struct MailSettings: Sendable, Hashable {
        /// `Saffron Rewards <rewards@saffron.example>`.
        public var from: Mailbox
        public var replyTo: Mailbox?
        /// A web or mailto: address with `{unsubscribe_token}`, the member's signed unsubscribe token,
        /// for `List-Unsubscribe` (RFC 8058); nil: none.
        public var unsubscribe: String?
        /// The subject line per language, with `{program}`, `{period}`, `{balance}`, `{points_name}`
        /// and `{name}` filled in; nil: the string table's `mail_subject`.
        public var subject: LocalizedText?

        /// What a subject line may name.
        public static let subjectPlaceholders: Set<String> = ["program", "period", "balance", "points_name", "name"]

        public init(from: Mailbox, replyTo: Mailbox? = nil, unsubscribe: String? = nil, subject: LocalizedText? = nil) {
            self.from = from
            self.replyTo = replyTo
            self.unsubscribe = unsubscribe
            self.subject = subject
        }
    }

    static func readMail(_ root: inout YAMLFields, languages: [String]) throws(Diagnostic) -> MailSettings? {
        guard var fields = try root.fields("mail") else { return nil }
        func mailbox(_ key: String) throws(Diagnostic) -> Mailbox? {
            guard let text = try fields.string(key) else { return nil }
            guard let mailbox = Mailbox(parsing: text) else {
                throw fields.problem(key: key, "\(Diagnostic.quote(text)) is not an e-mail address such as `Saffron Rewards <rewards@saffron.example>`")
            }
            return mailbox
        }
        guard let from = try mailbox("from") else { throw fields.missing("from") }
        let replyTo = try mailbox("reply_to")
        let unsubscribe = try fields.string("unsubscribe")
        if let unsubscribe {
            for name in Self.placeholders(in: unsubscribe) where name != "unsubscribe_token" {
                let why = name == "member_id" || name == "token"
                    ? "{\(name)} is no longer accepted: anyone who knows or guesses it could unsubscribe that member; use {unsubscribe_token}, a token signed with the site's secret"
                    : "{\(name)} is not something an unsubscribe address can name (it can name {unsubscribe_token})"
                throw fields.problem(key: "unsubscribe", why)
            }
            guard unsubscribe.contains("{unsubscribe_token}") else {
                throw fields.problem(key: "unsubscribe", "must contain {unsubscribe_token}, the member's signed token, to say who unsubscribes")
            }
            let sample = unsubscribe.fillingPlaceholders(["unsubscribe_token": "T"])
            let scheme = sample.prefix(8).lowercased() // schemes are case-insensitive (RFC 3986)
            guard scheme.hasPrefix("https://") || scheme.hasPrefix("http://") || scheme.hasPrefix("mailto:"),
                  !sample.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "<>\"".unicodeScalars.contains($0) })
            else {
                throw fields.problem(key: "unsubscribe", "\(Diagnostic.quote(unsubscribe)) is not an http(s) or mailto: address")
            }
            // The header must fit one line of a message (RFC 5322: 998 characters).
            let longest = unsubscribe.fillingPlaceholders(["unsubscribe_token": String(repeating: "T", count: 22)])
            let limit = 998 - "List-Unsubscribe: <>".count
            guard longest.utf8.count <= limit else {
                throw fields.problem(key: "unsubscribe", "\(Diagnostic.quote(unsubscribe)) is too long for a mail header: at most \(limit) characters once {unsubscribe_token} is filled in")
            }
        }
        let subject = try fields.localizedText("subject", languages: languages)
        if let subject {
            for forms in subject.forms.values {
                for text in forms.values {
                    for name in Self.placeholders(in: text) where !MailSettings.subjectPlaceholders.contains(name) {
                        throw fields.problem(key: "subject", "{\(name)} is not something a subject can name (it can name: "
                            + MailSettings.subjectPlaceholders.sorted().map { "{\($0)}" }.joined(separator: ", ") + ")")
                    }
                }
            }
        }
        try fields.rejectUnknownKeys()
        return MailSettings(from: from, replyTo: replyTo, unsubscribe: unsubscribe, subject: subject)
    }

    /// The `{name}` placeholders in a text.
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
