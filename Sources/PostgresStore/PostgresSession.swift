import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import PunchcardStore
import PunchcardSupport

/// One connection to the server, used from one thread at a time, in blocking calls: the store's
/// interface is synchronous (a build streams members on one thread and reads ledgers on others,
/// each with a session of its own), and PostgresNIO's futures are waited on here.
final class PostgresSession: @unchecked Sendable {
    let connection: PostgresConnection
    let address: PostgresAddress
    private let logger = Logger(label: "punchcard.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    private var cursorCount = 0

    private init(connection: PostgresConnection, address: PostgresAddress) {
        self.connection = connection
        self.address = address
    }

    static func connect(_ address: PostgresAddress) throws -> PostgresSession {
        var configuration: PostgresConnection.Configuration
        if address.isUnixSocket {
            configuration = .init(unixSocketPath: address.socketPath, username: address.user, password: address.password,
                                  database: address.database)
        } else {
            configuration = .init(host: address.host, port: address.port, username: address.user, password: address.password,
                                  database: address.database, tls: try tls(address.tls))
        }
        configuration.options.connectTimeout = .seconds(10)
        let logger = Logger(label: "punchcard.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            let connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
            return PostgresSession(connection: connection, address: address)
        } catch {
            throw PostgresErrors.storeError(error, address: address)
        }
    }

    private static func tls(_ mode: PostgresAddress.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return .disable
        case .prefer, .require:
            // As libpq's prefer and require: encrypted, the certificate not checked.
            configuration.certificateVerification = .none
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
        }
        let context = try NIOSSLContext(configuration: configuration)
        return mode == .prefer ? .prefer(context) : .require(context)
    }

    func close() {
        if !connection.isClosed { _ = try? wait(connection.close()) }
    }

    deinit {
        if !connection.isClosed { _ = try? wait(connection.close()) }
    }

    /// A connection the server closed, or that stopped answering: the run ends in words.
    struct ConnectionLost: Error {
        var timedOut = false
    }

    /// How long one wait on the server may last at most, in seconds (`PUNCHCARD_SERVER_TIMEOUT`,
    /// default an hour: the longest statement of a very large import stays far inside it).
    static let longestWait: TimeInterval = {
        let text = ProcessInfo.processInfo.environment["PUNCHCARD_SERVER_TIMEOUT"] ?? ""
        if let seconds = Double(text), seconds > 0, seconds <= 7 * 86_400 { return seconds }
        return 3_600
    }()

    /// Waits for `future` from a thread that is not an event loop's, but never for ever: a
    /// connection the server closed (a server stopped or killed mid-run) is noticed within half a
    /// second, and a server that does not answer within `longestWait` ends the wait. PostgresNIO
    /// leaves some futures of a closed connection unfulfilled; waiting on them hung a run.
    func wait<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
        let outcome = Locked<Result<T, Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        future.whenComplete { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        try waitWatchingConnection(done)
        guard let result = outcome.withLock({ $0 }) else { throw PostgresErrors.storeError(ConnectionLost(), address: address) }
        return try result.get()
    }

    private func waitWatchingConnection(_ done: DispatchSemaphore) throws {
        let started = Date()
        while done.wait(timeout: .now() + 0.5) == .timedOut {
            if connection.isClosed {
                throw PostgresErrors.storeError(ConnectionLost(), address: address)
            }
            if Date().timeIntervalSince(started) > Self.longestWait {
                let closing: EventLoopFuture<Void> = connection.close()
                _ = closing
                throw PostgresErrors.storeError(ConnectionLost(timedOut: true), address: address)
            }
        }
    }

    // MARK: Queries

    /// Runs `query` and returns its rows (all of them: for queries with a few rows).
    @discardableResult
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        do {
            return try wait(connection.query(query, logger: logger)).rows
        } catch {
            throw PostgresErrors.storeError(error, address: address)
        }
    }

    /// Runs a statement; returns the number of rows it touched.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        do {
            return try wait(connection.query(query, logger: logger)).metadata.rows ?? 0
        } catch {
            throw PostgresErrors.storeError(error, address: address)
        }
    }

    /// SQL text of ours with no parameters (never a value from outside: those go in binds).
    func execute(sql: String) throws {
        try execute(PostgresQuery(unsafeSQL: sql))
    }

    func rows(sql: String) throws -> [PostgresRow] {
        try rows(PostgresQuery(unsafeSQL: sql))
    }

    /// The first column of the first row.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? {
        guard let row = try rows(query).first else { return nil }
        return try decode(row, 0, as: T.self)
    }

    func decode<T: PostgresDecodable>(_ row: PostgresRow, _ column: Int, as type: T.Type = T.self) throws -> T {
        do {
            return try row.makeRandomAccess()[column].decode(T.self)
        } catch {
            throw PostgresErrors.storeError(error, address: address)
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
        try execute(sql: begin)
        do {
            let result = try body()
            try execute(sql: "COMMIT")
            return result
        } catch {
            try? execute(sql: "ROLLBACK")
            throw error
        }
    }

    /// Streams `sql`'s rows through a server-side cursor, `batch` rows at a time: only a batch is
    /// ever in memory. Must run inside a transaction. `next()` returns nil at the end.
    func cursor(_ sql: String, batch: Int = 2000) throws -> Cursor {
        cursorCount += 1
        let name = "punchcard_cursor_\(cursorCount)"
        try execute(sql: "DECLARE \(name) NO SCROLL CURSOR FOR \(sql)")
        return Cursor(session: self, name: name, batch: batch)
    }

    final class Cursor {
        let session: PostgresSession
        let name: String
        let batch: Int
        private var rows: [PostgresRow] = []
        private var position = 0
        private var finished = false

        init(session: PostgresSession, name: String, batch: Int) {
            self.session = session
            self.name = name
            self.batch = batch
        }

        func next() throws -> PostgresRandomAccessRow? {
            if position == rows.count {
                guard !finished else { return nil }
                rows = try session.rows(PostgresQuery(unsafeSQL: "FETCH FORWARD \(batch) FROM \(name)"))
                position = 0
                if rows.count < batch { finished = true }
                if rows.isEmpty { return nil }
            }
            defer { position += 1 }
            return rows[position].makeRandomAccess()
        }
    }

    // MARK: COPY

    /// Sends `data` (COPY text format: see `CopyText`) into `table`'s `columns` with one
    /// `COPY … FROM STDIN`.
    func copy(into table: String, columns: [String], data: ByteBuffer) throws {
        let connection = self.connection
        let logger = self.logger
        do {
            try blocking {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    try await writer.write(data)
                }
            }
        } catch {
            throw PostgresErrors.storeError(error, address: address)
        }
    }

    /// Runs async work to its end from a thread that is not an event loop's. The work runs on a
    /// dispatch queue of its own, never on Swift's cooperative pool: the caller may itself be one of
    /// that pool's threads (an async command, a test), and with every pool thread waiting here the
    /// work could never start.
    private func blocking(_ operation: @escaping @Sendable () async throws -> Void) throws {
        let outcome = Locked<Result<Void, Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: DispatchTaskExecutor.shared) {
            do {
                try await operation()
                outcome.withLock { $0 = .success(()) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        try waitWatchingConnection(done)
        try outcome.withLock { $0 }?.get()
    }
}

/// Runs tasks' jobs on a dispatch queue rather than on Swift's cooperative pool.
final class DispatchTaskExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = DispatchTaskExecutor()
    private let queue = DispatchQueue(label: "punchcard.postgres.copy", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// Rows in PostgreSQL's COPY text format: tab-separated, one line a row, `\N` for NULL, and
/// backslash, tab, line feed and carriage return escaped.
struct CopyText {
    private(set) var buffer = ByteBuffer()
    private var fieldsInRow = 0

    var byteCount: Int { buffer.readableBytes }

    mutating func field(_ text: String?) {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
        guard let text else {
            buffer.writeStaticString("\\N")
            return
        }
        var value = text
        value.withUTF8 { (bytes: UnsafeBufferPointer<UInt8>) in
            if !bytes.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                buffer.writeBytes(bytes)
                return
            }
            for byte: UInt8 in bytes {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    mutating func field(_ number: Int) { field(String(number)) }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        fieldsInRow = 0
    }

    mutating func clear() {
        buffer.clear()
        fieldsInRow = 0
    }
}
