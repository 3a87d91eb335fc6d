import Foundation
import PunchcardCalendars
import PunchcardLocalization

extension StarterSite {
    /// content/program.yml: the operator's choices, sensible settings for the rest, and a comment on
    /// every key (optional keys the starter does not use are shown commented out).
    static func programFile(_ choices: StarterChoices) -> String {
        let tags = choices.languages
        let codes = tags.map(Language.code(of:))
        let texts = codes.map(StarterTexts.forLanguage)
        /// A text in every language: `{en-US: …, fa-IR: …}` as a block, or one line when one language.
        /// `quoted: false`: the text is YAML already (plural forms).
        func translated(_ key: String, indent: String, quoted: Bool = true, _ text: (StarterTexts, String) -> String) -> String {
            func value(_ index: Int) -> String { quoted ? yaml(text(texts[index], codes[index])) : text(texts[index], codes[index]) }
            // Plural forms are a map themselves: under their language even when there is one.
            if tags.count == 1 && quoted { return "\(indent)\(key): \(value(0))\n" }
            var out = "\(indent)\(key):\n"
            for (index, tag) in tags.enumerated() { out += "\(indent)  \(tag): \(value(index))\n" }
            return out
        }
        func fill(_ text: String, _ code: String) -> String {
            text.replacingOccurrences(of: "{bonus}", with: digits(String(referralBonus), language: code))
        }
        let host = URL(string: choices.baseURL)?.host.flatMap { $0.allSatisfy(\.isASCII) ? $0 : nil } ?? "rewards.example"
        let displayName = programName(choices, language: codes[0]).filter { !"\"\\<>".contains($0) }
        var y = """
            # \(programName(choices, language: codes[0])): the loyalty program's definition, made by `punchcard init`.
            # Every key is documented in docs/file-formats.md ("content/program.yml"). A text may be plain (the
            # same in every language) or a map from language to text. After a change, `punchcard check`
            # reads everything a build reads and says what is wrong, with the line.

            # The program's name, in the menu, page titles and e-mails.

            """
        if let name = choices.name {
            y += "name: \(yaml(name))\n"
        } else {
            y += translated("name", indent: "") { texts, _ in texts.programName }
        }
        y += """
            # Where the site is published (http or https, ending in /): statement links in e-mails start with it.
            base_url: \(yaml(choices.baseURL))
            # The site's languages, the default first: it is published at the root, the others under
            # /\(codes.count > 1 ? codes[1] : "fa")/ and so on. Members.csv's locale column says which each member reads.
            languages: [\(tags.joined(separator: ", "))]
            # The calendar the program bills on: gregorian, persian or islamic-umalqura. A billing period is
            # one of its months (`punchcard build --period 2026-10`, or 1405-08 on the Persian calendar).
            calendar: \(choices.calendar.rawValue)
            billing_cycle: monthly
            # The currency of the spend in ledger.csv's amount column (ISO 4217).
            currency: \(choices.currency)

            """
        if choices.currency == "IRR" {
            y += """
                # Rials are kept; Iranians read prices in tomans (a tenth), written after the number.
                show_in_tomans: true
                currency_symbol: {\(tags.map { "\($0): \(Language.code(of: $0) == "fa" ? "تومان" : "tomans")" }.joined(separator: ", "))}

                """
        } else {
            y += """
                # How pages write the currency in each language: a word follows the number, a sign goes where
                # the language puts it (default: the currency's own sign).
                # currency_symbol: {\(tags.map { "\($0): …" }.joined(separator: ", "))}

                """
        }
        y += """
            # What one point is worth in the currency: statements then show a balance's cash value.
            # point_value: 0.01
            # What a point is called, with plural forms (one, two, few, many, other) where a word follows a number.

            """
        y += translated("points_name", indent: "", quoted: false) { texts, _ in texts.pointsName }
        y += "# Shown on a closed account's last statement: what became of its points.\n"
        y += translated("closed_accounts", indent: "") { texts, _ in texts.closedAccounts }
        y += """

            # Tiers, lowest first. A member's tier is the highest whose threshold their points earned from
            # purchases in the last 12 months reach. The default language's name is the tier's key (offers and
            # rewards name tiers by it). Benefits are Markdown.
            tiers:

            """
        for (index, threshold) in [0, 2500, 10000].enumerated() {
            if tags.count == 1 {
                y += "  - name: \(yaml(texts[0].tiers[index].name))\n"
            } else {
                y += "  - name: {\(tags.enumerated().map { "\($1): \(yaml(texts[$0].tiers[index].name))" }.joined(separator: ", "))}\n"
            }
            y += "    threshold: \(threshold)\n"
            if tags.count == 1 {
                y += "    benefits: |\n"
                for benefit in texts[0].tiers[index].benefits { y += "      - \(benefit)\n" }
            } else {
                y += "    benefits:\n"
                for (position, tag) in tags.enumerated() {
                    y += "      \(tag): |\n"
                    for benefit in texts[position].tiers[index].benefits { y += "        - \(benefit)\n" }
                }
            }
        }
        y += """

            # Points expire at the end of the month this many months after the month they were earned;
            # statements warn members warning_days before.
            expiry:
              months: \(expiryMonths)
              warning_days: \(warningDays)

            # Referrals: the bonus each side gets, the link a member shares ({code} is their referral code) and
            # the text above it on the statement (Markdown).
            referral:
              bonus_points: \(referralBonus)
              link: \(yaml(choices.baseURL + "join?ref={code}"))

            """
        y += translated("text", indent: "  ") { texts, code in fill(texts.referral, code) }
        y += """

            # The rewards catalogue: what points are worth (kind: item, discount, charity or experience; tiers:
            # only these tiers may redeem it). Statements show those within a member's reach.
            rewards:

            """
        for (index, (id, points)) in [("free-drink", 500), ("ten-percent-off", 1500)].enumerated() {
            y += "  - id: \(id)\n"
            if tags.count == 1 {
                y += "    name: \(yaml(texts[0].rewards[index].name))\n"
            } else {
                y += "    name: {\(tags.enumerated().map { "\($1): \(yaml(texts[$0].rewards[index].name))" }.joined(separator: ", "))}\n"
            }
            y += "    points: \(points)\n    kind: \(index == 0 ? "item" : "discount")\n"
            y += translated("description", indent: "    ") { texts, _ in texts.rewards[index].description }
        }
        y += """

            # Statement e-mails (`punchcard mail`): who they come from, an optional reply address, the
            # unsubscribe link ({unsubscribe_token} is signed with the site's secret in .punchcard/, so nobody can
            # unsubscribe anyone else) and the subject, naming {program}, {period}, {balance}, {points_name}, {name}.
            mail:
              from: \(yaml("\"\(displayName)\" <rewards@\(host)>"))
              # reply_to: help@\(host)
              unsubscribe: \(yaml(choices.baseURL + "unsubscribe?t={unsubscribe_token}"))

            """
        y += translated("subject", indent: "  ") { texts, _ in texts.mailSubject }
        y += """

            # More, when the program needs it (each documented in docs/file-formats.md):
            # report: {active_months: 6}        # the operator's report: "active" means an earn row in the last 6 months
            # partners: […]                     # a coalition's partner businesses, with a partners page
            # sources: […]                      # where points come from besides purchases, referrals and bonuses
            # memberships: […]                  # paid plans (memberships.csv says who is on which)
            # member_columns: [favourite]       # your own members.csv columns that offers may target
            # wallet: {apple: …, google: …}     # the member card in Apple Wallet and Google Wallet

            """
        return y
    }
}
