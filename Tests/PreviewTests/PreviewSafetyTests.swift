import Foundation
import Testing
@testable import PunchcardPreview
import PunchcardSite
import PunchcardStatements
import PunchcardSupport

/// Requests a careless or hostile client sends: none may crash or stall the preview.
@Suite(.serialized) struct PreviewSafetyTests {
    @Test func oversizedRequestLinesAndHeadersAreRefusedAtOnce() async throws {
        let site = try PreviewFixture()
        try await site.start()
        let started = Date()
        // A long address: 414. Longer than the decoder's limit, or headers past theirs: 431.
        #expect(try await site.get("/" + String(repeating: "a", count: 9_000)).status == 414)
        for size in [64 * 1024, 1024 * 1024] {
            let reply = try await site.exchange("GET /\(String(repeating: "a", count: size)) HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(String(decoding: reply.prefix(12), as: UTF8.self) == "HTTP/1.1 431", "\(size)")
        }
        let bigHeader = try await site.get("/", extraHeaders: "X-Big: \(String(repeating: "b", count: 40_000))\r\n")
        #expect(bigHeader.status == 431)
        let manyHeaders = (0..<200).map { "X-\($0): y\r\n" }.joined()
        #expect(try await site.get("/", extraHeaders: manyHeaders).status == 431)
        #expect(Date().timeIntervalSince(started) < 10) // linear, not quadratic
        // And the server still answers, and still stops when asked.
        #expect(try await site.get("/").status == 200)
        let stopping = Date()
        await site.server.stop()
        #expect(Date().timeIntervalSince(stopping) < 5)
    }

    @Test func otherMethodsAreRefusedAndTheConnectionClosed() async throws {
        let site = try PreviewFixture()
        try await site.start()
        let reply = try await site.exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\nabc")
        let head = String(decoding: reply, as: UTF8.self)
        #expect(head.hasPrefix("HTTP/1.1 405") && head.lowercased().contains("allow: get, head"))
        #expect(head.lowercased().contains("connection: close"))
        await site.server.stop()
    }

    @Test func redirectsStayOnTheSite() async throws {
        let site = try PreviewFixture()
        try await site.start()
        for target in ["//tiers", "///tiers", "/./tiers"] {
            let reply = try await site.get(target)
            #expect(reply.status == 301 && reply.headers["location"] == "/tiers/", "\(target)")
        }
        await site.server.stop()
    }

    @Test func anyPageNumberIsServed() async throws {
        let site = try PreviewFixture()
        try await site.start()
        for page in ["9223372036854775807", "-9223372036854775808", "99999999999999999999999", "0", "x"] {
            let reply = try await site.get("/_members/?page=\(page)")
            #expect(reply.status == 200, "\(page)")
        }
        #expect(try await site.get("/_members/?page=9223372036854775807").body.contains("page 1 of 1"))
        await site.server.stop()
    }

    @Test func anErrorInAFileWithWindowsLineEndsIsShown() async throws {
        let site = try PreviewFixture()
        try await site.start()
        let program = try String(contentsOf: site.root.appendingPathComponent("content/program.yml"), encoding: .utf8)
        let broken = program.replacingOccurrences(of: "threshold: 1000", with: "threshold: lots")
            .replacingOccurrences(of: "\n", with: "\r\n")
        try site.write("content/program.yml", broken)
        let page = try await site.get("/", until: { $0.status == 500 })
        #expect(page.body.contains("content/program.yml:") && page.body.contains("threshold"))
        #expect(page.body.contains("class=\"here\""))
        await site.server.stop()
    }

    @Test func errorExcerptsNeverReachPastTheFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-excerpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("a: 1\r\nb: 2\r\n".utf8).write(to: root.appendingPathComponent("f.yml"))
        for line in [1, 2, 3, 9, 1000, Int.max / 2] {
            let failure = BuildFailure(Diagnostic(SourceLocation(file: "f.yml", line: line), "x"), root: root)
            #expect(failure.excerpt.allSatisfy { $0.number >= 1 && $0.number <= 3 })
        }
    }
}
