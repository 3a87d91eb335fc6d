import Foundation
import GRDB
import PunchcardStatements
import PunchcardSupport

extension SQLiteStore {
    /// Erases the members in one transaction (see `Erasure` for what goes and what stays).
    /// Members not in the store are refused before anything changes.
    func forget(_ memberIDs: [String], at stamp: String) throws -> [(memberID: String, erasure: Erasure)] {
        try database.write { db in
            var random = SystemRandomNumberGenerator()
            let keys = ErasureKey(salt: try Self.erasureSalt(db))
            var done: [(String, Erasure)] = []
            for memberID in memberIDs {
                guard let row = try Row.fetchOne(db, sql: "SELECT token FROM members WHERE member_id = ?", arguments: [memberID]) else {
                    throw StoreError.unknownMember(memberID)
                }
                let token: String? = row[0]
                let opaque = Erasure.newOpaqueID(using: &random)
                // The statement addresses retire: the next build removes their pages.
                if let token, MemberToken.isWellFormed(token) {
                    try db.execute(sql: "INSERT OR IGNORE INTO retired_tokens (token, member_id) VALUES (?, ?)", arguments: [token, memberID])
                }
                try db.execute(sql: "UPDATE retired_tokens SET member_id = ? WHERE member_id = ?", arguments: [opaque, memberID])
                // The search text goes, with its index entries.
                if let search = try Row.fetchOne(db, sql: "SELECT rowid, folded FROM member_search WHERE member_id = ?", arguments: [memberID]) {
                    try db.execute(sql: "INSERT INTO member_search_index (member_search_index, rowid, folded) VALUES ('delete', ?, ?)",
                                   arguments: [search[0] as Int64, search[1] as String])
                    try db.execute(sql: "DELETE FROM member_search WHERE member_id = ?", arguments: [memberID])
                }
                var code = ReferralCode.random(using: &random)
                while try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM members WHERE referral_code = ?)", arguments: [code]) == true {
                    code = ReferralCode.random(using: &random)
                }
                try db.execute(sql: """
                    UPDATE members SET member_id = ?, name = '', email = NULL, phone = NULL, locale = NULL, referral_code = ?,
                        attributes = ?, token = ?, ledger_revision = ? WHERE member_id = ?
                    """, arguments: [opaque, code, "{\"erased_at\":\"\(stamp)\"}", opaque, Int64.random(in: 1...Int64.max, using: &random), memberID])
                try db.execute(sql: "UPDATE members SET referred_by = ? WHERE referred_by = ?", arguments: [opaque, memberID])
                try db.execute(sql: "UPDATE ledger SET member_id = ?, description = NULL WHERE member_id = ?", arguments: [opaque, memberID])
                try db.execute(sql: "UPDATE surveys SET member_id = ?, comment = NULL WHERE member_id = ?", arguments: [opaque, memberID])
                try db.execute(sql: "UPDATE memberships SET member_id = ? WHERE member_id = ?", arguments: [opaque, memberID])
                try db.execute(sql: "DELETE FROM coupons WHERE member_id = ?", arguments: [memberID])
                try db.execute(sql: "INSERT INTO erasures (opaque_id, erased_at, key) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
                               arguments: [opaque, stamp, keys.key(of: memberID)])
                done.append((memberID, Erasure(opaqueID: opaque, erasedAt: stamp)))
            }
            return done
        }
    }

    /// The erasure recorded for a member_id, if it was erased.
    func erasure(of memberID: String) throws -> Erasure? {
        try database.read { db in
            guard let salt = try String.fetchOne(db, sql: "SELECT value FROM store_metadata WHERE key = 'erasure_salt'") else { return nil }
            let key = ErasureKey(salt: ErasureKey.salt(fromHex: salt)).key(of: memberID)
            return try Row.fetchOne(db, sql: "SELECT opaque_id, erased_at FROM erasures WHERE key = ?", arguments: [key])
                .map { Erasure(opaqueID: $0[0], erasedAt: $0[1]) }
        }
    }

    /// The store's salt for erasure keys, made on the first erasure.
    static func erasureSalt(_ db: Database) throws -> [UInt8] {
        if let hex = try String.fetchOne(db, sql: "SELECT value FROM store_metadata WHERE key = 'erasure_salt'") {
            return ErasureKey.salt(fromHex: hex)
        }
        let hex = ErasureKey.newSalt()
        try db.execute(sql: "INSERT INTO store_metadata (key, value) VALUES ('erasure_salt', ?)", arguments: [hex])
        return ErasureKey.salt(fromHex: hex)
    }
}
