import CQRencode
import PunchcardSupport

/// A QR code from Debian's libqrencode, drawn as inline SVG: crisp at any size, prints, needs no
/// image file. Error correction level M, byte mode (UTF-8), with the standard four-module quiet zone.
public struct QRCode: Sendable, Hashable {
    /// Modules per side, without the quiet zone.
    public let width: Int
    /// Row-major: true is a dark module.
    public let modules: [Bool]

    /// Nil when the text cannot be encoded (empty, or too long for a QR code).
    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.count <= 2000 else { return nil }
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        self.width = width
        // Bit 0 of each byte is the module's colour.
        modules = (0..<(width * width)).map { data[$0] & 1 == 1 }
    }

    public static let quietZone = 4

    /// The code as an `<svg>` element: one path of the dark runs of each row. `label` names it for
    /// screen readers (`role="img"`); `size` is its CSS size.
    public func svg(label: String, size: String = "9rem") -> String {
        let side = width + 2 * Self.quietZone
        var path = ""
        path.reserveCapacity(width * width)
        for row in 0..<width {
            var column = 0
            while column < width {
                guard modules[row * width + column] else { column += 1; continue }
                let start = column
                while column < width, modules[row * width + column] { column += 1 }
                path += "M\(start + Self.quietZone) \(row + Self.quietZone)h\(column - start)v1h-\(column - start)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" aria-label="\(label.htmlEscaped)" \
            viewBox="0 0 \(side) \(side)" width="\(size)" height="\(size)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}
