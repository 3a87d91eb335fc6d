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

    /// The path as its definition reads, written plainly: the fast writer must draw exactly this.
    func plainSVG(_ code: QRCode, label: String, size: String) -> String {
        let side = code.width + 2 * QRCode.quietZone
        var path = ""
        for row in 0..<code.width {
            var pen: Int?
            var column = 0
            while column < code.width {
                guard code.modules[row * code.width + column] else { column += 1; continue }
                let start = column
                while column < code.width, code.modules[row * code.width + column] { column += 1 }
                if let pen { path += "m\(start - pen) 0h" } else { path += "M\(start + QRCode.quietZone) \(row + QRCode.quietZone).5h" }
                path += "\(column - start)"
                pen = column
            }
        }
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&#39;")
        }
        return "<svg class=\"qr\" role=\"img\" aria-label=\"\(escaped(label))\" viewBox=\"0 0 \(side) \(side)\" width=\"\(escaped(size))\" "
            + "height=\"\(escaped(size))\" shape-rendering=\"crispEdges\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path stroke=\"#000\" d=\"\(path)\"/></svg>"
    }

    @Test func theSVGIsThePlainDrawingOfItsModules() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?=&:.-_ آبپ")
        var compared = 0
        for length in [1, 8, 46, 120, 400, 1500] {
            for _ in 0..<20 {
                let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
                for correction in [QRCode.Correction.low, .high] {
                    guard let code = QRCode(text, correction: correction) else { continue } // too long at H
                    #expect(code.svg(label: "A <card> \"x\"", size: "8rem") == plainSVG(code, label: "A <card> \"x\"", size: "8rem"))
                    compared += 1
                }
            }
        }
        #expect(compared >= 200)
    }
}
