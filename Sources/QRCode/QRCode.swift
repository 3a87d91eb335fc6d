import CQRencode
import PunchcardSupport

/// A QR code from Debian's libqrencode, drawn as inline SVG: crisp at any size, prints, needs no
/// image file. Byte mode (UTF-8), with the standard four-module quiet zone.
public struct QRCode: Sendable, Hashable {
    /// How much of the code may be damaged and still read: about 7 % (L), 15 % (M), 25 % (Q), 30 % (H).
    /// More correction means more modules, and libqrencode's cost grows with them (it scores eight
    /// masks over the whole grid): a 46-character link takes 33 × 33 modules and ~140 µs at M,
    /// 29 × 29 and ~100 µs at L, measured on this project's machine.
    public enum Correction: Sendable {
        case low, medium, quartile, high

        var level: QRecLevel {
            switch self {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        }
    }

    /// Modules per side, without the quiet zone.
    public let width: Int
    /// Row-major: true is a dark module.
    public let modules: [Bool]

    /// Nil when the text cannot be encoded (empty, or too long for a QR code).
    /// - Parameter mask: one of the eight data masks (0…7), or nil to let libqrencode score all
    ///   eight and keep the best (the standard's advice, and ten times the cost: 49 µs against 4 µs
    ///   for a 46-character link on this project's machine). Every mask is valid and every reader
    ///   reads them all; statements name one, and CI photographs and decodes them (`Tests/QR`).
    public init?(_ text: String, correction: Correction = .medium, mask: Int? = Self.statementMask) {
        guard !text.isEmpty, text.utf8.count <= 2000 else { return nil }
        guard let input = QRinput_new2(0, correction.level) else { return nil }
        defer { QRinput_free(input) }
        guard Split_splitStringToQRinput(text, input, QR_MODE_8, 1) == 0 else { return nil }
        let chosen = mask.map { Int32(min(7, max(0, $0))) } ?? -1
        guard let code = QRcode_encodeMask(input, chosen) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        self.width = width
        // Bit 0 of each byte is the module's colour.
        modules = (0..<(width * width)).map { data[$0] & 1 == 1 }
    }

    public static let quietZone = 4

    /// The mask statements use: the checkerboard, (row + column) mod 2 = 0.
    public static let statementMask: Int? = 0

    /// The code as an inline `<svg>` element of an HTML page (which gives it its namespace: as a file
    /// of its own it would need `xmlns`): each row's dark runs as strokes one module thick, in relative
    /// moves (a fraction of the bytes of one square per run). `label` names it for screen readers
    /// (`role="img"`); `size` is its CSS size.
    public func svg(label: String, size: String = "9rem") -> String {
        String(decoding: svgBytes(label: label, size: size), as: UTF8.self)
    }

    /// `svg(label:size:)` as UTF-8 bytes, for pages rendered into bytes (no String to make and check).
    public func svgBytes(label: String, size: String = "9rem") -> [UInt8] {
        let side = width + 2 * Self.quietZone
        var svg = ByteText(capacity: 300 + width * width)
        svg.append("<svg class=\"qr\" role=\"img\" aria-label=\"")
        svg.append(label.htmlEscaped)
        svg.append("\" viewBox=\"0 0 ")
        svg.append(side); svg.append(" "); svg.append(side)
        svg.append("\" width=\""); svg.append(size.htmlEscaped)
        svg.append("\" height=\""); svg.append(size.htmlEscaped)
        svg.append("\" shape-rendering=\"crispEdges\"><rect width=\"")
        svg.append(side); svg.append("\" height=\""); svg.append(side)
        svg.append("\" fill=\"#fff\"/><path stroke=\"#000\" d=\"")
        // The path, written straight into a buffer sized for the worst case (a run per two modules,
        // each at most "m999 0h999": 11 bytes; a row start "M999 999.5h999": 15): no appends.
        let path = [UInt8](unsafeUninitializedCapacity: 16 * width + 11 * (width * width / 2 + width)) { buffer, count in
            var at = 0
            @inline(__always) func put(_ byte: UInt8) { buffer[at] = byte; at += 1 }
            @inline(__always) func put(_ number: Int) {
                if number >= 100 { put(UInt8(48 + number / 100)) }
                if number >= 10 { put(UInt8(48 + number / 10 % 10)) }
                put(UInt8(48 + number % 10))
            }
            modules.withUnsafeBufferPointer { modules in
                for row in 0..<width {
                    let offset = row * width
                    var column = 0
                    var pen = -1 // where the previous run in this row ended; -1: none yet
                    while column < width {
                        guard modules[offset + column] else { column += 1; continue }
                        let start = column
                        while column < width, modules[offset + column] { column += 1 }
                        if pen >= 0 {
                            put(UInt8(ascii: "m")); put(start - pen); put(UInt8(ascii: " ")); put(UInt8(ascii: "0")); put(UInt8(ascii: "h"))
                        } else {
                            // The stroke is centred on the line: half a module down fills the row.
                            put(UInt8(ascii: "M")); put(start + Self.quietZone); put(UInt8(ascii: " "))
                            put(row + Self.quietZone); put(UInt8(ascii: ".")); put(UInt8(ascii: "5")); put(UInt8(ascii: "h"))
                        }
                        put(column - start)
                        pen = column
                    }
                }
            }
            count = at
        }
        svg.append(bytes: path)
        svg.append("\"/></svg>")
        return svg.bytes
    }
}
