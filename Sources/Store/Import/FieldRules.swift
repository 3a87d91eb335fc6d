import PunchcardStatements
import PunchcardSupport

/// Limits and checks every import field passes, so that whatever the importer accepts, every
/// command can compute and show: numbers a loyalty program can mean, text without control
/// characters, lengths a page can hold.
enum FieldRules {
    /// The most points one ledger row may carry, either way (the program file's bound too). Sums
    /// over a member's rows then stay far inside 64-bit integers.
    static let maxPoints = Program.maxPoints
    static let maxAmountLength = 32
    static let maxTxnIDBytes = 128
    static let maxMemberIDLength = 64
    /// A member_id names files (`mail --out`): bounded in bytes well inside a file name's 255.
    static let maxMemberIDBytes = 128
    static let maxNameLength = 200
    static let maxDescriptionLength = 1_000
    static let maxFieldLength = 1_000

    /// Why `text` is not a valid `points` value, or nil.
    static func pointsProblem(_ text: String) -> String? {
        if text.isEmpty { return "required, but empty" }
        guard let value = Int(text) else {
            let digits = text.drop { $0 == "-" || $0 == "+" }
            if !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                return "\(Diagnostic.quote(text)) is too large (at most \(maxPoints.formatted()) either way)"
            }
            return "\(Diagnostic.quote(text)) is not an integer"
        }
        if value.saturatingMagnitude > maxPoints {
            return "\(Diagnostic.quote(text)) is too large (at most \(maxPoints.formatted()) either way)"
        }
        return nil
    }

    /// Why `text` is not a day, in words that say what is wrong with it.
    static func dateProblem(_ text: String) -> String {
        if text.isEmpty { return "required, but empty" }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
           parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            if year < 1 { return "\(Diagnostic.quote(text)): there is no year 0" }
            if !(1...12).contains(month) { return "\(Diagnostic.quote(text)): \(month) is not a month (01 to 12)" }
            let monthName = monthNames[month - 1]
            _ = day
            return "\(Diagnostic.quote(text)) is not a day of \(monthName) \(year) (it has \(CalendarDate.daysInMonth(year: year, month: month)) days)"
        }
        return "\(Diagnostic.quote(text)) is not a date in the form YYYY-MM-DD"
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// Why a text field is not acceptable, or nil: control characters (a NUL byte would be stored
    /// cut short), and lengths past `limit` characters.
    static func textProblem(_ text: String, limit: Int = maxFieldLength, allowLineBreaks: Bool = false) -> String? {
        if text.containsControlCharacter(allowingLineBreaks: allowLineBreaks) {
            return "\(Diagnostic.quote(text)) holds a control character (such as a NUL byte or a tab)"
                + (allowLineBreaks ? "" : " or a line break")
        }
        // Characters never outnumber UTF-8 bytes: count them only for long texts. A character
        // can carry any number of combining marks, so bytes are bounded too (four per character).
        if text.utf8.count > limit, text.count > limit {
            return "\(Diagnostic.quote(text)) is longer than \(limit) characters"
        }
        if text.utf8.count > limit * 4 {
            return "\(Diagnostic.quote(text)) is longer than \(limit * 4) bytes"
        }
        if let run = Identifier.longestMarkRun(in: text), run > Identifier.maximumMarksPerCharacter {
            return "\(Diagnostic.quote(text)) has a character with \(run) combining marks (at most \(Identifier.maximumMarksPerCharacter))"
        }
        return nil
    }

    /// A member_id as stored (NFC) and why it cannot be one, or nil.
    /// Why a field naming something the site declares (a source, a plan, an offer) is refused, or
    /// nil. `declared` is nil when the site was not read: then nothing can be checked, and the
    /// message says how to import with the site.
    static func undeclaredProblem(_ value: String, declared: Set<String>?, what: String, whereDeclared: String) -> String? {
        guard let declared else {
            return "\(Diagnostic.quote(value)): cannot check the \(what) without the site (declare it under \(whereDeclared), and import with --root naming the site)"
        }
        guard !declared.contains(value) else { return nil }
        let known = declared.isEmpty ? "none is declared" : "declared: " + declared.sorted().prefix(10).joined(separator: ", ")
            + (declared.count > 10 ? ", …" : "")
        let article = "aeiou".contains(what.prefix(1)) ? "an" : "a"
        return "\(Diagnostic.quote(value)) is not \(article) \(what) declared under \(whereDeclared) (\(known))"
    }

    static func memberID(_ raw: String) -> (key: String, problem: String?) {
        let key = Identifier.normalized(raw)
        // Erased members' rows carry `erased-…` ids (`Erasure`): no file may name one.
        if Erasure.isOpaque(key) {
            return (key, "\(Diagnostic.quote(key)) begins with \"\(Erasure.prefix)\", which is kept for the rows of erased members")
        }
        return (key, Identifier.problem(key, maxCharacters: maxMemberIDLength, maxBytes: maxMemberIDBytes))
    }

    /// A txn_id as stored (NFC) and why it cannot be one, or nil.
    static func txnID(_ raw: String) -> (key: String, problem: String?) {
        let key = Identifier.normalized(raw)
        return (key, Identifier.problem(key, maxCharacters: maxTxnIDBytes, maxBytes: maxTxnIDBytes))
    }

    /// A hint when a header row looks like another format: a spreadsheet's semicolon- or
    /// tab-separated export instead of CSV.
    static func separatorHint(header fields: [String]) -> String? {
        guard fields.count == 1, let only = fields.first else { return nil }
        if only.contains(";") { return "this looks like a semicolon-separated file (a spreadsheet export?): Punchcard reads comma-separated CSV; export it again as CSV with commas" }
        if only.contains("\t") { return "this looks like a tab-separated file: Punchcard reads comma-separated CSV; export it again as CSV with commas" }
        if only.contains("|") { return "this looks like a file separated by | : Punchcard reads comma-separated CSV" }
        return nil
    }
}
