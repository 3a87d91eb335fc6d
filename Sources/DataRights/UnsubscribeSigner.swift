import Crypto
import Foundation
import PunchcardStore

/// A member's unsubscribe token: the first 128 bits of an HMAC-SHA256 of their member_id under
/// the site's secret (`SiteSecret`), in base64url (22 characters). It names nobody to whoever
/// reads it and cannot be made without the secret, so nobody can unsubscribe another member by
/// guessing; the site finds whose it is by signing its members' ids again.
public struct UnsubscribeSigner: Sendable {
    private let secret: [UInt8]

    public init(secret: [UInt8]) {
        self.secret = secret
    }

    public static let tokenLength = 22

    public func token(for memberID: String) -> String {
        var message = Data("punchcard-unsubscribe\u{0}".utf8)
        message.append(contentsOf: memberID.utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return Data(mac.prefix(16)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `text` has a token's form (not whether it is anyone's).
    public static func looksLikeToken(_ text: String) -> Bool { UnsubscribeRequest.isTokenShaped(text) }
}
