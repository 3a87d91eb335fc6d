import Testing
@testable import PunchcardStatements
import PunchcardSupport

@Suite struct WalletSettingsTests {
    func parse(_ wallet: String) throws -> Program {
        try Program.parse(WalletFixture.program(wallet: wallet), file: "content/program.yml")
    }

    func problem(_ wallet: String) -> String {
        do {
            _ = try parse(wallet)
            return "parsed"
        } catch {
            return String(describing: error)
        }
    }

    @Test func readsBothWallets() throws {
        let wallet = try #require(try parse(WalletFixture.walletSettings).wallet)
        let apple = try #require(wallet.apple)
        #expect(apple.passTypeID.value == "pass.example.test.card")
        #expect(apple.teamID.value == "ABCDE12345")
        #expect(apple.backgroundColor == "rgb(122, 46, 31)")
        #expect(apple.certificate.field == "wallet.apple.certificate")
        #expect(apple.certificate.location.line != nil)
        #expect(wallet.google?.issuerID.value == "3388000000012345678")
        #expect(wallet.secretFiles.map(\.value) == ["secrets/pass.pem", "secrets/pass.key", "secrets/root.pem", "secrets/google.json"])
    }

    @Test func withoutWalletThereIsNone() throws {
        #expect(try parse("").wallet == nil)
    }

    @Test func coloursInWalletsForm() {
        #expect(Program.walletColour("#fff") == "rgb(255, 255, 255)")
        #expect(Program.walletColour("#7A2E1F") == "rgb(122, 46, 31)")
        #expect(Program.walletColour("rgb(1, 2,3)") == "rgb(1, 2, 3)")
        #expect(Program.walletColour("rgb(1, 2, 256)") == nil)
        #expect(Program.walletColour("#12345") == nil)
        #expect(Program.walletColour("red") == nil)
        #expect(Program.walletColour("#ggg") == nil)
    }

    @Test func mistakesNameTheSettingAndLine() {
        let bad = WalletFixture.walletSettings
        #expect(problem(bad.replacingOccurrences(of: "team_id: ABCDE12345", with: "team_id: abc"))
            .contains("wallet.apple.team_id: \"abc\" is not a team identifier"))
        #expect(problem(bad.replacingOccurrences(of: "pass_type_id: pass.example.test.card", with: "pass_type_id: example"))
            .contains("wallet.apple.pass_type_id"))
        #expect(problem(bad.replacingOccurrences(of: "    key: secrets/pass.key\n", with: ""))
            .contains("wallet.apple.key: required"))
        #expect(problem(bad.replacingOccurrences(of: "issuer_id: \"3388000000012345678\"", with: "issuer_id: abc"))
            .contains("wallet.google.issuer_id"))
        #expect(problem(bad.replacingOccurrences(of: "background_color: \"#7a2e1f\"", with: "background_color: blue"))
            .contains("wallet.apple.background_color"))
        #expect(problem(bad + "\n    colour: red").contains("wallet.google.colour: unknown key"))
        #expect(problem("wallet: {}").contains("wallet") )
        // Every problem is at a line of program.yml.
        #expect(problem(bad.replacingOccurrences(of: "team_id: ABCDE12345", with: "team_id: abc")).hasPrefix("content/program.yml:"))
    }

    @Test func aPKCS12FileNeedsNoKey() throws {
        let settings = WalletFixture.walletSettings
            .replacingOccurrences(of: "certificate: secrets/pass.pem", with: "certificate: secrets/pass.p12")
            .replacingOccurrences(of: "    key: secrets/pass.key\n", with: "")
        let apple = try #require(try parse(settings).wallet?.apple)
        #expect(apple.key == nil)
    }
}
