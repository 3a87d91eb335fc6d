import Foundation
import PostgresNIO
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

extension PostgresStore {
    /// As the SQLite store's (`Erasure`), in one transaction on a connection of its own.
    public func forget(_ memberIDs: [String], at stamp: String) throws -> [(memberID: String, erasure: Erasure)] {
        let session = try PostgresSession.connect(address)
        defer { session.close() }
        do {
            return try session.transaction {
                try session.execute(sql: "SET LOCAL lock_timeout = '\(Int(MemberStore.busyTimeout))s'")
                var random = SystemRandomNumberGenerator()
                let keys = ErasureKey(salt: try Self.erasureSalt(session))
                var done: [(String, Erasure)] = []
                func run(_ sql: String, _ values: String?...) throws {
                    var binds = PostgresBindings()
                    for value in values { binds.append(value) }
                    _ = try session.execute(PostgresQuery(unsafeSQL: sql, binds: binds))
                }
                for memberID in memberIDs {
                    var binds = PostgresBindings()
                    binds.append(memberID)
                    let rows = try session.rows(PostgresQuery(unsafeSQL: "SELECT token FROM members WHERE member_id = $1 FOR UPDATE", binds: binds))
                    guard let row = rows.first else { throw StoreError.unknownMember(memberID) }
                    let token = try session.decode(row, 0, as: String?.self)
                    let opaque = Erasure.newOpaqueID(using: &random)
                    if let token, MemberToken.isWellFormed(token) {
                        try run("INSERT INTO retired_tokens (token, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", token, memberID)
                    }
                    try run("UPDATE retired_tokens SET member_id = $1 WHERE member_id = $2", opaque, memberID)
                    try run("DELETE FROM member_search WHERE member_id = $1", memberID)
                    var code = ReferralCode.random(using: &random)
                    while try session.value(PostgresQuery(unsafeSQL: "SELECT count(*) FROM members WHERE referral_code = $1",
                                                          binds: Self.binds(code)), as: Int.self) ?? 0 > 0 {
                        code = ReferralCode.random(using: &random)
                    }
                    var update = PostgresBindings()
                    update.append(opaque)
                    update.append(code)
                    update.append("{\"erased_at\":\"\(stamp)\"}")
                    update.append(Int64.random(in: 1...Int64.max, using: &random))
                    update.append(memberID)
                    _ = try session.execute(PostgresQuery(unsafeSQL: """
                        UPDATE members SET member_id = $1, name = '', email = NULL, phone = NULL, locale = NULL, referral_code = $2,
                            attributes = $3, token = $1, ledger_revision = $4 WHERE member_id = $5
                        """, binds: update))
                    try run("UPDATE members SET referred_by = $1 WHERE referred_by = $2", opaque, memberID)
                    try run("UPDATE ledger SET member_id = $1, description = NULL WHERE member_id = $2", opaque, memberID)
                    try run("UPDATE surveys SET member_id = $1, comment = NULL WHERE member_id = $2", opaque, memberID)
                    try run("UPDATE memberships SET member_id = $1 WHERE member_id = $2", opaque, memberID)
                    try run("DELETE FROM coupons WHERE member_id = $1", memberID)
                    try run("INSERT INTO erasures (opaque_id, erased_at, key) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
                            opaque, stamp, keys.key(of: memberID))
                    done.append((memberID, Erasure(opaqueID: opaque, erasedAt: stamp)))
                }
                return done
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw PostgresErrors.storeError(error, address: address)
        }
    }

    public func erasure(of memberID: String) throws -> Erasure? {
        try withSnapshot { session in
            guard let hex = try session.value(PostgresQuery(unsafeSQL: "SELECT value FROM store_metadata WHERE key = 'erasure_salt'"),
                                              as: String.self) else { return nil }
            let key = ErasureKey(salt: ErasureKey.salt(fromHex: hex)).key(of: memberID)
            guard let row = try session.rows(PostgresQuery(unsafeSQL: "SELECT opaque_id, erased_at FROM erasures WHERE key = $1",
                                                           binds: Self.binds(key))).first else { return nil }
            return Erasure(opaqueID: try session.decode(row, 0, as: String.self), erasedAt: try session.decode(row, 1, as: String.self))
        }
    }

    static func erasureSalt(_ session: PostgresSession) throws -> [UInt8] {
        if let hex = try session.value(PostgresQuery(unsafeSQL: "SELECT value FROM store_metadata WHERE key = 'erasure_salt'"), as: String.self) {
            return ErasureKey.salt(fromHex: hex)
        }
        let hex = ErasureKey.newSalt()
        _ = try session.execute(PostgresQuery(unsafeSQL: "INSERT INTO store_metadata (key, value) VALUES ('erasure_salt', $1)",
                                              binds: Self.binds(hex)))
        return ErasureKey.salt(fromHex: hex)
    }
}
