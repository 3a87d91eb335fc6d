import Crypto
import Foundation
import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport
@_spi(CMS) import X509
import ZIPFoundation

/// A member's Apple Wallet pass (`card.pkpass`): a `storeCard` whose archive holds `pass.json`, the
/// images, a `pass.strings` per program language, `manifest.json` (every file's SHA-1) and
/// `signature`, the manifest's detached CMS (PKCS #7) signature by the pass certificate, with Apple's
/// WWDR certificate inside (swift-certificates' CMS; the archive by ZIPFoundation).
public struct ApplePassMaker: Sendable {
    let settings: Program.WalletSettings.Apple
    let identity: AppleSigningIdentity
    /// When the pass certificate stops being valid (`punchcard wallet check` says).
    public var certificateExpiry: Date { identity.certificate.notValidAfter }

    /// The files every pass shares: images and `<language>.lproj/pass.strings`, with their SHA-1s
    /// (computed once per build).
    let sharedFiles: [(name: String, data: Data)]
    let sharedDigests: [(name: String, sha1: String)]
    let program: Program
    let labels: PassStrings.Labels

    public init(settings: Program.WalletSettings.Apple, identity: AppleSigningIdentity, images: PassImages,
                content: PassStrings, program: Program) {
        self.settings = settings
        self.identity = identity
        self.program = program
        labels = content.labels
        sharedFiles = images.files.map { ($0.name, $0.png) } + content.files
        sharedDigests = sharedFiles.map { ($0.name, hex(Insecure.SHA1.hash(data: $0.data))) }
    }

    /// The pass's files but the signature, and the manifest naming them: equal manifests, equal passes.
    public func files(for card: MemberCard) throws -> (files: [(name: String, data: Data)], manifest: Data) {
        let pass = try passJSON(for: card)
        var files = [("pass.json", pass)] + sharedFiles
        var manifest = ["pass.json": hex(Insecure.SHA1.hash(data: pass))]
        for (name, digest) in sharedDigests { manifest[name] = digest }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let manifestData = try encoder.encode(manifest)
        files.append(("manifest.json", manifestData))
        return (files, manifestData)
    }

    /// The signed archive.
    public func archive(files: [(name: String, data: Data)], manifest: Data, signedAt: Date) throws -> Data {
        let signature = try CMS.sign(manifest, additionalIntermediateCertificates: [identity.wwdr],
                                     certificate: identity.certificate, privateKey: identity.privateKey,
                                     signingTime: signedAt, detached: true)
        let archive = try Archive(data: Data(), accessMode: .create)
        // A fixed date: the archive's bytes depend on what it holds, not on when it was made.
        let date = Date(timeIntervalSince1970: 946_684_800)
        for (name, data) in files + [("signature", Data(signature))] {
            // PNGs are compressed already: stored as they are.
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: name.hasSuffix(".png") ? .none : .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return bytes
    }

    /// `pass.json`. Labels and the tier's name are in the default language, the keys of each
    /// language's `pass.strings`, which Wallet shows in the phone's language; numbers and dates carry
    /// styles, which Wallet writes in the phone's digits and calendar.
    func passJSON(for card: MemberCard) throws -> Data {
        var pass = PassJSON(
            passTypeIdentifier: settings.passTypeID.value, serialNumber: card.memberID, teamIdentifier: settings.teamID.value,
            organizationName: settings.organization.text(in: card.language), description: labels.description,
            logoText: labels.program,
            backgroundColor: settings.backgroundColor, foregroundColor: settings.foregroundColor, labelColor: settings.labelColor,
            barcodes: [PassJSON.Barcode(message: card.memberID, altText: card.memberID,
                                        messageEncoding: card.memberID.allSatisfy(\.isASCII) ? "iso-8859-1" : "utf-8")],
            storeCard: PassJSON.Fields())
        pass.storeCard.headerFields = [PassJSON.Field(key: "balance", label: labels.balance, value: .number(card.balance),
                                                      numberStyle: "PKNumberStyleDecimal")]
        pass.storeCard.primaryFields = [PassJSON.Field(key: "name", label: labels.member, value: .text(card.name))]
        pass.storeCard.secondaryFields = [PassJSON.Field(key: "member_id", label: labels.memberID, value: .text(card.memberID))]
        if let tier = card.tier {
            pass.storeCard.secondaryFields.append(PassJSON.Field(key: "tier", label: labels.tier, value: .text(tier)))
        }
        if let expiry = card.nextExpiry {
            pass.storeCard.auxiliaryFields = [
                PassJSON.Field(key: "expiring_points", label: labels.expiring, value: .number(expiry.points),
                               numberStyle: "PKNumberStyleDecimal"),
                PassJSON.Field(key: "expiring_on", label: labels.expiresOn, value: .text(Self.passDate(expiry.on)),
                               dateStyle: "PKDateStyleMedium", ignoresTimeZone: true),
            ]
            // Shown on the lock screen as the day nears.
            pass.relevantDate = Self.passDate(expiry.on)
        }
        // The program's public site (never the statement's private address).
        pass.storeCard.backFields = [PassJSON.Field(key: "website", label: labels.program, value: .text(program.baseURL),
                                                    attributedValue: "<a href=\"\(program.baseURL.htmlEscaped)\">\(program.baseURL.htmlEscaped)</a>")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(pass)
    }

    /// The manifest inside a pass made earlier (nil: not a pass): equal to a new pass's, the pass
    /// shows the same and is left as it is.
    public static func manifest(ofArchive data: Data) -> Data? {
        guard let archive = try? Archive(data: data, accessMode: .read), let entry = archive["manifest.json"],
              entry.uncompressedSize < 1 << 20 else { return nil }
        var manifest = Data()
        guard (try? archive.extract(entry, consumer: { manifest.append($0) })) != nil else { return nil }
        return manifest
    }

    /// A day as Wallet's W3C date: its start, kept in the phone's own time zone (`ignoresTimeZone`).
    static func passDate(_ day: CalendarDate) -> String { "\(day)T00:00:00Z" }
}

/// `pass.json`'s keys (Wallet Passes → Pass), the ones a store card uses.
struct PassJSON: Encodable {
    var formatVersion = 1
    var passTypeIdentifier: String
    var serialNumber: String
    var teamIdentifier: String
    var organizationName: String
    var description: String
    var logoText: String?
    var backgroundColor: String?
    var foregroundColor: String?
    var labelColor: String?
    var sharingProhibited = true
    var barcodes: [Barcode]
    var relevantDate: String?
    var storeCard: Fields

    struct Barcode: Encodable {
        var format = "PKBarcodeFormatQR"
        var message: String
        var altText: String
        var messageEncoding: String
    }

    struct Fields: Encodable {
        var headerFields: [Field] = []
        var primaryFields: [Field] = []
        var secondaryFields: [Field] = []
        var auxiliaryFields: [Field] = []
        var backFields: [Field] = []

        enum CodingKeys: String, CodingKey { case headerFields, primaryFields, secondaryFields, auxiliaryFields, backFields }

        /// Empty rows are left out.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            for (key, fields) in [(CodingKeys.headerFields, headerFields), (.primaryFields, primaryFields), (.secondaryFields, secondaryFields),
                                  (.auxiliaryFields, auxiliaryFields), (.backFields, backFields)] where !fields.isEmpty {
                try container.encode(fields, forKey: key)
            }
        }
    }

    struct Field: Encodable {
        var key: String
        var label: String
        var value: Value
        var numberStyle: String?
        var dateStyle: String?
        var ignoresTimeZone: Bool?
        var attributedValue: String?

        enum Value: Encodable {
            case text(String)
            case number(Int)

            func encode(to encoder: Encoder) throws {
                var container = encoder.singleValueContainer()
                switch self {
                case .text(let text): try container.encode(text)
                case .number(let number): try container.encode(number)
                }
            }
        }
    }
}
