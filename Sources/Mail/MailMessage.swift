import Foundation
import PunchcardSupport

/// One e-mail as RFC 5322 and MIME (RFC 2045–2049) write it: header fields, then a
/// `multipart/alternative` body with a `text/plain` and a `text/html` part, both UTF-8 in base64
/// (lines of 76 characters: safe through every mail system, whatever the script).
public struct MailMessage: Sendable {
    /// Header fields, each already encoded and folded (`MailHeaders`), without their final CRLF.
    public var headers: [String]
    public var text: String
    public var html: String
    /// Separates the parts; chosen so that it cannot occur in base64 (it has `=` and `_`).
    public var boundary: String
    /// The `Message-ID` header's value, for the delivery record.
    public var messageID: String

    public init(headers: [String], text: String, html: String, boundary: String, messageID: String) {
        self.messageID = messageID
        self.headers = headers
        self.text = text
        self.html = html
        self.boundary = boundary
    }

    /// The message as bytes, lines ending in CRLF.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024 + (text.utf8.count + html.utf8.count) * 140 / 100)
        func line(_ text: String) { out.append(contentsOf: text.utf8); out.append(13); out.append(10) }
        for header in headers { line(header) }
        line("MIME-Version: 1.0")
        line("Content-Type: multipart/alternative;")
        line(" boundary=\"\(boundary)\"")
        line("")
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            line("--\(boundary)")
            line("Content-Type: \(type); charset=UTF-8")
            line("Content-Transfer-Encoding: base64")
            line("")
            let encoded = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            if !encoded.isEmpty { line(encoded) }
        }
        line("--\(boundary)--")
        return out
    }

    /// Text lines ending in LF only, as a sendmail command reads them on its standard input
    /// (`sendmail -t -i` turns them into CRLF itself).
    public var unixBytes: [UInt8] {
        var out: [UInt8] = []
        let all = bytes
        out.reserveCapacity(all.count)
        for byte in all where byte != 13 { out.append(byte) }
        return out
    }
}
