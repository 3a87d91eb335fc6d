import Foundation
import GRDB
import PunchcardStatements
import PunchcardSupport

extension SQLiteStore {
    static let memberColumns =
        "member_id, name, email, phone, locale, joined_on, referred_by, status, referral_code, attributes, token"
    static let ledgerColumns = "txn_id, posted_on, kind, points, amount, description, source"
    /// The ledger columns of `ledgerColumns`, with txn_id, amount and description only for rows
    /// posted on or after the `:details` parameter (see `forEachMember(through:detailsFrom:)`).
    static let ledgerColumnsWithDetailsFrom = """
        CASE WHEN posted_on >= :details THEN txn_id ELSE '' END, posted_on, kind, points,
        CASE WHEN posted_on >= :details THEN amount END,
        CASE WHEN posted_on >= :details THEN description END, source
        """
    /// Each member's referral count: friends who joined on or before the `:end` parameter.
    static let referredCountColumn = """
        (SELECT count(*) FROM members AS friend
          WHERE friend.referred_by = members.member_id AND friend.joined_on <= :end)
        """

    func memberCount() throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM members") ?? 0 }
    }

    func ledgerCount() throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ledger") ?? 0 }
    }

    func member(_ memberID: String) throws -> Member? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.memberColumns) FROM members WHERE member_id = ?",
                             arguments: [memberID]).map(Self.member(from:))
        }
    }

    func ledger(of memberID: String, through end: CalendarDate) throws -> [LedgerEntry] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.ledgerColumns) FROM ledger
                    WHERE member_id = ? AND posted_on <= ? ORDER BY posted_on, txn_id
                    """,
                arguments: [memberID, end.description]
            ).map { Self.entry(from: $0) }
        }
    }

    func referredCount(of memberID: String, joinedOnOrBefore end: CalendarDate) throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM members WHERE referred_by = ? AND joined_on <= ?",
                arguments: [memberID, end.description]) ?? 0
        }
    }

    /// Members, their ledger rows and (when asked) their survey answers: three cursors in
    /// member_id order, merged, so that a whole-store pass is sequential scans.
    func streamMembers(through end: CalendarDate, detailsFrom: CalendarDate?, surveys: Bool,
                               _ body: (MemberLedger, [SurveyAnswer]) throws -> Void) throws {
        try database.read { db in
            let endText = end.description
            let detailsText = (detailsFrom ?? CalendarDate(year: 1, month: 1, day: 1)!).description
            let members = try Row.fetchCursor(
                db,
                sql: "SELECT \(Self.memberColumns), \(Self.referredCountColumn) FROM members ORDER BY member_id",
                arguments: ["end": endText])
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT member_id, \(Self.ledgerColumnsWithDetailsFrom)
                    FROM ledger WHERE posted_on <= :end ORDER BY member_id, posted_on, txn_id
                    """,
                arguments: ["details": detailsText, "end": endText])
            let answers = surveys
                ? try Row.fetchCursor(db, sql: "SELECT member_id, answered_on, score, comment FROM surveys ORDER BY member_id, answered_on")
                : nil

            try MemberStreamMerge.run(
                nextMember: { try members.next().map { (Self.member(from: $0), referredCount: $0[11]) } },
                nextEntry: { try rows.next().map(Self.keyedEntry(from:)) },
                nextAnswer: {
                    while let row = try answers?.next() {
                        if let answer = Self.surveyAnswer(from: row) { return answer }
                    }
                    return nil
                },
                body)
        }
    }

    /// A stored answer; nil for one whose day does not read (none in a store this importer wrote).
    static func surveyAnswer(from row: Row) -> SurveyAnswer? {
        guard let day = CalendarDate(iso: row[1] as String) else { return nil }
        return SurveyAnswer(memberID: row[0], answeredOn: day, score: row[2], comment: row[3])
    }

    // MARK: Row decoding

    static let endOfTime = CalendarDate.endOfTime

    static func member(from row: Row) -> Member {
        let attributes = Member.attributes(fromJSON: row[9])
        return Member(
            memberID: row[0],
            name: row[1],
            email: row[2],
            phone: row[3],
            locale: row[4],
            joinedOn: CalendarDate(iso: row[5] as String) ?? endOfTime,
            referredBy: row[6],
            status: Member.Status(rawValue: row[7]) ?? .active,
            referralCode: row[8],
            attributes: attributes,
            token: row[10] ?? "")
    }

    static func entry(from row: Row, offset: Int = 0) -> LedgerEntry {
        LedgerEntry(
            txnID: row[offset],
            postedOn: CalendarDate(iso: row[offset + 1] as String) ?? endOfTime,
            kind: LedgerKind(rawValue: row[offset + 2]) ?? .adjust,
            points: row[offset + 3],
            amount: row[offset + 4],
            description: row[offset + 5],
            source: row[offset + 6])
    }

    static func keyedEntry(from row: Row) -> (memberID: String, entry: LedgerEntry) {
        (row[0], entry(from: row, offset: 1))
    }
}

extension SQLiteStore {
    static let membershipColumns = "member_id, plan, started_on, renews_on, status"

    /// A stored place on a plan; nil for a row the import could not have written.
    static func membership(from row: Row) -> Membership? {
        guard let started = CalendarDate(iso: row[2] as String), let renews = CalendarDate(iso: row[3] as String),
              let status = Membership.Status(rawValue: row[4]) else { return nil }
        return Membership(memberID: row[0], plan: row[1], startedOn: started, renewsOn: renews, status: status)
    }

    func memberships(of memberID: String) throws -> [Membership] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.membershipColumns) FROM memberships WHERE member_id = ? ORDER BY plan",
                             arguments: [memberID]).compactMap(Self.membership(from:))
        }
    }

    func allMemberships() throws -> [String: [Membership]] {
        try database.read { db in
            var result: [String: [Membership]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.membershipColumns) FROM memberships ORDER BY member_id, plan")
            while let row = try rows.next() {
                if let membership = Self.membership(from: row) { result[membership.memberID, default: []].append(membership) }
            }
            return result
        }
    }
}

extension SQLiteStore {
    static let couponColumns = "member_id, offer, code, expires_on"

    /// A stored coupon; nil for a row the import could not have written.
    static func coupon(from row: Row) -> Coupon? {
        guard let expires = CalendarDate(iso: row[3] as String) else { return nil }
        return Coupon(memberID: row[0], offer: row[1], code: row[2], expiresOn: expires)
    }

    func coupons(of memberID: String) throws -> [Coupon] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.couponColumns) FROM coupons WHERE member_id = ? ORDER BY offer",
                             arguments: [memberID]).compactMap(Self.coupon(from:))
        }
    }

    func allCoupons() throws -> [String: [Coupon]] {
        try database.read { db in
            var result: [String: [Coupon]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.couponColumns) FROM coupons ORDER BY member_id, offer")
            while let row = try rows.next() {
                if let coupon = Self.coupon(from: row) { result[coupon.memberID, default: []].append(coupon) }
            }
            return result
        }
    }
}

extension SQLiteStore {
    func hasAttribute(_ name: String) throws -> Bool {
        let path = "$." + "\"" + name.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM members WHERE json_extract(attributes, ?) IS NOT NULL)",
                              arguments: [path]) ?? false
        }
    }
}
