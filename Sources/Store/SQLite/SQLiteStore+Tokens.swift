import GRDB
import PunchcardStatements

extension SQLiteStore {
    /// Gives the member a new statement-page token; returns it. The old token is remembered until
    /// the next build has moved the member's pages to the new one.
    func rotateToken(of memberID: String) throws -> String {
        var random = SystemRandomNumberGenerator()
        let token = MemberToken.random(using: &random)
        try database.write { db in
            guard let old = try String.fetchOne(db, sql: "SELECT token FROM members WHERE member_id = ?",
                                                arguments: [memberID]) else {
                throw StoreError.unknownMember(memberID)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO retired_tokens (token, member_id) VALUES (?, ?)",
                           arguments: [old, memberID])
            try db.execute(sql: "UPDATE members SET token = ? WHERE member_id = ?", arguments: [token, memberID])
        }
        return token
    }

    func retiredTokens() throws -> [RetiredToken] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT retired.token, retired.member_id, members.token FROM retired_tokens AS retired
                LEFT JOIN members USING (member_id) ORDER BY retired.token
                """).map { RetiredToken(token: $0[0], memberID: $0[1], currentToken: $0[2]) }
        }
    }

    /// Forgets retired tokens once a build has dealt with their pages.
    func forgetRetiredTokens(_ tokens: [RetiredToken]) throws {
        try database.write { db in
            for token in tokens {
                try db.execute(sql: "DELETE FROM retired_tokens WHERE token = ?", arguments: [token.token])
            }
        }
    }

    /// Calls `body` with a function that tells whether a token belongs to a member, all in one
    /// read transaction (for sweeping the output folder without holding every token in memory).
    func withTokenLookup<T>(_ body: (([String]) throws -> Set<String>) throws -> T) throws -> T {
        try database.read { db in
            let statement = try db.makeStatement(sql: "SELECT EXISTS (SELECT 1 FROM members WHERE token = ?)")
            return try body { tokens in
                try Set(tokens.filter { try Bool.fetchOne(statement, arguments: [$0]) ?? false })
            }
        }
    }

    /// Every member's token, in member_id order (for `punchcard links`), streamed.
    func forEachMember(_ body: (Member) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.memberColumns) FROM members ORDER BY member_id")
            while let row = try rows.next() { try body(Self.member(from: row)) }
        }
    }
}
