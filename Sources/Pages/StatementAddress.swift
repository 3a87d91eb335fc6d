import PunchcardCalendars
import PunchcardStatements

/// Where a member's statements live in the output, relative to its root. A member's folder holds
/// one page per published period, `m/<token>/<YYYY-MM>.html`, and `m/<token>/index.html`, the
/// latest of them: a second name (a hard link) for the same file, so both sit at the same depth
/// and share every byte. Earlier releases put each period in a folder of its own,
/// `m/<token>/<YYYY-MM>/index.html`; such a folder is kept as a redirect to the period's page.
public enum StatementAddress {
    /// Folders between the site's root and a statement page: links from a statement start with
    /// this many `../`.
    public static let depth = 2

    public static func folder(token: String) -> String { "m/\(token)" }

    /// The period's page, relative to the site's root.
    public static func page(token: String, period: Period) -> String { "m/\(token)/\(fileName(period))" }

    /// The latest page, relative to the site's root.
    public static func latest(token: String) -> String { "m/\(token)/index.html" }

    /// The name of the period's page in the member's folder (also its link from a sibling page).
    public static func fileName(_ period: Period) -> String { "\(period).html" }

    /// The period of a name in a member's folder, when it is a period's page.
    public static func period(ofFileName name: String, calendar: BillingCalendar) -> Period? {
        guard name.hasSuffix(".html") else { return nil }
        return Period(String(name.dropLast(5)), calendar: calendar)
    }

    /// The period of a name in a member's folder, when it is an earlier release's period folder.
    public static func period(ofLegacyFolder name: String, calendar: BillingCalendar) -> Period? {
        Period(name, calendar: calendar)
    }

    /// The page left in an earlier release's period folder: it sends a visitor (and a bookmark)
    /// to the period's page one folder up, and tells no one where it came from.
    public static func legacyRedirect(period: Period) -> String {
        let target = "../\(fileName(period))"
        return """
            <!DOCTYPE html>
            <html>
            <head>
            <meta charset="utf-8">
            <meta name="robots" content="noindex, nofollow">
            <meta name="referrer" content="no-referrer">
            <meta http-equiv="refresh" content="0; url=\(target)">
            <link rel="canonical" href="\(target)">
            <title>\(period)</title>
            </head>
            <body><p><a href="\(target)">\(period)</a></p></body>
            </html>

            """
    }
}
