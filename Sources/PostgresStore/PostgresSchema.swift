import Foundation
import PostgresNIO
import PunchcardLocalization
import PunchcardStore

/// The store's tables on PostgreSQL, by the same numbered migrations as the SQLite store's
/// (`SQLiteStore.migrator`), each applied once and recorded in `punchcard_migrations`. Never
/// edit a shipped migration: add a new one, here and in the SQLite store.
///
/// Text that is sorted or compared (ids, days, tokens) is `COLLATE "C"`: byte order, as SQLite
/// sorts, so that both stores stream members in the same order and merge the same way.
enum PostgresSchema {
    static let migrations: [(identifier: String, sql: String)] = [
        ("v1: members, ledger, metadata", """
            CREATE TABLE members (
                member_id     TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                name          TEXT NOT NULL,
                email         TEXT,
                phone         TEXT,
                locale        TEXT COLLATE "C",
                joined_on     TEXT COLLATE "C" NOT NULL,  -- YYYY-MM-DD
                referred_by   TEXT COLLATE "C",           -- a member_id
                status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
                referral_code TEXT COLLATE "C" NOT NULL UNIQUE,
                attributes    TEXT NOT NULL DEFAULT '{}'  -- custom columns, a JSON object of text
            );
            CREATE INDEX members_by_referrer ON members (referred_by, joined_on) WHERE referred_by IS NOT NULL;
            CREATE TABLE ledger (
                member_id   TEXT COLLATE "C" NOT NULL,
                posted_on   TEXT COLLATE "C" NOT NULL,    -- YYYY-MM-DD
                txn_id      TEXT COLLATE "C" NOT NULL,
                kind        TEXT NOT NULL,                -- checked on import
                points      BIGINT NOT NULL,
                amount      TEXT,                         -- decimal text, kept exact
                description TEXT,
                PRIMARY KEY (member_id, posted_on, txn_id)
            );
            CREATE UNIQUE INDEX ledger_by_txn_id ON ledger (txn_id);
            CREATE TABLE store_metadata (
                key   TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            );
            """),
        ("v2: statement page tokens", """
            ALTER TABLE members ADD COLUMN token TEXT COLLATE "C";
            CREATE TABLE retired_tokens (
                token     TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                member_id TEXT COLLATE "C" NOT NULL
            );
            CREATE UNIQUE INDEX members_by_token ON members (token);
            """),
        ("v3: ledger revisions", """
            ALTER TABLE members ADD COLUMN ledger_revision BIGINT NOT NULL DEFAULT 0;
            """),
        ("v4: survey answers", """
            CREATE TABLE surveys (
                member_id   TEXT COLLATE "C" NOT NULL,
                answered_on TEXT COLLATE "C" NOT NULL,    -- YYYY-MM-DD
                score       INTEGER NOT NULL,             -- 0 to 10, checked on import
                comment     TEXT,
                PRIMARY KEY (member_id, answered_on)
            );
            """),
        ("v5: ledger sources", """
            ALTER TABLE ledger ADD COLUMN source TEXT COLLATE "C";
            """),
        ("v6: memberships", """
            CREATE TABLE memberships (
                member_id  TEXT COLLATE "C" NOT NULL,
                plan       TEXT COLLATE "C" NOT NULL,
                started_on TEXT COLLATE "C" NOT NULL,     -- YYYY-MM-DD
                renews_on  TEXT COLLATE "C" NOT NULL,     -- YYYY-MM-DD
                status     TEXT NOT NULL,                 -- checked on import
                PRIMARY KEY (member_id, plan)
            );
            """),
        ("v7: coupons", """
            CREATE TABLE coupons (
                member_id  TEXT COLLATE "C" NOT NULL,
                offer      TEXT COLLATE "C" NOT NULL,
                code       TEXT COLLATE "C" NOT NULL,
                expires_on TEXT COLLATE "C" NOT NULL,     -- YYYY-MM-DD
                PRIMARY KEY (member_id, offer)
            );
            CREATE UNIQUE INDEX coupons_by_code ON coupons (offer, code);
            """),
        // The staff index's search text (`SearchFolding.searchText`), filled from the members by
        // `fillSearchTexts` (the folding is Punchcard's, not the server's); its trigram index,
        // when the server has pg_trgm, by `indexSearchTexts`.
        ("v8: the staff index's search text", """
            CREATE TABLE member_search (
                member_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                folded    TEXT NOT NULL
            );
            """),
        ("v9: erasures", """
            CREATE TABLE erasures (
                opaque_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                erased_at TEXT NOT NULL,
                key       TEXT COLLATE "C" NOT NULL UNIQUE
            );
            """),
    ]

    /// Every member's search text, written once when the table is made: members read in
    /// member_id order a batch at a time (keyset paging), their texts sent by COPY.
    static func fillSearchTexts(_ session: PostgresSession) throws {
        var after = ""
        while true {
            var binds = PostgresBindings()
            binds.append(after)
            let rows = try session.rows(PostgresQuery(unsafeSQL: """
                SELECT member_id, name, email, phone FROM members WHERE member_id > $1 ORDER BY member_id LIMIT 10000
                """, binds: binds))
            guard !rows.isEmpty else { return }
            var copy = CopyText()
            for row in rows {
                let memberID = try session.decode(row, 0, as: String.self)
                copy.field(memberID)
                copy.field(SearchFolding.searchText(name: try session.decode(row, 1, as: String.self), memberID: memberID,
                                                    email: try session.decode(row, 2, as: String?.self),
                                                    phone: try session.decode(row, 3, as: String?.self)))
                copy.endRow()
                after = memberID
            }
            try session.copy(into: "member_search", columns: ["member_id", "folded"], data: copy.buffer)
        }
    }

    /// A trigram index of the search texts (pg_trgm's GIN operator class), so that `LIKE
    /// '%…%'` finds a member without reading them all. pg_trgm ships with PostgreSQL but a
    /// database may not allow an extension: then searching reads the texts through, still correct.
    static func indexSearchTexts(_ session: PostgresSession) throws {
        try session.execute(sql: "SAVEPOINT punchcard_trigrams")
        do {
            try session.execute(sql: "CREATE EXTENSION IF NOT EXISTS pg_trgm")
            try session.execute(sql: "CREATE INDEX member_search_trigrams ON member_search USING gin (folded gin_trgm_ops)")
            try session.execute(sql: "RELEASE SAVEPOINT punchcard_trigrams")
        } catch {
            try session.execute(sql: "ROLLBACK TO SAVEPOINT punchcard_trigrams")
        }
    }

    /// An arbitrary constant: the advisory lock that serialises migrations between processes.
    static let migrationLock = 7_013_117_042

    /// Checks that the database holds a Punchcard store (or, with `create`, makes one in a
    /// database without one) and applies the migrations it lacks, in one transaction.
    static func prepare(_ session: PostgresSession, create: Bool) throws {
        try session.transaction { try apply(session, create: create) }
    }

    /// `prepare`'s work inside a transaction the caller holds: a first import creates the tables in
    /// its own transaction, so that a refused import leaves the database without a store, as it was.
    static func apply(_ session: PostgresSession, create: Bool) throws {
        let place = session.address.description
        do {
            try session.execute(PostgresQuery(unsafeSQL: "SELECT pg_advisory_xact_lock(\(migrationLock))"))
            let tables = Set(try session.rows(sql: """
                SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()
                """).map { try session.decode($0, 0, as: String.self) })
            if !tables.contains("punchcard_migrations") {
                if tables.contains("members") || tables.contains("ledger") {
                    // Another program's tables: never add ours beside them.
                    throw StoreError.notAStore(path: place, reason: "a database whose members or ledger table another program made")
                }
                guard create else { throw StoreError.missing(path: place) }
                try session.execute(sql: """
                    CREATE TABLE punchcard_migrations (
                        identifier TEXT NOT NULL PRIMARY KEY,
                        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                    )
                    """)
            }
            let applied = Set(try session.rows(sql: "SELECT identifier FROM punchcard_migrations")
                .map { try session.decode($0, 0, as: String.self) })
            let known = Set(migrations.map(\.identifier))
            if !applied.isSubset(of: known) {
                throw StoreError.cannotOpen(path: place, reason: "the store was written by a newer Punchcard; upgrade Punchcard to read it")
            }
            for migration in migrations where !applied.contains(migration.identifier) {
                // One statement at a time: the extended protocol takes one command per query.
                for statement in migration.sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
                    try session.execute(sql: String(statement))
                }
                if migration.identifier.hasPrefix("v8:") {
                    try fillSearchTexts(session)
                    try indexSearchTexts(session)
                }
                var binds = PostgresBindings()
                binds.append(migration.identifier)
                try session.execute(PostgresQuery(unsafeSQL: "INSERT INTO punchcard_migrations (identifier) VALUES ($1)", binds: binds))
            }
        }
    }
}
