import Foundation
import GRDB
import PunchcardStatements
import PunchcardSupport

/// A member with what their statement needs: their ledger rows and how many friends they referred.
public struct MemberLedger: Sendable {
    public var member: Member
    /// In rule order: posting day, then txn_id.
    public var entries: [LedgerEntry]
    /// Members referred by this one who joined on or before the day the rows were read up to.
    public var referredCount: Int

    public init(member: Member, entries: [LedgerEntry], referredCount: Int) {
        self.member = member
        self.entries = entries
        self.referredCount = referredCount
    }
}

extension MemberStore {
    static let memberColumns =
        "member_id, name, email, phone, locale, joined_on, referred_by, status, referral_code, attributes, token"
    static let ledgerColumns = "txn_id, posted_on, kind, points, amount, description"
    /// The ledger columns of `ledgerColumns`, with txn_id, amount and description only for rows
    /// posted on or after the `:details` parameter (see `forEachMember(through:detailsFrom:)`).
    static let ledgerColumnsWithDetailsFrom = """
        CASE WHEN posted_on >= :details THEN txn_id ELSE '' END, posted_on, kind, points,
        CASE WHEN posted_on >= :details THEN amount END,
        CASE WHEN posted_on >= :details THEN description END
        """
    /// Each member's referral count: friends who joined on or before the `:end` parameter.
    static let referredCountColumn = """
        (SELECT count(*) FROM members AS friend
          WHERE friend.referred_by = members.member_id AND friend.joined_on <= :end)
        """

    public func memberCount() throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM members") ?? 0 }
    }

    public func ledgerCount() throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ledger") ?? 0 }
    }

    public func member(_ memberID: String) throws -> Member? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.memberColumns) FROM members WHERE member_id = ?",
                             arguments: [memberID]).map(Self.member(from:))
        }
    }

    /// A member's ledger rows posted on or before `end` (all when nil), in rule order.
    public func ledger(of memberID: String, through end: CalendarDate? = nil) throws -> [LedgerEntry] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.ledgerColumns) FROM ledger
                    WHERE member_id = ? AND posted_on <= ? ORDER BY posted_on, txn_id
                    """,
                arguments: [memberID, (end ?? Self.endOfTime).description]
            ).map { Self.entry(from: $0) }
        }
    }

    public func referredCount(of memberID: String, joinedOnOrBefore end: CalendarDate) throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM members WHERE referred_by = ? AND joined_on <= ?",
                arguments: [memberID, end.description]) ?? 0
        }
    }

    /// One member with their ledger through `end`, or nil when there is no such member.
    public func memberLedger(_ memberID: String, through end: CalendarDate) throws -> MemberLedger? {
        guard let member = try member(memberID) else { return nil }
        return MemberLedger(
            member: member,
            entries: try ledger(of: memberID, through: end),
            referredCount: try referredCount(of: memberID, joinedOnOrBefore: end))
    }

    /// Streams every member in member_id order, each with their ledger rows posted on or before
    /// `end`. One member's rows are in memory at a time, so memory stays flat however large the
    /// store: both tables are read in member_id order and merged.
    ///
    /// - Parameter detailsFrom: rows posted before this day come without their txn_id, amount and
    ///   description (they only count towards balances and lots, already in rule order); reading
    ///   those strings for years of history was most of the cost of a whole-store pass.
    public func forEachMember(through end: CalendarDate, detailsFrom: CalendarDate? = nil,
                              _ body: (MemberLedger) throws -> Void) throws {
        try streamMembers(through: end, detailsFrom: detailsFrom, surveys: false) { ledger, _ in try body(ledger) }
    }

    /// Every member with their ledger through `end` (as `forEachMember`) and all their survey
    /// answers, in member_id order, one member in memory at a time.
    public func forEachMemberWithSurveys(through end: CalendarDate, detailsFrom: CalendarDate? = nil,
                                         _ body: (MemberLedger, [SurveyAnswer]) throws -> Void) throws {
        try streamMembers(through: end, detailsFrom: detailsFrom, surveys: true, body)
    }

    /// Members, their ledger rows and (when asked) their survey answers: three cursors in
    /// member_id order, merged, so that a whole-store pass is sequential scans.
    private func streamMembers(through end: CalendarDate, detailsFrom: CalendarDate?, surveys: Bool,
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

            var pending: (memberID: String, entry: LedgerEntry)? = try rows.next().map(Self.keyedEntry(from:))
            func nextAnswer() throws -> SurveyAnswer? {
                while let row = try answers?.next() {
                    if let answer = Self.surveyAnswer(from: row) { return answer }
                }
                return nil
            }
            var pendingAnswer = try nextAnswer()
            while let row = try members.next() {
                let member = Self.member(from: row)
                var entries: [LedgerEntry] = []
                // Byte order, as SQLite sorts. Rows of a member_id missing from members (none in a
                // consistent store) are skipped.
                while let current = pending, !member.memberID.utf8.lexicographicallyPrecedes(current.memberID.utf8) {
                    if current.memberID == member.memberID { entries.append(current.entry) }
                    pending = try rows.next().map(Self.keyedEntry(from:))
                }
                var memberAnswers: [SurveyAnswer] = []
                while let answer = pendingAnswer, !member.memberID.utf8.lexicographicallyPrecedes(answer.memberID.utf8) {
                    if answer.memberID == member.memberID { memberAnswers.append(answer) }
                    pendingAnswer = try nextAnswer()
                }
                try body(MemberLedger(member: member, entries: entries, referredCount: row[11]), memberAnswers)
            }
        }
    }

    /// A stored answer; nil for one whose day does not read (none in a store this importer wrote).
    static func surveyAnswer(from row: Row) -> SurveyAnswer? {
        guard let day = CalendarDate(iso: row[1] as String) else { return nil }
        return SurveyAnswer(memberID: row[0], answeredOn: day, score: row[2], comment: row[3])
    }

    // MARK: Row decoding

    /// Sorts after every real date, for "no upper bound".
    static let endOfTime = CalendarDate(year: 9999, month: 12, day: 31)!

    static func member(from row: Row) -> Member {
        let attributesJSON: String = row[9]
        var attributes: [String: String] = [:]
        if attributesJSON != "{}",
           let decoded = try? JSONDecoder().decode([String: String].self, from: Data(attributesJSON.utf8)) {
            attributes = decoded
        }
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
            description: row[offset + 5])
    }

    static func keyedEntry(from row: Row) -> (memberID: String, entry: LedgerEntry) {
        (row[0], entry(from: row, offset: 1))
    }
}
