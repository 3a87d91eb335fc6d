import Foundation
import PunchcardSupport

/// A code issued to one member for one offer (`coupons.csv`): by a partner or by the operator.
/// Private like the member's statement address: it appears only on that member's pages.
public struct Coupon: Sendable, Hashable {
    /// Longest code accepted on import: codes are read aloud at a till and drawn as QR codes.
    public static let maxCodeLength = 64

    public var memberID: String
    /// The offer's slug (`content/offers/<offer>.md`).
    public var offer: String
    public var code: String
    /// The last day the code can be used.
    public var expiresOn: CalendarDate

    public init(memberID: String, offer: String, code: String, expiresOn: CalendarDate) {
        self.memberID = memberID
        self.offer = offer
        self.code = code
        self.expiresOn = expiresOn
    }

    /// The coupons a statement for a period ending on `end` shows: those still usable after it
    /// (statements are read after their period, as for offers), by offer.
    public static func held(_ coupons: [Coupon], after end: CalendarDate) -> [Coupon] {
        coupons.filter { $0.expiresOn > end }.sorted { ($0.offer, $0.code) < ($1.offer, $1.code) }
    }

    /// Why a code cannot be stored, or nil: codes are one line of printable characters.
    public static func codeProblem(_ code: String) -> String? {
        if code.isEmpty { return "required, but empty" }
        if code.count > maxCodeLength { return "longer than \(maxCodeLength) characters" }
        if code.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
            || $0.properties.generalCategory == .lineSeparator || $0.properties.generalCategory == .paragraphSeparator }) {
            return "contains a control character"
        }
        if code != code.trimmingCharacters(in: .whitespaces) { return "starts or ends with a space" }
        return nil
    }
}
