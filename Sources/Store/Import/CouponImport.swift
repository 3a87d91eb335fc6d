import Foundation
import PunchcardStatements
import PunchcardSupport

/// Reads coupons.csv (member_id, offer, code, expires_on): codes a partner or the operator issued
/// to particular members for particular offers. Keyed by member and offer: a row for a stored key
/// replaces its code and date (a code re-issued), the same row again changes nothing. A code is
/// one member's: the same code for the same offer on two members is refused.
struct CouponImport {
    static let columns = ["member_id", "offer", "code", "expires_on"]

    let file: ImportFile
    let target: any ImportTarget
    let importedMemberIDs: KeyTable
    var erased: ErasedMembers? = nil

    func run(problems: inout DiagnosticList) throws -> (added: Int, updated: Int, unchanged: Int) {
        let name = file.displayName
        let stream = try CSVRecordStream(url: file.url, displayName: name)
        defer { stream.cancel() }
        let header = CSVHeader(record: try stream.next(), file: name, required: Self.columns,
                               known: Self.columns, allowExtra: false, problems: &problems)
        guard problems.isEmpty else { return (0, 0, 0) }
        let column = Dictionary(uniqueKeysWithValues: Self.columns.map { ($0, header.index(of: $0)!) })
        let fieldCount = header.names.count
        var knownMembers = KnownMembers(target: target, importedMemberIDs: importedMemberIDs, erased: erased, file: name)
        var seenKeys: [String: Int] = [:]   // member and offer → the line that named them
        var seenCodes: [String: (line: Int, memberID: String)] = [:] // offer and code → where it was given
        var added = 0, updated = 0, unchanged = 0

        while let record = try stream.next() {
            func problem(_ field: String?, _ message: String) {
                problems.append(header.diagnostic(line: record.line, column: field, message))
            }
            let fields = record.fields
            guard fields.count == fieldCount else {
                problem(nil, "expected \(fieldCount) fields as in the header, found \(fields.count)")
                continue
            }
            func field(_ name: String) -> String { fields[column[name]!] }
            let memberID = try knownMembers.check(field("member_id"), line: record.line) { problem("member_id", $0) }
            var valid = memberID != nil
            let offer = field("offer")
            if offer.isEmpty {
                problem("offer", "required, but empty")
                valid = false
            } else if let trouble = FieldRules.undeclaredProblem(offer, declared: file.declaredOffers, what: "offer",
                                                                 whereDeclared: "content/offers/") {
                problem("offer", trouble)
                valid = false
            }
            let code = field("code")
            if let trouble = Coupon.codeProblem(code) {
                problem("code", code.isEmpty ? trouble : "\(Diagnostic.quote(code)) \(trouble)")
                valid = false
            }
            let expires = CalendarDate(iso: field("expires_on"))
            if expires == nil {
                problem("expires_on", FieldRules.dateProblem(field("expires_on")))
                valid = false
            }
            guard valid, let memberID, let expires else { continue }
            let key = memberID + "\u{0}" + offer
            if let earlier = seenKeys[key] {
                problem("offer", "\(Diagnostic.quote(memberID)) has a code for \(Diagnostic.quote(offer)) already at line \(earlier); one row per member and offer")
                continue
            }
            seenKeys[key] = record.line
            let codeKey = offer + "\u{0}" + code
            if let earlier = seenCodes[codeKey] {
                problem("code", "\(Diagnostic.quote(code)) is given to \(Diagnostic.quote(earlier.memberID)) for this offer already at line \(earlier.line); a code is one member's")
                continue
            }
            seenCodes[codeKey] = (record.line, memberID)
            if let holder = try target.couponHolder(offer: offer, code: code), holder != memberID {
                problem("code", "\(Diagnostic.quote(code)) is stored for another member (\(Diagnostic.quote(holder))) for this offer; a code is one member's")
                continue
            }
            // After the first problem nothing will be kept: only go on checking.
            guard problems.isEmpty else { continue }
            let coupon = Coupon(memberID: memberID, offer: offer, code: code, expiresOn: expires)
            let stored = try target.storedCoupon(memberID: memberID, offer: offer)
            if stored == coupon {
                unchanged += 1
                continue
            }
            try target.saveCoupon(coupon)
            if stored == nil { added += 1 } else { updated += 1 }
        }
        return (added, updated, unchanged)
    }
}
