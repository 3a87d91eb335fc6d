import Foundation
import Testing
@testable import PunchcardDataRights

@Suite struct UnsubscribeTokenTests {
    @Test func aTokenIsTheMembersAloneAndNamesNobody() {
        let signer = UnsubscribeSigner(secret: Array("0123456789abcdef0123456789abcdef".utf8))
        let token = signer.token(for: "M0000001")
        #expect(token == signer.token(for: "M0000001"))
        #expect(token != signer.token(for: "M0000002"))
        #expect(token.count == UnsubscribeSigner.tokenLength && UnsubscribeSigner.looksLikeToken(token))
        #expect(!token.contains("M0000001"))
        // Another site's secret signs differently: a token cannot be made without it.
        #expect(UnsubscribeSigner(secret: Array("another secret, also 32 chars ok".utf8)).token(for: "M0000001") != token)
        #expect(!UnsubscribeSigner.looksLikeToken("M0000001"))
        #expect(!UnsubscribeSigner.looksLikeToken(token + "x"))
        #expect(!UnsubscribeSigner.looksLikeToken(String(token.dropLast()) + "+"))
    }

    @Test func theSiteSecretIsMadeOnceAndKeptPrivate() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-secret-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try SiteSecret.load(root: root, environment: [:])
        #expect(first.count == 32)
        #expect(try SiteSecret.load(root: root, environment: [:]) == first)
        let path = root.appendingPathComponent(".punchcard/secret").path
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        // Given in the environment (shards on other machines), it wins; a short one is refused.
        let given = String(repeating: "k", count: 40)
        #expect(try SiteSecret.load(root: root, environment: [SiteSecret.environmentVariable: given]) == Array(given.utf8))
        #expect(throws: SiteSecret.Problem.self) { try SiteSecret.load(root: root, environment: [SiteSecret.environmentVariable: "short"]) }
        // A damaged file is said, never silently replaced (links already sent would stop working).
        try Data("not hex\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SiteSecret.Problem.self) { try SiteSecret.load(root: root, environment: [:]) }
    }
}
