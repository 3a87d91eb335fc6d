import Foundation
import PunchcardPostgres
import PunchcardStore
import Testing

/// Reading a PostgreSQL address as libpq does: the URL, then PG* variables, then ~/.pgpass.
@Suite struct PostgresAddressTests {
    let noEnvironment: [String: String] = ["USER": "operator"]

    @Test func everyPartOfTheURLIsRead() throws {
        let address = try PostgresAddress.parse(
            "postgresql://loyalty:p%40ss@db.internal:6543/rewards%20db?sslmode=require", environment: noEnvironment,
            passwordFile: "/nonexistent")
        #expect(address.host == "db.internal")
        #expect(address.port == 6543)
        #expect(address.user == "loyalty")
        #expect(address.password == "p@ss")
        #expect(address.database == "rewards db")
        #expect(address.tls == .require)
        #expect(!address.description.contains("p@ss"))
        #expect(address.description == "postgres://loyalty@db.internal:6543/rewards db")
    }

    @Test func whatTheURLLeavesOutComesFromTheEnvironment() throws {
        let environment = ["PGHOST": "10.0.0.5", "PGPORT": "5433", "PGUSER": "batch", "PGDATABASE": "loyalty",
                           "PGPASSWORD": "from-env", "PGSSLMODE": "disable"]
        let address = try PostgresAddress.parse("postgres://", environment: environment, passwordFile: "/nonexistent")
        #expect(address == PostgresAddress(host: "10.0.0.5", port: 5433, user: "batch", password: "from-env",
                                           database: "loyalty", tls: .disable))
        // The URL wins over the environment, part by part.
        let mixed = try PostgresAddress.parse("postgres://other@/db2", environment: environment, passwordFile: "/nonexistent")
        #expect(mixed.user == "other" && mixed.database == "db2" && mixed.host == "10.0.0.5" && mixed.port == 5433)
    }

    @Test func theDatabaseDefaultsToTheUsersName() throws {
        let address = try PostgresAddress.parse("postgres://ana@127.0.0.1", environment: noEnvironment, passwordFile: "/nonexistent")
        #expect(address.database == "ana")
        #expect(address.port == 5432)
        #expect(address.tls == .prefer)
        #expect(address.password == nil)
    }

    @Test func aUnixSocketFolderAndAnIPv6Host() throws {
        let socket = try PostgresAddress.parse("postgres:///rewards?host=/run/postgresql&port=5444", environment: noEnvironment,
                                               passwordFile: "/nonexistent")
        #expect(socket.isUnixSocket)
        #expect(socket.socketPath == "/run/postgresql/.s.PGSQL.5444")
        let ipv6 = try PostgresAddress.parse("postgres://u@[::1]:5999/d", environment: noEnvironment, passwordFile: "/nonexistent")
        #expect(ipv6.host == "::1" && ipv6.port == 5999)
    }

    @Test func thePasswordFileIsReadAsLibpqReadsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try """
            # comment
            other.host:5432:rewards:loyalty:wrong
            db.internal:*:rewards:loyalty:se\\:cr\\\\et
            *:*:*:*:fallback
            """.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let address = try PostgresAddress.parse("postgres://loyalty@db.internal/rewards", environment: noEnvironment, passwordFile: file)
        #expect(address.password == "se:cr\\et")
        let other = try PostgresAddress.parse("postgres://someone@elsewhere/x", environment: noEnvironment, passwordFile: file)
        #expect(other.password == "fallback")
        // Readable by others: ignored, as libpq ignores it.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let ignored = try PostgresAddress.parse("postgres://loyalty@db.internal/rewards", environment: noEnvironment, passwordFile: file)
        #expect(ignored.password == nil)
    }

    @Test func badPartsAreRefusedInWords() {
        for (address, words) in [("postgres://h:99999/d", "not a number from 1 to 65535"),
                                 ("postgres://h:port/d", "not a number from 1 to 65535"),
                                 ("postgres://h/d?sslmode=sometimes", "is not disable, prefer, require or verify-full")] {
            #expect {
                _ = try PostgresAddress.parse(address, environment: noEnvironment, passwordFile: "/nonexistent")
            } throws: { error in "\(error)".contains(words) }
        }
    }

    /// Nothing listens on port 1: the refusal names the server and hides the password.
    @Test func anUnreachableServerIsSaidPlainlyWithoutThePassword() {
        PostgresStore.register()
        #expect {
            _ = try MemberStore(path: "postgres://loyalty:s3cret@127.0.0.1:1/rewards")
        } throws: { error in
            let text = "\(error)"
            return text.contains("cannot reach a PostgreSQL server at 127.0.0.1:1") && !text.contains("s3cret")
        }
    }
}
