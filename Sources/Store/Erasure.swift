import Crypto
import Foundation
import PunchcardStatements
import PunchcardSupport

/// A member erased on request (`punchcard forget`): what the store keeps of them, and what it
/// records. Their name, e-mail address, phone, language, birthday and every other column of
/// their own are removed, and so are survey comments, ledger descriptions and coupon codes. What
/// the program's accounting needs stays, under an opaque id (`erased-…`) that names nobody: the
/// member row's join day, status and referrer (so member counts, the report's history and
/// referral counts do not change), each ledger row's day, kind, points and amount, survey scores
/// and paid plans. Their statement addresses are retired (the next build removes the pages) and
/// the member gets no page again. The store records the erasure — the opaque id, when, and a key
/// (`ErasureKey`) by which a later import recognises the member_id — with no personal data.
public struct Erasure: Sendable, Hashable {
    public var opaqueID: String
    public var erasedAt: String

    public init(opaqueID: String, erasedAt: String) {
        self.opaqueID = opaqueID
        self.erasedAt = erasedAt
    }

    /// The prefix of every erased member's opaque id.
    public static let prefix = "erased-"

    /// A new opaque id: the prefix and 80 random bits.
    public static func newOpaqueID(using random: inout some RandomNumberGenerator) -> String {
        prefix + (0..<10).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
    }

    /// Whether a member_id is an erased member's opaque id.
    public static func isOpaque(_ memberID: String) -> Bool { memberID.hasPrefix(prefix) }
}

/// How a store recognises an erased member_id without keeping it: an HMAC-SHA256 of the id under
/// a random salt of the store's own (`store_metadata.erasure_salt`), in hex.
public struct ErasureKey: Sendable {
    let salt: [UInt8]

    public init(salt: [UInt8]) { self.salt = salt }

    public func key(of memberID: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(memberID.utf8), using: SymmetricKey(data: salt))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// A new salt, as stored (hex).
    public static func newSalt() -> String {
        var random = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
    }

    public static func salt(fromHex hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            if let byte = UInt8(hex[index..<next], radix: 16) { bytes.append(byte) }
            index = next
        }
        return bytes
    }
}
