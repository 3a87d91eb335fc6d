import Crypto
import Foundation
import Testing
import PunchcardStatements
import PunchcardSupport
@testable import PunchcardWallet
import ZIPFoundation

@Suite struct ApplePassTests {
    func maker(_ fixture: WalletFixture) throws -> ApplePassMaker {
        try #require(try Wallet.prepare(content: try fixture.content(), root: fixture.root)?.apple)
    }

    func entries(_ archive: Data) throws -> [String: Data] {
        let zip = try Archive(data: archive, accessMode: .read)
        var files: [String: Data] = [:]
        for entry in zip {
            var data = Data()
            _ = try zip.extract(entry) { data.append($0) }
            files[entry.path] = data
        }
        return files
    }

    @Test func thePassHoldsWhatWalletRequires() throws {
        let fixture = try WalletFixture()
        let maker = try maker(fixture)
        let (files, manifest) = try maker.files(for: WalletFixture.card)
        let archive = try maker.archive(files: files, manifest: manifest, signedAt: Date())
        let inside = try entries(archive)
        #expect(Set(inside.keys) == ["pass.json", "manifest.json", "signature", "icon.png", "icon@2x.png", "icon@3x.png",
                                     "logo.png", "logo@2x.png", "logo@3x.png",
                                     "en.lproj/pass.strings", "fa.lproj/pass.strings", "ar.lproj/pass.strings"])
        // Every file but the manifest and the signature, with its SHA-1.
        let listed = try JSONDecoder().decode([String: String].self, from: try #require(inside["manifest.json"]))
        #expect(Set(listed.keys) == Set(inside.keys).subtracting(["manifest.json", "signature"]))
        for (name, digest) in listed {
            #expect(Insecure.SHA1.hash(data: inside[name]!).map { String(format: "%02x", $0) }.joined() == digest)
        }
        let pass = try #require(try JSONSerialization.jsonObject(with: inside["pass.json"]!) as? [String: Any])
        #expect(pass["formatVersion"] as? Int == 1)
        #expect(pass["passTypeIdentifier"] as? String == "pass.example.test.card")
        #expect(pass["teamIdentifier"] as? String == "ABCDE12345")
        #expect(pass["serialNumber"] as? String == "M1")
        #expect(pass["relevantDate"] as? String == "2026-12-31T00:00:00Z")
        let barcode = try #require((pass["barcodes"] as? [[String: Any]])?.first)
        #expect(barcode["message"] as? String == "M1" && barcode["format"] as? String == "PKBarcodeFormatQR")
        let card = try #require(pass["storeCard"] as? [String: [[String: Any]]])
        let fields = Dictionary(uniqueKeysWithValues: card.values.flatMap { $0 }.map { ($0["key"] as! String, $0) })
        #expect(fields["balance"]?["value"] as? Int == 12_345)
        #expect(fields["name"]?["value"] as? String == "Sara \"S\" Rezaei")
        #expect(fields["tier"]?["value"] as? String == "Silver")
        #expect(fields["expiring_points"]?["value"] as? Int == 300)
        // No private address on a card.
        #expect(!String(decoding: inside["pass.json"]!, as: UTF8.self).contains("/m/"))
    }

    @Test func theSignatureVerifiesWithOpenSSL() throws {
        let fixture = try WalletFixture()
        let maker = try maker(fixture)
        let (files, manifest) = try maker.files(for: WalletFixture.card)
        let inside = try entries(try maker.archive(files: files, manifest: manifest, signedAt: Date()))
        try inside["manifest.json"]!.write(to: fixture.file("manifest.json"))
        try inside["signature"]!.write(to: fixture.file("signature"))
        // Throws when OpenSSL does not accept it (the WWDR stand-in must be inside the signature).
        try WalletFixture.run(["openssl", "smime", "-verify", "-binary", "-inform", "DER", "-in", fixture.file("signature").path,
                               "-content", fixture.file("manifest.json").path, "-CAfile", fixture.file("secrets/root.pem").path,
                               "-purpose", "any", "-out", "/dev/null"])
        // A changed manifest does not verify.
        try Data("{}".utf8).write(to: fixture.file("manifest.json"))
        #expect(throws: (any Error).self) {
            try WalletFixture.run(["openssl", "smime", "-verify", "-binary", "-inform", "DER", "-in", fixture.file("signature").path,
                                   "-content", fixture.file("manifest.json").path, "-CAfile", fixture.file("secrets/root.pem").path,
                                   "-purpose", "any", "-out", "/dev/null"])
        }
    }

    @Test func theSameFiguresMakeTheSameManifest() throws {
        let fixture = try WalletFixture()
        let maker = try maker(fixture)
        let first = try maker.files(for: WalletFixture.card).manifest
        #expect(try maker.files(for: WalletFixture.card).manifest == first)
        let archive = try maker.archive(files: try maker.files(for: WalletFixture.card).files, manifest: first, signedAt: Date())
        #expect(ApplePassMaker.manifest(ofArchive: archive) == first)
        var changed = WalletFixture.card
        changed.balance += 1
        #expect(try maker.files(for: changed).manifest != first)
        #expect(ApplePassMaker.manifest(ofArchive: Data("not a zip".utf8)) == nil)
    }

    @Test func withoutATierOrExpiryThoseFieldsAreLeftOut() throws {
        let fixture = try WalletFixture()
        var card = WalletFixture.card
        card.tier = nil
        card.nextExpiry = nil
        let json = String(decoding: try maker(fixture).passJSON(for: card), as: UTF8.self)
        #expect(!json.contains("\"tier\"") && !json.contains("expiring") && !json.contains("relevantDate"))
        #expect(!json.contains("auxiliaryFields"))
    }

    @Test func everyLanguageTranslatesTheLabels() throws {
        let fixture = try WalletFixture()
        let strings = PassStrings(content: try fixture.content(), description: nil)
        let persian = try #require(strings.entries["fa-IR"])
        let english = try #require(strings.entries["en-US"])
        // Keys are the default language's words: a phone in another language shows those.
        #expect(persian.map(\.key) == english.map(\.key))
        #expect(english.allSatisfy { $0.key == $0.value })
        #expect(persian.contains { $0.key == "Silver" && $0.value == "نقره‌ای" })
        #expect(persian.contains { $0.key == strings.labels.balance && $0.value.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } })
        let file = try #require(strings.files.first { $0.name == "fa.lproj/pass.strings" })
        let text = String(decoding: file.data, as: UTF8.self)
        #expect(text.contains("\"Silver\" = \"نقره‌ای\";"))
        // Quotes in a name are escaped, one entry a line.
        #expect(String(decoding: strings.files[0].data, as: UTF8.self).contains("\"Gold \\\"Star\\\"\" = \"Gold \\\"Star\\\"\";"))
    }
}
