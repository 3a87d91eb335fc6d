extension String {
    /// The text with `& < > " '` escaped, as Mustache escapes `{{value}}`: safe in HTML text and
    /// in quoted attribute values.
    public var htmlEscaped: String {
        guard contains(where: { "&<>\"'".contains($0) }) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        for character in self {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
