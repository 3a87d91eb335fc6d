extension String {
    /// The text with `& < > " '` escaped: safe in HTML text and in quoted attribute values.
    ///
    /// Escapes bytes, not characters: a quote followed by a combining mark is one Swift `Character`
    /// (`"\u{301}`), which a character-by-character escaper lets through although the browser still
    /// reads a quote that ends the attribute. The five characters are ASCII, and no byte of a longer
    /// UTF-8 sequence is ASCII, so the result is valid UTF-8. Most values have nothing to escape: they
    /// are returned as they are after one scan.
    public var htmlEscaped: String {
        var text = self
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: String.needsEscaping) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        } ?? self
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
