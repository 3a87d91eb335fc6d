import Foundation
import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

/// Reads members.csv and upserts its rows by member_id.
struct MemberImport {
    static let knownColumns = ["member_id", "name", "email", "phone", "locale", "joined_on",
                               "referred_by", "status", "referral_code"]
    static let requiredColumns = ["member_id", "name", "joined_on"]
    /// Warnings kept for the summary; more are counted.
    static let maxWarnings = 50

    let file: ImportFile
    let target: any ImportTarget
    let erased: ErasedMembers?

    init(file: ImportFile, target: any ImportTarget, erased: ErasedMembers? = nil) {
        self.file = file
        self.target = target
        self.erased = erased
    }

    /// A row as read: a nil optional means the column is absent from the file, so the stored value stays.
    struct Row {
        var line: Int
        var memberID: String
        var name: String
        var email: String??
        var phone: String??
        var locale: String??
        var joinedOn: CalendarDate
        var referredBy: String??
        var status: Member.Status?
        var referralCode: String?
        /// Custom columns: "" removes the attribute.
        var attributes: [String: String]
    }

    /// Reads the file once, row by row, and writes each valid row as it goes (the import's
    /// transaction makes that all or nothing): no row is held, so memory stays nearly flat however
    /// many members the file holds. A referrer on a later line is looked for at the end.
    /// Returns the member_ids in the file, for the ledger import to accept.
    mutating func run(problems: inout DiagnosticList, summary: inout ImportSummary) throws -> KeyTable {
        let name = file.displayName
        // A file that gives referral codes is read for them first: a member may take a code that
        // a later line gives its owner a new one for.
        let codeByID = try Self.referralCodes(in: file)
        let stream = try CSVRecordStream(url: file.url, displayName: file.displayName)
        defer { stream.cancel() }
        let header = CSVHeader(record: try stream.next(), file: name, required: Self.requiredColumns,
                               known: Self.knownColumns, allowExtra: true, problems: &problems)
        guard problems.isEmpty else { return KeyTable() }
        let extras = header.extraColumns(known: Self.knownColumns)
        if let reserved = extras.first(where: { $0.name == Member.unsubscribedColumn }) {
            problems.append(Diagnostic(SourceLocation(file: name, line: 1, column: reserved.index + 1), field: Member.unsubscribedColumn,
                "set by `punchcard import --unsubscribes`, not by members.csv (a consent_on column records a member agreeing to e-mail again)"))
            return KeyTable()
        }

        var keys = KeyTable()
        var lineByCode: [String: Int] = [:]
        // Referrers not known when their line was read: looked for again at the end.
        var laterReferrers: [(line: Int, referrer: String)] = []
        // Into an empty store every member is new: no need to look each one up.
        let storeWasEmpty = try !target.hasMembers()
        var random = SystemRandomNumberGenerator()
        // Codes given out by this import, where the target cannot see its own new members.
        var codesTaken = Set(codeByID.values.map(Self.packed))
        while let record = try stream.next() {
            func problem(_ column: String?, _ message: String) {
                problems.append(header.diagnostic(line: record.line, column: column, message))
            }
            if record.fields.count != header.names.count {
                problem(nil, "expected \(header.names.count) fields as in the header, found \(record.fields.count)")
                continue
            }
            let (memberID, idProblem) = FieldRules.memberID(record.field(header.index(of: "member_id")) ?? "")
            // Erased on request: skipped, with a warning (not counted among the file's members).
            if idProblem == nil, let erased, try erased.skips(memberID, file: name, line: record.line) { continue }
            var valid = true
            if let idProblem {
                problem("member_id", idProblem)
                valid = false
            } else if let first = keys.add(memberID, line: record.line) {
                problem("member_id", "\(Diagnostic.quote(memberID)) appears twice (first on line \(first))")
                valid = false
            }

            let memberName = (record.field(header.index(of: "name")) ?? "").trimmingWhitespace()
            if memberName.isEmpty {
                problem("name", "required, but empty"); valid = false
            } else if let trouble = FieldRules.textProblem(memberName, limit: FieldRules.maxNameLength) {
                problem("name", trouble); valid = false
            }

            let joinedText = record.field(header.index(of: "joined_on")) ?? ""
            let joinedOn = CalendarDate(iso: joinedText)
            if joinedOn == nil {
                problem("joined_on", FieldRules.dateProblem(joinedText))
                valid = false
            }

            // Free-text columns: no control characters (a NUL would be stored cut short), bounded.
            func checkedText(_ column: String) -> String?? {
                let value = Self.optional(record.field(header.index(of: column)))
                if let text = value ?? nil, let trouble = FieldRules.textProblem(text) {
                    problem(column, trouble); valid = false
                }
                return value
            }
            let email = checkedText("email")
            if let email = email ?? nil, !email.containsControlCharacter(), !Self.looksLikeEmail(email) {
                problem("email", "\(Diagnostic.quote(email)) is not an email address"); valid = false
            }
            var phone = checkedText("phone")
            if let text = phone ?? nil, !text.isEmpty, !text.containsControlCharacter() {
                // Stored as E.164, what an SMS gateway takes, however the file spaced it.
                if let number = PhoneNumber.e164(text) {
                    phone = .some(number)
                } else {
                    problem("phone", "\(Diagnostic.quote(text)) is not a phone number in E.164 form: + then the country code and number, such as +989121234567")
                    valid = false
                }
            }
            let locale = Self.optional(record.field(header.index(of: "locale")))
            if let locale = locale ?? nil, !Language.isValid(locale) {
                problem("locale", "\(Diagnostic.quote(locale)) is not a BCP 47 language tag such as fa-IR, ar-SA or en-US"); valid = false
            }
            var referredBy = checkedText("referred_by")
            if let referrer = referredBy ?? nil, !referrer.isEmpty { referredBy = .some(Identifier.normalized(referrer)) }
            if let referrer = referredBy ?? nil, referrer == memberID {
                problem("referred_by", "a member cannot refer themselves"); valid = false
            }
            var status: Member.Status?
            if let text = record.field(header.index(of: "status")) {
                if text.isEmpty {
                    status = .active
                } else if let parsed = Member.Status(rawValue: text) {
                    status = parsed
                } else {
                    problem("status", "\(Diagnostic.quote(text)) is not active or closed"); valid = false
                }
            }
            var referralCode: String?
            if let text = record.field(header.index(of: "referral_code")), !text.isEmpty {
                if let code = ReferralCode.normalized(text) {
                    if let first = lineByCode[code] {
                        problem("referral_code", "\(Diagnostic.quote(text)) is also the code on line \(first)"); valid = false
                    }
                    lineByCode[code] = record.line
                    referralCode = code
                } else {
                    problem("referral_code", "\(Diagnostic.quote(text)) is not a referral code (8 characters of Crockford base 32 with a valid check character)")
                    valid = false
                }
            }
            var attributes: [String: String] = [:]
            for extra in extras {
                let value = record.fields[extra.index]
                if let trouble = FieldRules.textProblem(value, allowLineBreaks: true) {
                    problems.append(Diagnostic(SourceLocation(file: name, line: record.line, column: extra.index + 1),
                                               field: CSVHeader.shown(extra.name), trouble))
                    valid = false
                } else if extra.name == "birthday", !value.isEmpty, MonthDay(text: value) == nil {
                    // Offers for a member's birthday read it: MM-DD, or a whole date.
                    problems.append(Diagnostic(SourceLocation(file: name, line: record.line, column: extra.index + 1),
                                               field: "birthday", "\(Diagnostic.quote(value)) is not a day of the year as MM-DD or YYYY-MM-DD"))
                    valid = false
                } else if extra.name == Member.consentColumn, !value.isEmpty, CalendarDate(iso: value) == nil {
                    problems.append(Diagnostic(SourceLocation(file: name, line: record.line, column: extra.index + 1),
                                               field: Member.consentColumn, FieldRules.dateProblem(value)))
                    valid = false
                } else if extra.name == "channel", !value.isEmpty, ContactChannel(rawValue: value.lowercased()) == nil {
                    problems.append(Diagnostic(SourceLocation(file: name, line: record.line, column: extra.index + 1),
                                               field: "channel", "\(Diagnostic.quote(value)) is not email, sms or none"))
                    valid = false
                }
                attributes[extra.name] = extra.name == "channel" ? value.lowercased() : value
            }
            // A channel the row cannot be reached on, when the row says so itself.
            if let chosen = attributes["channel"].flatMap(ContactChannel.init(rawValue:)) {
                if chosen == .sms, let given = phone, (given ?? "").isEmpty {
                    problem("channel", "sms, but the row has no phone number"); valid = false
                } else if chosen == .email, let given = email, (given ?? "").isEmpty {
                    problem("channel", "email, but the row has no e-mail address"); valid = false
                }
            }

            // A referrer erased on request is kept as their opaque id (as `forget` kept it).
            if let referrer = referredBy ?? nil, !referrer.isEmpty, let erased, !keys.contains(referrer),
               try !target.memberExists(referrer), let erasure = try erased.erasure(of: referrer), !erased.allowed {
                referredBy = .some(erasure.opaqueID)
            }
            // A referrer earlier in the file or in the store is known now; a later one at the end.
            if valid, let referrer = referredBy ?? nil, !keys.contains(referrer), try !target.memberExists(referrer) {
                laterReferrers.append((record.line, referrer))
            }

            // After the first problem nothing will be kept: only go on checking.
            if valid, problems.isEmpty, let joinedOn {
                try apply(Row(line: record.line, memberID: memberID, name: memberName, email: email, phone: phone,
                              locale: locale, joinedOn: joinedOn, referredBy: referredBy, status: status,
                              referralCode: referralCode, attributes: attributes),
                          header: header, storeWasEmpty: storeWasEmpty, codeByID: codeByID, codesTaken: &codesTaken,
                          random: &random, problems: &problems, summary: &summary)
            }
        }

        // What needed the whole file: referrers on later lines.
        for (line, referrer) in laterReferrers where !keys.contains(referrer) {
            problems.append(Diagnostic(
                SourceLocation(file: name, line: line, column: header.index(of: "referred_by").map { $0 + 1 }),
                field: "referred_by", "\(Diagnostic.quote(referrer)): no such member in the store or in \(name)"))
        }
        return keys
    }

    /// Writes one valid row: a new member, or the stored one updated.
    private func apply(_ row: Row, header: CSVHeader, storeWasEmpty: Bool, codeByID: [String: String],
                       codesTaken: inout Set<UInt64>, random: inout SystemRandomNumberGenerator,
                       problems: inout DiagnosticList, summary: inout ImportSummary) throws {
        let name = file.displayName
        let stored = storeWasEmpty ? nil : try target.storedMember(row.memberID)
        // (A member_id twice in the file is a problem found before this: nothing is applied then.)
        var member = stored ?? Member(memberID: row.memberID, name: row.name, joinedOn: row.joinedOn,
                                      referralCode: "", attributes: [:])
        member.name = row.name
        member.joinedOn = row.joinedOn
        if let email = row.email { member.email = email }
        if let phone = row.phone { member.phone = phone }
        if let locale = row.locale { member.locale = locale }
        if let referredBy = row.referredBy { member.referredBy = referredBy }
        if let status = row.status { member.status = status }
        for (key, value) in row.attributes { member.attributes[key] = value.isEmpty ? nil : value }
        // Consent: a member who unsubscribed gets e-mail again only by agreeing again after it
        // (consent_on later than unsubscribed_on); a file that still says `email` does not undo it.
        if let unsubscribed = stored?.unsubscribedOn {
            if let consent = member.attributes[Member.consentColumn].flatMap(CalendarDate.init(iso:)), consent > unsubscribed {
                member.attributes[Member.unsubscribedColumn] = nil
            } else if member.channel == .email {
                member.attributes["channel"] = ContactChannel.none.rawValue
                if row.attributes["channel"] == ContactChannel.email.rawValue {
                    let warning = header.diagnostic(line: row.line, column: "channel",
                        "\(Diagnostic.quote(row.memberID)) unsubscribed on \(unsubscribed); channel email not applied (a consent_on after that day re-subscribes)")
                    if summary.warnings.count < Self.maxWarnings { summary.warnings.append(warning) } else { summary.warningsOmitted += 1 }
                }
            }
        }
        if let code = row.referralCode {
            // Taken by another member, unless this file gives that member a new code.
            if !storeWasEmpty, let owner = try target.referralCodeOwner(code),
               owner != row.memberID, codeByID[owner] == nil {
                problems.append(Diagnostic(
                    SourceLocation(file: name, line: row.line, column: header.index(of: "referral_code").map { $0 + 1 }),
                    field: "referral_code", "\(Diagnostic.quote(code)) already belongs to member \(owner)"))
                return
            }
            member.referralCode = code
            codesTaken.insert(Self.packed(code))
        } else if member.referralCode.isEmpty {
            member.referralCode = try freshCode(storeWasEmpty: storeWasEmpty, taken: &codesTaken, using: &random)
        }

        if stored == nil {
            // A store written before keys were normalised may hold the same text in another
            // Unicode form (decomposed): two members a person cannot tell apart. Refused.
            let decomposed = row.memberID.decomposedStringWithCanonicalMapping
            if !row.memberID.utf8.allSatisfy({ $0 < 0x80 }), !decomposed.utf8.elementsEqual(row.memberID.utf8),
               try target.memberExists(decomposed) {
                problems.append(header.diagnostic(line: row.line, column: "member_id",
                    "\(Diagnostic.quote(row.memberID)) is the same text as a stored member_id written in another Unicode form (by an earlier version); give this member that member_id, or rename one"))
                return
            }
            member.token = MemberToken.random(using: &random)
            try target.insertMember(member)
            summary.membersAdded += 1
        } else if stored != member {
            try target.updateMember(member)
            summary.membersUpdated += 1
        } else {
            summary.membersUnchanged += 1
        }
    }

    /// member_id → referral code, for the rows of `file` that give one (none when it has no
    /// referral_code column). Rows with problems are left to the main pass to report.
    static func referralCodes(in file: ImportFile) throws -> [String: String] {
        let stream = try CSVRecordStream(url: file.url, displayName: file.displayName)
        defer { stream.cancel() }
        guard let header = try stream.next()?.fields,
              let idColumn = header.firstIndex(of: "member_id"), let codeColumn = header.firstIndex(of: "referral_code")
        else { return [:] }
        var codes: [String: String] = [:]
        while let record = try stream.next() {
            guard record.fields.count == header.count, !record.fields[codeColumn].isEmpty,
                  let code = ReferralCode.normalized(record.fields[codeColumn]) else { continue }
            codes[Identifier.normalized(record.fields[idColumn])] = code
        }
        return codes
    }

    /// A referral code's 8 ASCII characters as one number: a set of them costs 8 bytes a code.
    static func packed(_ code: String) -> UInt64 {
        code.utf8.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    // MARK: Helpers

    /// nil when the column is absent; .some(nil) when the field is empty.
    static func optional(_ field: String?) -> String?? {
        guard let field else { return nil }
        let trimmed = field.trimmingWhitespace()
        return .some(trimmed.isEmpty ? nil : trimmed)
    }

    /// One `@` with text before it and a dot after it, and no spaces: catches columns mixed up, not typos.
    static func looksLikeEmail(_ text: String) -> Bool {
        var ats = 0, localLength = 0, dotAfterAt = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "@"): ats += 1
            case UInt8(ascii: "."): if ats == 1 { dotAfterAt = true } else if ats == 0 { localLength += 1 }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return false
            default: if ats == 0 { localLength += 1 }
            }
        }
        return ats == 1 && localLength > 0 && dotAfterAt
    }

    /// A referral code nobody holds: not in the store (which, where the target sees its own new
    /// members, includes this import's), and not given out by this import.
    func freshCode(storeWasEmpty: Bool, taken: inout Set<UInt64>, using random: inout SystemRandomNumberGenerator) throws -> String {
        while true {
            let code = ReferralCode.random(using: &random)
            if target.seesItsOwnNewMembers {
                if !taken.contains(Self.packed(code)), try target.referralCodeOwner(code) == nil { return code }
                continue
            }
            let stored = try !storeWasEmpty && target.referralCodeOwner(code) != nil
            if !stored, taken.insert(Self.packed(code)).inserted { return code }
        }
    }
}

extension Member {
    /// The custom columns as stored: a JSON object of text with sorted keys (`{}` when none).
    public var attributesJSON: String {
        guard !attributes.isEmpty else { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(attributes)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Custom columns from their stored JSON text.
    public static func attributes(fromJSON text: String) -> [String: String] {
        guard text != "{}", let decoded = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else { return [:] }
        return decoded
    }
}
