import Foundation
import Testing
@testable import PunchcardMail
import PunchcardStatements

/// One claim per member and period across every mail run of a site (issue 24), and file names
/// that fit whatever the member_id.
@Suite struct DeliveryClaimTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString)")

    @Test func aClaimIsTakenOnceAndASentOneStaysSent() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let period = try #require(Period("2026-10"))
        let claims = try DeliveryClaims(root: root, period: period)
        #expect(try claims.claim("M1", resend: false) == .claimed)
        try claims.markSent("M1")
        #expect(try claims.claim("M1", resend: false) == .sent)
        // A failed message gives its claim back.
        #expect(try claims.claim("M2", resend: false) == .claimed)
        claims.release("M2")
        #expect(try claims.claim("M2", resend: false) == .claimed)
        // --resend takes over a claim whose run has ended.
        #expect(try claims.claim("M1", resend: true) == .claimed)
    }

    @Test func aClaimOfARunStillGoingIsHeldAndADeadRunsIsTakenOver() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let claims = try DeliveryClaims(root: root, period: try #require(Period("2026-10")))
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, 255)
        let host = String(cString: name)
        let path = claims.path(of: "M9")
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // PID 1 runs for as long as the machine does: a live claimant.
        try Data("\(host) 1\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try claims.claim("M9", resend: false) == .held)
        #expect(try claims.claim("M9", resend: true) == .held)
        // A process id no process has: its unsent claim is stale.
        try Data("\(host) 2147483646\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try claims.claim("M9", resend: false) == .claimed)
        // Another machine's claim is never judged from here.
        let other = claims.path(of: "M8")
        try FileManager.default.createDirectory(atPath: (other as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("elsewhere.example 2147483646\n".utf8).write(to: URL(fileURLWithPath: other))
        #expect(try claims.claim("M8", resend: false) == .held)
    }

    @Test func fileNamesFitWhateverTheMemberID() {
        let long = String(repeating: "\u{1F600}", count: 32) // 128 bytes, 384 once percent-encoded
        let name = Mailer.fileName(memberID: long)
        #expect(name.utf8.count <= 255)
        #expect(name != Mailer.fileName(memberID: String(repeating: "\u{1F600}", count: 31) + "\u{1F601}"))
        #expect(Mailer.fileName(memberID: "M0001") == "M0001.eml")
    }
}
