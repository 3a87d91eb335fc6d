import Foundation
import PunchcardPages
import PunchcardStatements
import PunchcardSupport
@testable import PunchcardWallet

/// A site folder with the repository's theme, a small program with `wallet:` settings and
/// throwaway credentials made by OpenSSL (Tests/Wallet/make_test_credentials.sh): a root standing
/// in for Apple's WWDR certificate, a pass certificate under it, a Google service account's key.
final class WalletFixture {
    let root: URL

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func program(wallet: String = WalletFixture.walletSettings) -> String {
        """
        name: {en-US: Test Rewards, fa-IR: باشگاه آزمایشی, ar-SA: مكافآت التجربة}
        base_url: https://rewards.example/
        languages: [en-US, fa-IR, ar-SA]
        currency: USD
        tiers:
          - name: {en-US: Silver, fa-IR: نقره‌ای, ar-SA: الفضية}
            threshold: 100
          - name: {en-US: "Gold \\"Star\\"", fa-IR: طلایی, ar-SA: الذهبية}
            threshold: 10000
        expiry:
          months: 24
        referral:
          link: https://shop.example/join?ref={code}
        \(wallet)
        """
    }

    static let walletSettings = """
        wallet:
          apple:
            pass_type_id: pass.example.test.card
            team_id: ABCDE12345
            organization: {en-US: Test Rewards, fa-IR: باشگاه آزمایشی, ar-SA: مكافآت التجربة}
            certificate: secrets/pass.pem
            key: secrets/pass.key
            wwdr: secrets/root.pem
            background_color: "#7a2e1f"
          google:
            issuer_id: "3388000000012345678"
            class_id: test-rewards
            service_account_key: secrets/google.json
        """

    init(program: String = WalletFixture.program(), credentialDays: Int = 365) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wallet-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try fm.copyItem(at: Self.repository.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        try program.write(to: root.appendingPathComponent("content/program.yml"), atomically: true, encoding: .utf8)
        try Self.run(["bash", Self.repository.appendingPathComponent("Tests/Wallet/make_test_credentials.sh").path,
                      root.appendingPathComponent("secrets").path, String(credentialDays)])
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func content() throws -> SiteContent { try SiteContent.load(root: root) }

    func file(_ name: String) -> URL { root.appendingPathComponent(name) }

    @discardableResult
    static func run(_ arguments: [String], input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return data
    }

    static let card = MemberCard(memberID: "M1", name: "Sara \"S\" Rezaei", language: "fa-IR", balance: 12_345, tier: "Silver",
                                 nextExpiry: Statement.ExpiringPoints(points: 300, on: CalendarDate(iso: "2026-12-31")!), closed: false)
}
