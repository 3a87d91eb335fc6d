import Crypto
import Foundation
import JWTKit
import PunchcardLocalization
import PunchcardPages
import PunchcardStatements
import PunchcardSupport

/// The "Save to Google Wallet" link: `https://pay.google.com/gp/v/save/<JWT>`, a JWT signed RS256 by
/// the service account (jwt-kit) carrying one loyalty object for the member, of the program's
/// loyalty class. Google creates the object when the member saves it: no server of ours.
///
/// The JWT has no `iat`: the same figures make the same link (RSA PKCS #1 v1.5 signatures are
/// deterministic), so an unchanged member's page keeps its bytes.
public struct GoogleWalletLinks: Sendable {
    let settings: Program.WalletSettings.Google
    let account: GoogleServiceAccount
    let program: Program
    let words: [String: Words]
    /// Formatters are slow to make and not thread-safe: one per language, used under a lock (the
    /// signature beside it costs a thousand times more).
    private let formatters = FormatterCache()

    public init(settings: Program.WalletSettings.Google, account: GoogleServiceAccount, content: SiteContent) {
        self.settings = settings
        self.account = account
        self.program = content.program
        var words: [String: Words] = [:]
        for language in content.program.languages { words[language] = content.words(for: language) }
        self.words = words
    }

    public var serviceAccountEmail: String { account.email }

    public var classID: String { "\(settings.issuerID.value).\(settings.classID.value)" }

    /// The member's object id: `<issuer>.<member_id>` when the id is made of what Google allows,
    /// else a digest of it.
    public func objectID(memberID: String) -> String {
        let allowed = memberID.count <= 64 && memberID.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        let suffix = allowed ? memberID
            : "m" + hex(SHA256.hash(data: Data(memberID.utf8)).prefix(16))
        return "\(settings.issuerID.value).\(suffix)"
    }

    /// The loyalty object, as the JWT carries it: its texts in the member's language only (a save
    /// link is read by one member, and every byte lengthens it; Google asks for links under about
    /// 2,000 characters).
    func object(for card: MemberCard) -> LoyaltyObject {
        let words = self.words[card.language] ?? self.words[program.defaultLocale]!
        let language = card.language
        var modules: [TextModule] = []
        if let tier = card.tier {
            let name = program.tiers.first { $0.name == tier }?.title.text(in: language) ?? tier
            modules.append(TextModule(id: "rewardsTier", header: words["tier"], body: name))
        }
        if let expiry = card.nextExpiry {
            let (points, day) = formatted(language) { ($0.number(expiry.points), $0.date(expiry.on)) }
            let body = words.plural("expires_on", count: expiry.points)
                .replacingOccurrences(of: "{points}", with: points)
                .replacingOccurrences(of: "{points_name}", with: program.pointsName.text(in: language, count: expiry.points))
                .replacingOccurrences(of: "{date}", with: day)
            modules.append(TextModule(id: "nextExpiry", header: words["glance_expiry"], body: body))
        }
        let pointsLabel = program.pointsName.text(in: language, count: card.balance)
        // Google's `int` is 32 bits; a larger balance goes as text.
        let balance = Int32(exactly: card.balance).map { LoyaltyPoints.Balance(int: $0, string: nil) }
            ?? LoyaltyPoints.Balance(int: nil, string: formatted(language) { $0.number(card.balance) })
        return LoyaltyObject(
            id: objectID(memberID: card.memberID), classId: classID, accountId: card.memberID, accountName: card.name,
            loyaltyPoints: LoyaltyPoints(label: pointsLabel, balance: balance),
            barcode: Barcode(value: card.memberID, alternateText: card.memberID),
            textModulesData: modules)
    }

    func formatted<T>(_ language: String, _ body: (LocaleFormatter) -> T) -> T {
        formatters.with(language, body)
    }

    /// The signed save link.
    public func saveURL(for card: MemberCard) throws -> String {
        let claims = SaveClaims(iss: account.email, origins: [Self.origin(program.baseURL)],
                                payload: .init(loyaltyObjects: [object(for: card)]))
        let keys = account.keys
        let jwt = try blockingAsync { try await keys.sign(claims) }
        return "https://pay.google.com/gp/v/save/" + jwt
    }

    /// `punchcard wallet google-class`: the loyalty class the operator creates once in Google's
    /// console (or with the API), which every member's object refers to.
    public func classJSON(backgroundColor: String?, organization: LocalizedText? = nil) throws -> String {
        let languages = program.languages
        func localized(_ text: LocalizedText) -> LocalizedStringWithTranslations {
            LocalizedStringWithTranslations(
                defaultValue: .init(language: Language.code(of: program.defaultLocale), value: text.text(in: program.defaultLocale)),
                translatedValues: languages.dropFirst().map { .init(language: Language.code(of: $0), value: text.text(in: $0)) })
        }
        let organization = organization ?? program.name
        let loyaltyClass = LoyaltyClass(
            id: classID, issuerName: organization.text(in: program.defaultLocale), localizedIssuerName: localized(organization),
            programName: program.name.text(in: program.defaultLocale), localizedProgramName: localized(program.name),
            programLogo: .init(sourceUri: .init(uri: program.baseURL + GoogleWalletLinks.logoPath),
                               contentDescription: localized(program.name)),
            hexBackgroundColor: backgroundColor, rewardsTierLabel: words[program.defaultLocale]?["tier"] ?? "Tier",
            localizedRewardsTierLabel: localized(LocalizedText(forms: Dictionary(uniqueKeysWithValues: languages.map {
                (Language.code(of: $0), ["other": words[$0]?["tier"] ?? "Tier"]) }), defaultLanguage: Language.code(of: program.defaultLocale))))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(loyaltyClass), as: UTF8.self) + "\n"
    }

    /// The class's logo, published beside the theme's assets (Google fetches it by its address).
    public static let logoPath = "assets/wallet-logo.png"

    /// `https://rewards.example` of `https://rewards.example/sub/`: the site that shows the button.
    static func origin(_ base: String) -> String {
        guard let url = URL(string: base), let scheme = url.scheme, let host = url.host else { return base }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    struct SaveClaims: JWTPayload {
        var iss: String
        var aud = "google"
        var typ = "savetowallet"
        var origins: [String]
        var payload: Payload

        struct Payload: Codable, Sendable {
            var loyaltyObjects: [LoyaltyObject]
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    struct LocalizedString: Codable, Sendable {
        struct Value: Codable, Sendable {
            var language: String
            var value: String
        }
        var defaultValue: Value
    }

    struct LocalizedStringWithTranslations: Codable, Sendable {
        var defaultValue: LocalizedString.Value
        var translatedValues: [LocalizedString.Value]
    }

    struct LoyaltyPoints: Codable, Sendable {
        struct Balance: Codable, Sendable {
            var int: Int32?
            var string: String?
        }
        var label: String
        var balance: Balance
    }

    struct Barcode: Codable, Sendable {
        var type = "QR_CODE"
        var value: String
        var alternateText: String
    }

    struct TextModule: Codable, Sendable {
        var id: String
        var header: String
        var body: String
    }

    struct LoyaltyObject: Codable, Sendable {
        var id: String
        var classId: String
        var state = "ACTIVE"
        var accountId: String
        var accountName: String
        var loyaltyPoints: LoyaltyPoints
        var barcode: Barcode
        var textModulesData: [TextModule]
    }

    struct LoyaltyClass: Codable, Sendable {
        struct Image: Codable, Sendable {
            struct URI: Codable, Sendable { var uri: String }
            var sourceUri: URI
            var contentDescription: LocalizedStringWithTranslations
        }
        var id: String
        var issuerName: String
        var localizedIssuerName: LocalizedStringWithTranslations
        var programName: String
        var localizedProgramName: LocalizedStringWithTranslations
        var programLogo: Image
        var hexBackgroundColor: String?
        var rewardsTierLabel: String
        var localizedRewardsTierLabel: LocalizedStringWithTranslations
        var reviewStatus = "UNDER_REVIEW"
        var multipleDevicesAndHoldersAllowedStatus = "ONE_USER_ALL_DEVICES"
    }
}

/// Runs jwt-kit's async calls from the build's plain threads and waits for them. The call runs on
/// threads of its own (a task executor over a concurrent dispatch queue), never on Swift's
/// cooperative pool: a caller that is itself on the pool (a test, the preview's rebuild) blocks one
/// of its few threads while it waits, and the call must not need another.
func blockingAsync<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let result = Locked<Result<T, Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task(executorPreference: DispatchTaskExecutor.shared) {
        let outcome: Result<T, Error>
        do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
        result.withLock { $0 = outcome }
        done.signal()
    }
    done.wait()
    return try result.withLock { $0 }!.get()
}

/// A task executor whose jobs run on a concurrent dispatch queue.
final class DispatchTaskExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = DispatchTaskExecutor()
    private let queue = DispatchQueue(label: "punchcard.wallet.signing", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

final class FormatterCache: @unchecked Sendable {
    private let lock = NSLock()
    private var formatters: [String: LocaleFormatter] = [:]

    func with<T>(_ language: String, _ body: (LocaleFormatter) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if let formatter = formatters[language] { return body(formatter) }
        let formatter = LocaleFormatter(locale: language)
        formatters[language] = formatter
        return body(formatter)
    }
}
