/// An e-mail address, `local@domain`, as Punchcard sends to and from: plain ASCII (no internationalized
/// addresses, which need SMTPUTF8 all along the way), no spaces, no control characters and none of the
/// characters that end an address in a header (`<>()[],;:"\`). What it accepts can be written into a
/// header as is: nothing in it can start a new header or a second address.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public let address: String

    public init?(_ text: String) {
        let text = text.trimmingWhitespace()
        guard text.utf8.count <= 254, let at = text.lastIndex(of: "@") else { return nil }
        let local = text[..<at], domain = text[text.index(after: at)...]
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty,
              !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains(".."),
              !local.contains("@"),
              text.unicodeScalars.allSatisfy(Self.isAllowed)
        else { return nil }
        address = text
    }

    /// The domain, for the `Message-ID`.
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    public var description: String { address }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII, scalar.value > 0x20, scalar.value < 0x7F else { return false }
        return !"<>()[],;:\"\\".unicodeScalars.contains(scalar)
    }
}

/// A sender or recipient: an optional display name and an address, `Saffron Rewards <rewards@saffron.example>`.
public struct Mailbox: Sendable, Hashable {
    public let name: String
    public let address: MailAddress

    public init(name: String, address: MailAddress) {
        self.name = name
        self.address = address
    }

    /// `Name <address>`, `"Name" <address>` or a bare address; nil when it is none of them.
    public init?(parsing text: String) {
        let text = text.trimmingWhitespace()
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            guard let address = MailAddress(String(text[text.index(after: open)..<text.index(before: text.endIndex)])) else { return nil }
            var name = text[..<open].trimmingWhitespace()
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                    .replacingOccurrences(of: "\\\\", with: "\\")
            }
            guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
            self.init(name: name, address: address)
        } else {
            guard let address = MailAddress(text) else { return nil }
            self.init(name: "", address: address)
        }
    }
}
