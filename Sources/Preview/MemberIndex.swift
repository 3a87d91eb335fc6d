import Foundation
import PunchcardPages
import PunchcardStatements
import PunchcardSupport
import PunchcardStore

/// The staff index at `/_members/`: every member with name, member_id, tier, balance and the
/// offers their statement shows (titles only: a member's coupon codes are never listed), searched
/// by name, id, e-mail address or phone number with `?q=` (the store's search index) (a plain form, so it works without JavaScript) and paged with `?page=`.
/// Preview only: it is rendered per request and never written into `output/`.
struct MemberIndex {
    static let path = "/_members/"
    static let pageSize = 50
    /// Pages beyond this are not walked to (a search that far should be narrowed).
    static let maxPage = 10_000

    let storePath: String
    let content: SiteContent
    let period: Period
    var program: Program { content.program }

    func render(query: [String: String]) throws -> String {
        let search = query["q"] ?? ""
        let store = try MemberStore(path: storePath)
        let requested = max(1, min(Int(query["page"] ?? "") ?? 1, Self.maxPage))
        // The page asked for, with the count of every match: one search, unless the request asks
        // for a page past the last (any number a request brings is held to the pages there are).
        var found = try store.searchMembers(search, limit: Self.pageSize, offset: (requested - 1) * Self.pageSize)
        // Past the count limit the pages go on while they are full.
        let pages = found.totalIsLowerBound ? Self.maxPage : max(1, (found.total + Self.pageSize - 1) / Self.pageSize)
        let page = min(pages, requested)
        if page != requested {
            found = try store.searchMembers(search, limit: Self.pageSize, offset: (page - 1) * Self.pageSize)
        }
        let hasNext = found.totalIsLowerBound ? found.members.count == Self.pageSize : page < pages
        let escape = { (text: String) in text.htmlEscaped }

        var rows = ""
        for member in found.members {
            let statement = try store.statement(for: member.memberID, program: program, period: period)
            let offers = content.offersShown(to: member, statement: statement, period: period)
                .map { escape($0.offer.text(in: content.defaultLanguage).title) }.joined(separator: "<br>")
            let link = MemberToken.isWellFormed(member.token) ? "/m/\(member.token)/" : nil
            let name = link.map { "<a href=\"\(escape($0))\">\(escape(member.name))</a>" } ?? escape(member.name)
            rows += """
                <tr><td dir="auto">\(name)</td><td><code>\(escape(member.memberID))</code></td>\
                <td>\(escape(statement.tier ?? "—"))</td><td class="number">\(statement.closingBalance)</td>\
                <td dir="auto">\(offers.isEmpty ? "—" : offers)</td></tr>

                """
        }
        func pageLink(_ number: Int, _ label: String) -> String {
            var items = [URLQueryItem(name: "page", value: String(number))]
            if !search.isEmpty { items.insert(URLQueryItem(name: "q", value: search), at: 0) }
            var components = URLComponents()
            components.queryItems = items
            // "+" would read as a space in a query; spell it out.
            let queryText = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
            return "<a href=\"?\(escape(queryText))\" rel=\"\(number < page ? "prev" : "next")\">\(label)</a>"
        }
        let previous = page > 1 ? pageLink(page - 1, "← Previous") : ""
        let next = hasNext ? pageLink(page + 1, "Next →") : ""
        let summary = search.isEmpty
            ? (found.total == 1 ? "1 member" : "\(found.total.formatted()) members")
            : (found.totalIsLowerBound ? "More than \(found.total.formatted()) members match"
                : found.total == 1 ? "1 member matches" : "\(found.total.formatted()) members match") + " “\(escape(search))”"
        let pageLine = found.totalIsLowerBound ? "page \(page)" : "page \(page) of \(pages)"

        return PreviewPage.document(
            title: "Members — \(escape(program.name.defaultText)) preview",
            style: """
                table { border-collapse: collapse; width: 100%; }
                th, td { text-align: start; padding: .35rem .5rem; border-block-end: 1px solid #ddd; }
                .number { text-align: end; font-variant-numeric: tabular-nums; }
                nav { display: flex; gap: 1rem; margin-block: 1rem; }
                """,
            body: """
                <h1>Members</h1>
                <p>Staff view of the preview only: it is not part of the built site. Statements for \(period).</p>
                <form method="get" action="\(Self.path)" role="search">
                <label>Name, member ID, e-mail or phone <input type="search" name="q" value="\(escape(search))" autofocus></label>
                <button type="submit">Search</button>
                </form>
                <p>\(summary) · \(pageLine)</p>
                <table>
                <thead><tr><th>Name</th><th>Member ID</th><th>Tier</th><th class="number">Balance</th><th>Offers shown</th></tr></thead>
                <tbody>
                \(rows)</tbody>
                </table>
                <nav>\(previous) \(next)</nav>
                """)
    }
}

/// A query string as a browser's form sends it: `+` is a space, the rest percent-encoded.
enum QueryString {
    static func parse(_ raw: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            guard let name = parts.first.map(decode), !name.isEmpty else { continue }
            if values[name] == nil { values[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return values
    }
}
