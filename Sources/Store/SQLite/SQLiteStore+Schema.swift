import GRDB
import PunchcardLocalization
import PunchcardStatements

extension SQLiteStore {
    /// Versioned schema. Never edit a shipped migration: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1: members, ledger, metadata") { db in
            try db.execute(sql: """
                CREATE TABLE members (
                    member_id     TEXT NOT NULL PRIMARY KEY,
                    name          TEXT NOT NULL,
                    email         TEXT,
                    phone         TEXT,
                    locale        TEXT,
                    joined_on     TEXT NOT NULL,           -- YYYY-MM-DD
                    referred_by   TEXT,                    -- a member_id
                    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
                    referral_code TEXT NOT NULL UNIQUE,
                    attributes    TEXT NOT NULL DEFAULT '{}' -- custom columns, a JSON object of text
                ) WITHOUT ROWID;

                -- referred_count: members referred by X who joined on or before a day.
                CREATE INDEX members_by_referrer ON members (referred_by, joined_on) WHERE referred_by IS NOT NULL;

                -- No CHECK constraints here: the import validates every row, and a CHECK on kind
                -- nearly doubled SQLite's cost of a bulk insert.
                -- Clustered by member and posting order, the order statements read rows in:
                -- a whole-store statement run is one sequential scan.
                CREATE TABLE ledger (
                    member_id   TEXT NOT NULL,
                    posted_on   TEXT NOT NULL,             -- YYYY-MM-DD
                    txn_id      TEXT NOT NULL,
                    kind        TEXT NOT NULL,             -- earn|bonus|referral|redeem|expire|adjust, checked on import
                    points      INTEGER NOT NULL,
                    amount      TEXT,                      -- decimal text, kept exact
                    description TEXT,
                    PRIMARY KEY (member_id, posted_on, txn_id)
                ) WITHOUT ROWID;

                CREATE UNIQUE INDEX ledger_by_txn_id ON ledger (txn_id);

                CREATE TABLE store_metadata (
                    key   TEXT NOT NULL PRIMARY KEY,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: statement page tokens") { db in
            try db.execute(sql: """
                ALTER TABLE members ADD COLUMN token TEXT;
                -- Tokens replaced by `punchcard rotate-token`: the next build moves or removes their pages.
                CREATE TABLE retired_tokens (
                    token     TEXT NOT NULL PRIMARY KEY,
                    member_id TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
            var random = SystemRandomNumberGenerator()
            let ids = try String.fetchAll(db, sql: "SELECT member_id FROM members")
            let update = try db.makeStatement(sql: "UPDATE members SET token = ? WHERE member_id = ?")
            for id in ids { try update.execute(arguments: [MemberToken.random(using: &random), id]) }
            try db.execute(sql: "CREATE UNIQUE INDEX members_by_token ON members (token)")
        }
        migrator.registerMigration("v3: ledger revisions") { db in
            // Ledger rows are never changed or removed once stored, only added; so a number replaced
            // (with a random one) whenever a member gains rows tells a build that their ledger is
            // unchanged without reading it. Stores made before this start every member at 0.
            try db.execute(sql: "ALTER TABLE members ADD COLUMN ledger_revision INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v4: survey answers") { db in
            // Net Promoter Score answers for the operator's report: one per member and day.
            try db.execute(sql: """
                CREATE TABLE surveys (
                    member_id   TEXT NOT NULL,
                    answered_on TEXT NOT NULL,             -- YYYY-MM-DD
                    score       INTEGER NOT NULL,          -- 0 to 10, checked on import
                    comment     TEXT,
                    PRIMARY KEY (member_id, answered_on)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v5: ledger sources") { db in
            // Where a row's points came from: a `sources:` id of program.yml, checked on import.
            try db.execute(sql: "ALTER TABLE ledger ADD COLUMN source TEXT")
        }
        migrator.registerMigration("v6: memberships") { db in
            // Members' places on the program's paid plans (memberships: in program.yml).
            try db.execute(sql: """
                CREATE TABLE memberships (
                    member_id  TEXT NOT NULL,
                    plan       TEXT NOT NULL,
                    started_on TEXT NOT NULL,          -- YYYY-MM-DD
                    renews_on  TEXT NOT NULL,          -- YYYY-MM-DD
                    status     TEXT NOT NULL,          -- active | cancelled | lapsed, checked on import
                    PRIMARY KEY (member_id, plan)
                ) WITHOUT ROWID
                """)
        }
        migrator.registerMigration("v7: coupons") { db in
            // Codes issued to particular members for particular offers (content/offers/<offer>.md).
            try db.execute(sql: """
                CREATE TABLE coupons (
                    member_id  TEXT NOT NULL,
                    offer      TEXT NOT NULL,
                    code       TEXT NOT NULL,
                    expires_on TEXT NOT NULL,          -- YYYY-MM-DD, the last day it can be used
                    PRIMARY KEY (member_id, offer)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX coupons_by_code ON coupons (offer, code);
                """)
        }
        migrator.registerMigration("v8: the staff index's search text") { db in
            // What staff type at the counter, folded (`SearchFolding.searchText`), and an FTS5
            // index of its trigrams (an external-content table over `member_search`): a search
            // finds a part of a name, an id, an address or a phone number without reading every
            // member. The import writes the index once, at the end of the members
            // (`SQLiteImportTarget.finishMembers`), not row by row: FTS5 writes its pending terms
            // out at every statement's savepoint, which made a row-by-row index ten times slower.
            try db.execute(sql: """
                CREATE TABLE member_search (
                    member_id TEXT NOT NULL PRIMARY KEY,
                    folded    TEXT NOT NULL
                );
                CREATE VIRTUAL TABLE member_search_index USING fts5(
                    folded, content = 'member_search', tokenize = 'trigram case_sensitive 1');
                """)
            db.add(function: searchTextFunction)
            try db.execute(sql: """
                INSERT INTO member_search (member_id, folded)
                SELECT member_id, punchcard_search_text(name, member_id, email, phone) FROM members ORDER BY member_id
                """)
            try db.execute(sql: "INSERT INTO member_search_index (member_search_index) VALUES ('rebuild')")
        }
        migrator.registerMigration("v9: erasures") { db in
            // Members erased on request (`Erasure`): no personal data, only the opaque id their
            // kept rows carry, when, and the key a later import recognises the member_id by.
            try db.execute(sql: """
                CREATE TABLE erasures (
                    opaque_id TEXT NOT NULL PRIMARY KEY,
                    erased_at TEXT NOT NULL,           -- ISO 8601, UTC
                    key       TEXT NOT NULL UNIQUE     -- ErasureKey of the member_id
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    static let searchTextFunction = DatabaseFunction("punchcard_search_text", argumentCount: 4, pure: true) { values in
        SearchFolding.searchText(name: String.fromDatabaseValue(values[0]) ?? "", memberID: String.fromDatabaseValue(values[1]) ?? "",
                                 email: String.fromDatabaseValue(values[2]), phone: String.fromDatabaseValue(values[3]))
    }
}
