import Foundation
import PunchcardStore

/// Where a PostgreSQL store is and who connects to it, as libpq reads it: the URL
/// (`postgres://user:password@host:port/database?sslmode=…&host=/socket/folder`), then the
/// standard `PG*` environment variables for what the URL leaves out, then `~/.pgpass` (or
/// `PGPASSFILE`) for the password. The password is never shown (`description` leaves it out).
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS always, without checking the certificate.
        case require
        /// TLS always, with the certificate checked against the system's trust store and the host name.
        case verifyFull = "verify-full"
    }

    /// A host name or address; a path (starting with `/`) is the folder of the server's Unix socket.
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(host: String, port: Int, user: String, password: String?, database: String, tls: TLSMode) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    public var isUnixSocket: Bool { host.hasPrefix("/") }
    /// The socket file: `<folder>/.s.PGSQL.<port>`, as the server names it.
    public var socketPath: String { "\(host)/.s.PGSQL.\(port)" }

    public var description: String {
        let place = isUnixSocket ? "socket \(socketPath)" : "\(host):\(port)"
        return "postgres://\(user)@\(place)/\(database)"
    }

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads `address` with `environment` and the password file; throws a `Problem` in plain
    /// words (never quoting the password).
    public static func parse(_ address: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                             passwordFile: String? = nil) throws -> PostgresAddress {
        guard let schemeEnd = address.range(of: "://") else { throw Problem(description: "not a postgres:// address") }
        let scheme = address[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw Problem(description: "\(scheme):// is not a PostgreSQL address (postgres://user@host:port/database)")
        }
        var rest = Substring(address[schemeEnd.upperBound...])
        var query: [String: String] = [:]
        if let mark = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let key = parts.first.map({ decode($0) }) else { continue }
                query[key] = parts.count > 1 ? decode(parts[1]) : ""
            }
            rest = rest[..<mark]
        }
        var databasePart: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            databasePart = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var userPart: Substring?, passwordPart: Substring?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                userPart = userInfo[..<colon]
                passwordPart = userInfo[userInfo.index(after: colon)...]
            } else {
                userPart = userInfo
            }
            rest = rest[rest.index(after: at)...]
        }
        var hostPart: Substring = rest, portPart: Substring?
        if rest.hasPrefix("[") , let close = rest.firstIndex(of: "]") { // [::1]:5432
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portPart = rest[rest.index(after: colon)...]
        }

        func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        let host = nonEmpty(query["host"]) ?? nonEmpty(decode(hostPart)) ?? nonEmpty(environment["PGHOST"])
            ?? (FileManager.default.fileExists(atPath: "/var/run/postgresql") ? "/var/run/postgresql" : "localhost")
        let portText = nonEmpty(query["port"]) ?? nonEmpty(portPart.map { decode($0) }) ?? nonEmpty(environment["PGPORT"]) ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw Problem(description: "the port \(portText.prefix(20)) is not a number from 1 to 65535")
        }
        let user = nonEmpty(query["user"]) ?? nonEmpty(userPart.map { decode($0) }) ?? nonEmpty(environment["PGUSER"])
            ?? nonEmpty(environment["USER"]) ?? NSUserName()
        let database = nonEmpty(query["dbname"]) ?? nonEmpty(decode(databasePart)) ?? nonEmpty(environment["PGDATABASE"]) ?? user
        let tlsText = nonEmpty(query["sslmode"]) ?? nonEmpty(environment["PGSSLMODE"]) ?? "prefer"
        let tls: TLSMode
        switch tlsText {
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer
        case "require", "verify-ca": tls = .require
        case "verify-full": tls = .verifyFull
        default: throw Problem(description: "sslmode \(tlsText.prefix(20)) is not disable, prefer, require or verify-full")
        }
        var result = PostgresAddress(host: host, port: port, user: user, password: nil, database: database, tls: tls)
        result.password = query["password"] ?? passwordPart.map { decode($0) } ?? environment["PGPASSWORD"]
            ?? result.passwordFromFile(passwordFile ?? environment["PGPASSFILE"]
                                       ?? (NSHomeDirectory() as NSString).appendingPathComponent(".pgpass"))
        return result
    }

    /// The password `~/.pgpass` gives this host, port, database and user: the first line whose
    /// five fields match (`*` matches anything; `\:` and `\\` are a colon and a backslash).
    /// libpq ignores the file when others can read it; so does this.
    func passwordFromFile(_ path: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue, permissions & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let hostName = isUnixSocket ? "localhost" : host
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = [], field = "", escaped = false
            for character in line {
                if escaped { field.append(character); escaped = false }
                else if character == "\\" { escaped = true }
                else if character == ":" && fields.count < 4 { fields.append(field); field = "" }
                else { field.append(character) }
            }
            fields.append(field)
            guard fields.count == 5 else { continue }
            let wanted = [hostName, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func decode(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }
}
