/// Where a problem is: a file, and when known the line and column in it.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if line != nil, let column { text += ":\(column)" }
        return text
    }
}

/// One problem in the operator's input, phrased as `file:line:column: field: message`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    /// The column, key or field the problem is about (`points`, `tiers[2].threshold`).
    public var field: String?
    public var message: String

    public init(_ location: SourceLocation, field: String? = nil, _ message: String) {
        self.location = location
        // A field is named from the operator's input (a key, a column): long ones are shortened
        // as quoted values are, so that one problem stays a readable line.
        self.field = field.map { $0.utf8.count > 120 ? Diagnostic.shortened($0) : $0 }
        // A last bound, whatever a message quotes: one problem is one readable line.
        self.message = message.utf8.count > Diagnostic.longestMessage ? Diagnostic.cut(message) : message
    }

    /// Bytes a message may hold; past that it is cut (at a character) and ends with "…".
    public static let longestMessage = 1_000

    static func cut(_ message: String) -> String {
        var kept = ""
        var bytes = 0
        for scalar in message.unicodeScalars {
            bytes += scalar.utf8.count
            if bytes > longestMessage - 3 { break }
            kept.unicodeScalars.append(scalar)
        }
        return kept + "…"
    }

    public var description: String {
        if let field { return Diagnostic.oneLine("\(location): \(field): \(message)") }
        return Diagnostic.oneLine("\(location): \(message)")
    }
}

/// Several problems found in one pass, capped so that a broken file does not flood the terminal.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public private(set) var diagnostics: [Diagnostic] = []
    /// Problems found beyond the cap, counted but not kept.
    public private(set) var omitted = 0
    public let limit: Int

    public init(limit: Int = 50) {
        self.limit = limit
    }

    public var isEmpty: Bool { diagnostics.isEmpty }
    public var count: Int { diagnostics.count + omitted }
    public var isFull: Bool { diagnostics.count >= limit }

    public mutating func append(_ diagnostic: Diagnostic) {
        if diagnostics.count < limit {
            diagnostics.append(diagnostic)
        } else {
            omitted += 1
        }
    }

    public var description: String {
        var lines = diagnostics.map(\.description)
        if omitted > 0 {
            lines.append("… and \(omitted) more problem\(omitted == 1 ? "" : "s")")
        }
        return lines.joined(separator: "\n")
    }
}
