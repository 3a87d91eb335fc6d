import PunchcardSupport

/// How a member wants to hear from the program: members.csv's optional `channel` column.
public enum ContactChannel: String, Sendable, Hashable, CaseIterable {
    case email, sms, none
}

/// A phone number in E.164 form: `+`, a country code and the subscriber's number, 15 digits at
/// most, the first not 0. What an SMS gateway takes. Only the form is checked, not the
/// numbering plan of each country.
public enum PhoneNumber {
    /// The number as E.164 (`+989121234567`), or nil when `text` is not one. Spaces, hyphens,
    /// dots and parentheses between digits are allowed and dropped, and Persian or Arabic-Indic
    /// digits are read as their Latin ones: "+98 (912) 123-4567" and "+۹۸۹۱۲۱۲۳۴۵۶۷" are read.
    public static func e164(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.first == "+", scalars.count <= 40 else { return nil }
        var digits = ""
        for scalar in scalars.dropFirst() {
            switch scalar.value {
            case 0x30...0x39: digits.unicodeScalars.append(scalar)
            case 0x0660...0x0669: digits.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30)!)
            case 0x06F0...0x06F9: digits.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!)
            case 0x20, 0x2D, 0x2E, 0x28, 0x29: continue // space - . ( )
            default: return nil
            }
        }
        guard (7...15).contains(digits.count), digits.first != "0" else { return nil }
        return "+" + digits
    }
}

extension Member {
    /// The channel the member chose, or the default: `sms` for a member with a phone number and
    /// no e-mail address, else `email` (which a member without an address cannot be reached on).
    public var channel: ContactChannel {
        if let chosen = attributes["channel"].flatMap(ContactChannel.init(rawValue:)) { return chosen }
        let hasAddress = email.map { !$0.trimmingWhitespace().isEmpty } ?? false
        let hasPhone = phone.map { !$0.trimmingWhitespace().isEmpty } ?? false
        return !hasAddress && hasPhone ? .sms : .email
    }
}

extension Member {
    /// The attribute `punchcard import --unsubscribes` sets: the day the member asked for no more
    /// e-mail. members.csv cannot set or clear it (`consent_on` after it re-subscribes).
    public static let unsubscribedColumn = "unsubscribed_on"
    /// members.csv's optional column: the day the member (again) agreed to e-mail.
    public static let consentColumn = "consent_on"

    /// The day the member unsubscribed from e-mail, if they did.
    public var unsubscribedOn: CalendarDate? { attributes[Self.unsubscribedColumn].flatMap(CalendarDate.init(iso:)) }
}
