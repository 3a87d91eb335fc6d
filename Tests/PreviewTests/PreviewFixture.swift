import Foundation
import PunchcardPreview
import PunchcardSite
import PunchcardStatements
import PunchcardStore
#if canImport(Glibc)
import Glibc
#endif

/// A small site in a temporary folder (the repository's theme, a test program, three members),
/// served by a preview server on a free loopback port.
final class PreviewFixture {
    let root: URL
    let server: PreviewServer
    private(set) var port: UInt16 = 0
    var storePath: String { root.appendingPathComponent("members.sqlite").path }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let program = """
        name: Preview Rewards
        base_url: https://rewards.example/
        default_locale: en-US
        currency: USD
        tiers:
          - name: Bronze
            threshold: 0
          - name: Gold
            threshold: 1000
        expiry:
          months: 24
          warning_days: 90
        referral:
          bonus_points: 500
          link: https://shop.example/join?ref={code}
        """

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("templates"),
                                         to: root.appendingPathComponent("templates"))
        self.root = root
        func write(_ path: String, _ text: String) throws { try Self.write(text, to: root.appendingPathComponent(path)) }
        try write("content/program.yml", Self.program)
        try write("content/index.md", "---\ntitle: Home\n---\nWelcome, first version.\n")
        try write("members.csv", """
            member_id,name,email,locale,joined_on
            M1,Alice Smith,,en-US,2024-01-15
            M2,سارا رضایی,,fa-IR,2024-02-01
            M3,<b>Bold</b> Bob,,en-US,2024-03-01

            """)
        try write("ledger.csv", """
            txn_id,member_id,posted_on,kind,points
            T1,M1,2026-10-03,earn,1500
            T2,M2,2026-10-04,earn,300

            """)
        let store = try MemberStore(creatingAt: root.appendingPathComponent("members.sqlite").path)
        _ = try store.importCSV(members: ImportFile(url: root.appendingPathComponent("members.csv"), displayName: "members.csv"),
                            ledger: ImportFile(url: root.appendingPathComponent("ledger.csv"), displayName: "ledger.csv"))
        let options = BuildOptions(root: root, storePath: root.appendingPathComponent("members.sqlite").path,
                                   output: root.appendingPathComponent("output"), period: Period("2026-10")!, threads: 2)
        server = try PreviewServer(options: options, host: "127.0.0.1", port: 0)
    }

    @discardableResult
    func start() async throws -> PreviewBuilder.Outcome {
        let outcome = try await server.start()
        port = await server.port
        return outcome
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        try Self.write(text, to: root.appendingPathComponent(path))
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func token(_ memberID: String) throws -> String {
        try MemberStore(path: storePath).member(memberID)!.token
    }

    /// Fetches `target` exactly as given, so that paths like `/%2e%2e/` reach the server unaltered.
    func get(_ target: String, extraHeaders: String = "") async throws -> HTTPReply {
        let port = port
        return try await offThread { try HTTPReply.fetch(target, port: port, extraHeaders: extraHeaders) }
    }

    /// Fetches `target` until `condition` holds, at most `attempts` times, 100 ms apart.
    func get(_ target: String, until condition: (HTTPReply) -> Bool, attempts: Int = 100) async throws -> HTTPReply {
        var reply = try await get(target)
        for _ in 0..<attempts where !condition(reply) {
            try await Task.sleep(nanoseconds: 100_000_000)
            reply = try await get(target)
        }
        return reply
    }

    /// Sends `request` as given and reads until the server closes (five seconds at most).
    func exchange(_ request: String) async throws -> Data {
        let port = port
        return try await offThread { try HTTPReply.exchange(request, port: port, readUntilClosed: true) }
    }
}

/// A reply read off a raw socket: status, headers (names lowercased) and body.
struct HTTPReply {
    var status: Int
    var headers: [String: String]
    var body: String

    static func fetch(_ target: String, port: UInt16, extraHeaders: String = "") throws -> HTTPReply {
        let raw = try exchange("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\(extraHeaders)\r\n",
                               port: port, readUntilClosed: true)
        guard let split = raw.range(of: Data("\r\n\r\n".utf8)) else { throw FetchError("no header end in reply") }
        let head = String(decoding: raw[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = head.first?.split(separator: " ") ?? []
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw FetchError("bad status line") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPReply(status: status, headers: headers, body: String(decoding: raw[split.upperBound...], as: UTF8.self))
    }

    /// Sends `request` and reads the reply, giving up after five seconds.
    static func exchange(_ request: String, port: UInt16, readUntilClosed: Bool, minimumBytes: Int = 1) throws -> Data {
        let socket = try connectToLoopback(port: port, timeoutSeconds: 5)
        defer { close(socket) }
        let bytes = Array(request.utf8)
        guard send(socket, bytes, bytes.count, 0) == bytes.count else { throw FetchError("send failed") }
        var reply = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break } // closed, or the timeout passed
            reply.append(contentsOf: buffer[0..<count])
            if !readUntilClosed, reply.count >= minimumBytes { break }
        }
        return reply
    }
}

/// Runs blocking socket work on a thread of its own: blocking one of Swift's few cooperative
/// threads would starve the server under test, which answers on them.
func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A TCP connection to 127.0.0.1:`port` whose reads give up after `timeoutSeconds`.
func connectToLoopback(port: UInt16, timeoutSeconds: Int) throws -> Int32 {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw FetchError("socket failed") }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else {
        close(socket)
        throw FetchError("cannot connect to port \(port)")
    }
    return socket
}

struct FetchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
