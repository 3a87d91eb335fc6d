import Foundation
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
        #expect(link.width == 33) // version 4 at M
        #expect(QRCode("https://shop.saffron.example/join?ref=2Z0AKPKF", correction: .low)?.width == 29) // version 3 at L
        #expect(QRCode("https://shop.saffron.example/join?ref=2Z0AKPKF", correction: .high)?.width == 41) // version 6 at H
        #expect(QRCode("") == nil)
        #expect(QRCode(String(repeating: "x", count: 5000)) == nil)
    }

    @Test func drawsCrispInlineSVGWithALabel() throws {
        let svg = try #require(QRCode("M0000001")).svg(label: "Member card <M0000001>")
        #expect(svg.hasPrefix("<svg class=\"qr\" role=\"img\""))
        #expect(svg.contains("aria-label=\"Member card &lt;M0000001&gt;\""))
        #expect(svg.contains("viewBox=\"0 0 29 29\""))
        // The first row starts with the finder pattern's seven dark modules, then runs by relative moves.
        #expect(svg.contains("<path stroke=\"#000\" d=\"M4 4.5h7m"))
        #expect(!svg.contains("\n"))
    }

    /// The drawing is the grid: following the path's moves back gives exactly the dark modules.
    @Test(arguments: ["M0000001", "https://shop.saffron.example/join?ref=2Z0AKPKF", "آبان ۱۴۰۵"])
    func thePathDrawsExactlyTheDarkModules(text: String) throws {
        let code = try #require(QRCode(text))
        let svg = code.svg(label: "code")
        let path = try #require(svg.components(separatedBy: " d=\"").last?.components(separatedBy: "\"").first)
        var drawn = [Bool](repeating: false, count: code.width * code.width)
        var x = 0.0, y = 0.0
        let scanner = Scanner(string: path)
        while !scanner.isAtEnd {
            let command = try #require(scanner.scanCharacter())
            switch command {
            case "M": x = try #require(scanner.scanDouble()); y = try #require(scanner.scanDouble())
            case "m": x += try #require(scanner.scanDouble()); y += try #require(scanner.scanDouble())
            case "h":
                let length = try #require(scanner.scanInt())
                let row = Int(y - 0.5) - QRCode.quietZone
                for column in Int(x) - QRCode.quietZone ..< Int(x) - QRCode.quietZone + length {
                    #expect(!drawn[row * code.width + column]) // no module drawn twice
                    drawn[row * code.width + column] = true
                }
                x += Double(length)
            default: Issue.record("unexpected command \(command)"); return
            }
        }
        #expect(drawn == code.modules)
    }
}
