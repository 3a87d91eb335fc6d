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
        var result = ""
        var rest = self[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            if let value = values[String(rest[rest.index(after: open)..<close])] {
                result += value
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }
}
