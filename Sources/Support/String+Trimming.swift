extension StringProtocol {
    /// The text without leading and trailing white space (including line breaks).
    ///
    /// Foundation's `trimmingCharacters(in:)` bridges through NSString on Linux and was the
    /// largest single cost of a member import; this returns the string itself when there is
    /// nothing to trim, which is nearly always.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return String(self) }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}

extension String {
    /// The text with each `{name}` whose name is in `values` replaced by its value; other braces
    /// are kept. (Foundation's `replacingOccurrences` goes through NSString on Linux, and this runs
    /// once per statement.)
    public func fillingPlaceholders(_ values: [String: String]) -> String {
        // Scanned as UTF-8 bytes: `{` and `}` are ASCII, and a statement fills a dozen of these.
        var text = self
        return text.withUTF8 { bytes -> String in
            guard bytes.contains(UInt8(ascii: "{")) else { return self }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 64)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == UInt8(ascii: "{"),
                      let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")) else {
                    result.append(byte)
                    index += 1
                    continue
                }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), as: UTF8.self)
                if let value = values[name] {
                    result.append(contentsOf: value.utf8)
                } else {
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index...close]))
                }
                index = close + 1
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}
