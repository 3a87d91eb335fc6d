import Foundation
import Testing
import PunchcardStatements
import PunchcardSupport
@testable import PunchcardWallet

@Suite struct WalletCredentialTests {
    func prepare(_ fixture: WalletFixture, now: Date = Date(), environment: [String: String] = [:]) -> String {
        do {
            _ = try Wallet.prepare(content: try fixture.content(), root: fixture.root, now: now, environment: environment)
            return "prepared"
        } catch {
            return String(describing: error)
        }
    }

    @Test func goodCredentialsPrepare() throws {
        let fixture = try WalletFixture()
        let wallet = try #require(try Wallet.prepare(content: try fixture.content(), root: fixture.root))
        #expect(wallet.apple != nil && wallet.google != nil)
        #expect(wallet.publicFiles.map(\.path) == ["assets/wallet-logo.png"])
        // The same credentials and logo: the same fingerprint on every run (it is in every page's).
        let again = try #require(try Wallet.prepare(content: try fixture.content(), root: fixture.root))
        #expect(wallet.fingerprint == again.fingerprint)
    }

    @Test func anExpiredCertificateIsOneErrorAtItsSetting() throws {
        let fixture = try WalletFixture()
        let message = prepare(fixture, now: Date().addingTimeInterval(2 * 365 * 86_400))
        #expect(message.contains("wallet.apple.certificate: the pass certificate expired on"))
        #expect(message.hasPrefix("content/program.yml:"))
        #expect(prepare(fixture, now: Date().addingTimeInterval(-86_400)).contains("is not valid before"))
    }

    @Test func aKeyOfAnotherCertificateIsRefused() throws {
        let fixture = try WalletFixture(program: WalletFixture.program(wallet: WalletFixture.walletSettings
            .replacingOccurrences(of: "key: secrets/pass.key", with: "key: secrets/root.key")))
        #expect(prepare(fixture).contains("wallet.apple.key: this key is not the pass certificate's"))
    }

    @Test func aCertificateNotIssuedByTheWWDRCertificateIsRefused() throws {
        let fixture = try WalletFixture(program: WalletFixture.program(wallet: WalletFixture.walletSettings
            .replacingOccurrences(of: "wwdr: secrets/root.pem", with: "wwdr: secrets/pass.pem")))
        #expect(prepare(fixture).contains("wallet.apple.wwdr: the pass certificate was not issued by this certificate"))
    }

    @Test func unreadableAndWrongFilesNameTheirSetting() throws {
        let fixture = try WalletFixture()
        try FileManager.default.removeItem(at: fixture.file("secrets/root.pem"))
        #expect(prepare(fixture).contains("wallet.apple.wwdr: cannot read \"secrets/root.pem\""))
        try Data("not a certificate".utf8).write(to: fixture.file("secrets/root.pem"))
        #expect(prepare(fixture).contains("wallet.apple.wwdr: \"secrets/root.pem\" is not Apple's WWDR certificate"))
        let encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n"
        let other = try WalletFixture()
        try Data(encrypted.utf8).write(to: other.file("secrets/pass.key"))
        #expect(prepare(other).contains("wallet.apple.key: \"secrets/pass.key\" is encrypted"))
        let google = try WalletFixture()
        try Data("{\"type\": \"service_account\", \"client_email\": \"a@b.c\"}".utf8).write(to: google.file("secrets/google.json"))
        #expect(prepare(google).contains("wallet.google.service_account_key: \"secrets/google.json\" has no RSA private_key"))
    }

    @Test func secretsThatWouldBePublishedStopTheBuild() throws {
        let fixture = try WalletFixture(program: WalletFixture.program(wallet: WalletFixture.walletSettings
            .replacingOccurrences(of: "key: secrets/pass.key", with: "key: templates/assets/pass.key")))
        try FileManager.default.copyItem(at: fixture.file("secrets/pass.key"), to: fixture.file("templates/assets/pass.key"))
        #expect(prepare(fixture).contains("wallet.apple.key: \"templates/assets/pass.key\" is inside the theme's assets"))
        let inOutput = try WalletFixture()
        let content = try inOutput.content()
        #expect(throws: Diagnostic.self) {
            try Wallet.prepare(content: content, root: inOutput.root, output: inOutput.file("secrets"))
        }
    }

    @Test func aPKCS12FileOpensWithItsPassword() throws {
        let fixture = try WalletFixture(program: WalletFixture.program(wallet: WalletFixture.walletSettings
            .replacingOccurrences(of: "certificate: secrets/pass.pem", with: "certificate: secrets/pass.p12")
            .replacingOccurrences(of: "    key: secrets/pass.key\n", with: "")))
        try WalletFixture.run(["openssl", "pkcs12", "-export", "-in", fixture.file("secrets/pass.pem").path,
                               "-inkey", fixture.file("secrets/pass.key").path, "-out", fixture.file("secrets/pass.p12").path,
                               "-passout", "pass:correct horse"])
        #expect(prepare(fixture, environment: ["PUNCHCARD_WALLET_PASSWORD": "correct horse"]) == "prepared")
        #expect(prepare(fixture, environment: ["PUNCHCARD_WALLET_PASSWORD": "wrong"])
            .contains("wallet.apple.certificate: \"secrets/pass.p12\": the password in PUNCHCARD_WALLET_PASSWORD does not open it"))
        #expect(prepare(fixture).contains("give its password in PUNCHCARD_WALLET_PASSWORD"))
    }
}
