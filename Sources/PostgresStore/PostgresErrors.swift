import Foundation
import NIOCore
import PostgresNIO
import PunchcardStore

/// The server's and the driver's errors in the operator's words. No PostgreSQL message reaches
/// the operator (it may quote the query or the data); the SQLSTATE code decides the words.
enum PostgresErrors {
    static func storeError(_ error: Error, address: PostgresAddress) -> Error {
        if error is StoreError { return error }
        let place = address.description
        func cannot(_ why: String) -> StoreError { .cannotOpen(path: place, reason: why) }
        if let lost = error as? PostgresSession.ConnectionLost {
            return lost.timedOut
                ? StoreError.connectionLost(path: place, reason: "the server did not answer within \(Int(PostgresSession.longestWait)) s (PUNCHCARD_SERVER_TIMEOUT)")
                : StoreError.connectionLost(path: place, reason: "the server closed the connection")
        }
        if let decoding = error as? PostgresDecodingError {
            return cannot("a column of the store has an unexpected type (\(decoding.columnName)); is it a Punchcard store?")
        }
        guard let psql = error as? PSQLError else {
            if isTLSError(error) { return cannot("the TLS connection to the server failed") }
            if error is NIOConnectionError || error is IOError || error is ChannelError {
                return cannot(unreachable(address))
            }
            return cannot("the connection failed (\(String(describing: type(of: error))))")
        }
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? ""
            switch state {
            case "28P01", "28000":
                return cannot("the server refused user \(address.user)'s login (check the password in the address, PGPASSWORD or ~/.pgpass)")
            case "3D000":
                return cannot("the server has no database named \(address.database); create it first (createdb \(address.database))")
            case "53100":
                return StoreError.diskFull(path: place)
            case "55P03", "40001", "40P01":
                return StoreError.busy(path: place)
            case "42501", "25006":
                return StoreError.readOnly(path: place)
            case "57P01", "57P02", "57P03":
                return cannot("the server is shutting down or starting up; try again")
            case "53300":
                return cannot("the server has no connection left (too many clients)")
            case "42P01", "42703":
                return StoreError.notAStore(path: place, reason: "its tables are not a Punchcard store's")
            case "XX001", "XX002":
                return StoreError.damaged(path: place)
            default:
                return cannot("the server reported error \(state.isEmpty ? "without a code" : "SQLSTATE \(state)")")
            }
        case .connectionError:
            if let underlying = psql.underlying, isTLSError(underlying) {
                return cannot(address.tls == .verifyFull
                    ? "the server's TLS certificate was not accepted (sslmode=verify-full checks it against the system's trusted certificates and the host name)"
                    : "the TLS connection to the server failed")
            }
            return cannot(unreachable(address))
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return StoreError.connectionLost(path: place, reason: "the server closed the connection")
        case .sslUnsupported:
            return cannot("the server does not offer TLS, which sslmode=\(address.tls.rawValue) asks for")
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return cannot("the TLS connection to the server failed")
        case .authMechanismRequiresPassword:
            return cannot("the server asks for user \(address.user)'s password; give it in the address, PGPASSWORD or ~/.pgpass")
        case .unsupportedAuthMechanism, .saslError:
            return cannot("the server's login method is not supported (use scram-sha-256, md5, password or trust)")
        default:
            return cannot("the connection failed (\(psql.code))")
        }
    }

    /// NIOSSL's errors (a certificate refused, a handshake failed), whatever their type. A
    /// connection the server closed mid-handshake (a server shutting down) is not one: it is a
    /// lost connection, said as such.
    static func isTLSError(_ error: Error) -> Bool {
        String(reflecting: type(of: error)).contains("SSL") && !"\(error)".contains("uncleanShutdown")
            && !"\(error)".contains("eofDuringHandshake")
    }

    static func unreachable(_ address: PostgresAddress) -> String {
        "cannot reach a PostgreSQL server at \(address.isUnixSocket ? address.socketPath : "\(address.host):\(address.port)") (is it running? check the host and port)"
    }
}
