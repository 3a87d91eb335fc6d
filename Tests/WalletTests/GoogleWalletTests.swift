import Foundation
import JWTKit
import Testing
import PunchcardStatements
import PunchcardSupport
@testable import PunchcardWallet

@Suite struct GoogleWalletTests {
    func links(_ fixture: WalletFixture) throws -> GoogleWalletLinks {
        try #require(try Wallet.prepare(content: try fixture.content(), root: fixture.root)?.google)
    }

    /// The JWT's claims, verified with the service account's public key.
    func verified(_ url: String, fixture: WalletFixture) async throws -> GoogleWalletLinks.SaveClaims {
        let jwt = String(url.dropFirst("https://pay.google.com/gp/v/save/".count))
        let keys = JWTKeyCollection()
        let pem = try String(contentsOf: fixture.file("secrets/google-public.pem"), encoding: .utf8)
        await keys.add(rsa: try Insecure.RSA.PublicKey(pem: pem), digestAlgorithm: .sha256)
        return try await keys.verify(jwt, as: GoogleWalletLinks.SaveClaims.self)
    }

    @Test func theSaveLinkCarriesTheMembersFigures() async throws {
        let fixture = try WalletFixture()
        let url = try links(fixture).saveURL(for: WalletFixture.card)
        #expect(url.hasPrefix("https://pay.google.com/gp/v/save/"))
        let claims = try await verified(url, fixture: fixture)
        #expect(claims.aud == "google" && claims.typ == "savetowallet")
        #expect(claims.iss == "wallet@punchcard-tests.iam.gserviceaccount.com")
        #expect(claims.origins == ["https://rewards.example"])
        let object = try #require(claims.payload.loyaltyObjects.first)
        #expect(object.accountId == "M1" && object.accountName == "Sara \"S\" Rezaei")
        #expect(object.id == "3388000000012345678.M1" && object.classId == "3388000000012345678.test-rewards")
        #expect(object.loyaltyPoints.balance.int == 12_345)
        #expect(object.barcode.value == "M1" && object.barcode.type == "QR_CODE")
        // In the member's language: the tier's Persian name, Persian digits in the expiry.
        #expect(object.textModulesData.first { $0.id == "rewardsTier" }?.body == "نقره‌ای")
        #expect(object.textModulesData.first { $0.id == "nextExpiry" }?.body.contains("۳۰۰") == true)
    }

    @Test func theSameFiguresMakeTheSameLink() throws {
        let fixture = try WalletFixture()
        let links = try links(fixture)
        #expect(try links.saveURL(for: WalletFixture.card) == links.saveURL(for: WalletFixture.card))
        var changed = WalletFixture.card
        changed.balance = 1
        #expect(try links.saveURL(for: changed) != links.saveURL(for: WalletFixture.card))
    }

    @Test func aBalancePast32BitsGoesAsText() async throws {
        let fixture = try WalletFixture()
        var card = WalletFixture.card
        card.balance = 900_000_000_000
        card.language = "en-US"
        let object = try #require(try await verified(try links(fixture).saveURL(for: card), fixture: fixture).payload.loyaltyObjects.first)
        #expect(object.loyaltyPoints.balance.int == nil)
        #expect(object.loyaltyPoints.balance.string == "900,000,000,000")
    }

    @Test func memberIDsGoogleDoesNotAllowAreDigested() throws {
        let fixture = try WalletFixture()
        let links = try links(fixture)
        #expect(links.objectID(memberID: "M-1.a_b") == "3388000000012345678.M-1.a_b")
        let odd = links.objectID(memberID: "A/B ö")
        #expect(odd.hasPrefix("3388000000012345678.m") && odd.count == "3388000000012345678.".count + 33)
        #expect(links.objectID(memberID: "A/B ö") == odd)
    }

    @Test func theClassNamesTheProgramInEveryLanguage() throws {
        let fixture = try WalletFixture()
        let json = try links(fixture).classJSON(backgroundColor: "#7a2e1f")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "3388000000012345678.test-rewards")
        #expect(object["programName"] as? String == "Test Rewards")
        #expect(json.contains("باشگاه آزمایشی") && json.contains("مكافآت التجربة"))
        #expect(json.contains("https://rewards.example/assets/wallet-logo.png"))
    }
}

@Suite struct SVGRasterTests {
    /// Width and height from a PNG's IHDR chunk.
    func size(_ png: Data) -> (Int, Int) {
        let bytes = [UInt8](png)
        func word(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }

    @Test func theLogoIsDrawnAtEverySize() throws {
        let svg = try Data(contentsOf: WalletFixture.repository.appendingPathComponent("templates/assets/logo.svg"))
        let images = try PassImages.draw(svg: svg, shownAs: "logo.svg")
        let sizes = Dictionary(uniqueKeysWithValues: images.files.map { ($0.name, size($0.png)) })
        #expect(sizes["icon.png"]! == (29, 29) && sizes["icon@2x.png"]! == (58, 58) && sizes["icon@3x.png"]! == (87, 87))
        #expect(sizes["logo.png"]! == (50, 50) && sizes["logo@3x.png"]! == (150, 150))
        #expect(images.files.allSatisfy { $0.png.starts(with: [0x89, 0x50, 0x4E, 0x47]) })
    }

    @Test func aBrokenSVGIsAnErrorNotATrap() {
        for svg in ["<svg", "", "not xml at all", String(repeating: "<g>", count: 100_000)] {
            #expect(throws: SVGRasterError.self) { try SVGRaster.png(svg: Data(svg.utf8), width: 29, height: 29, shownAs: "x.svg") }
        }
        #expect(throws: SVGRasterError.self) {
            try SVGRaster.png(svg: Data("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8), width: 0, height: 29, shownAs: "x.svg")
        }
    }
}
