import Testing
import PunchcardQRCode

@Suite struct QRCodeTests {
    @Test func encodesTextAsAModuleGrid() throws {
        let code = try #require(QRCode("M0000001"))
        #expect(code.width == 21) // version 1
        #expect(code.modules.count == 21 * 21)
        // Finder patterns: the top-left corner module and its 7×7 ring are dark.
        #expect(code.modules[0] && code.modules[6] && code.modules[6 * 21] && !code.modules[7])
        let link = try #require(QRCode("https://shop.saffron.example/join?ref=2Z0AKPKF"))
        #expect(link.width > 21)
        #expect(QRCode("") == nil)
        #expect(QRCode(String(repeating: "x", count: 5000)) == nil)
    }

    @Test func drawsCrispInlineSVGWithALabel() throws {
        let svg = try #require(QRCode("M0000001")).svg(label: "Member card <M0000001>")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\""))
        #expect(svg.contains("aria-label=\"Member card &lt;M0000001&gt;\""))
        #expect(svg.contains("viewBox=\"0 0 29 29\""))
        #expect(svg.contains("<path fill=\"#000\" d=\"M4 4h7v1h-7z"))
        #expect(!svg.contains("\n"))
    }
}
