import Crypto
import Foundation
import PunchcardPages
import PunchcardStatements
import PunchcardSupport

/// The wallet cards of one build: credentials read and checked, images drawn and words gathered
/// once, before anything is written; then a pass and a save link per member.
public struct Wallet: Sendable {
    public let apple: ApplePassMaker?
    public let google: GoogleWalletLinks?
    /// Everything the cards share (certificates, keys, images, words): in every statement's
    /// fingerprint, so that a new certificate or logo makes every card anew.
    public let fingerprint: String
    /// Files beside the public pages: Google's class logo.
    public let publicFiles: [(path: String, data: Data)]

    /// The file name of a member's pass in their statement folder.
    public static let passFileName = "card.pkpass"

    /// nil when the program has no `wallet:`.
    public static func prepare(content: SiteContent, root: URL, output: URL? = nil, now: Date = Date(),
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(Diagnostic) -> Wallet? {
        guard let settings = content.program.wallet else { return nil }
        try checkSecretsStayPrivate(settings, root: root, output: output)
        let logoSetting = settings.logo
        let logoURL = Wallet.file(logoSetting?.value ?? "templates/assets/logo.svg", root: root)
        let logoShown = logoSetting?.value ?? "templates/assets/logo.svg"
        let svg: Data
        do {
            svg = try Data(contentsOf: logoURL)
        } catch {
            let message = "cannot read \(Diagnostic.quote(logoShown)), the logo the cards are drawn from: \(FileProblem.reason(error))"
            throw logoSetting?.problem(message) ?? Diagnostic(SourceLocation(file: "content/program.yml"), field: "wallet.logo", message)
        }
        func draw<T>(_ body: () throws(SVGRasterError) -> T) throws(Diagnostic) -> T {
            do { return try body() } catch {
                throw logoSetting?.problem(error.description) ?? Diagnostic(SourceLocation(file: logoShown), error.reason)
            }
        }
        var print = ""
        var apple: ApplePassMaker?
        if let settings = settings.apple {
            let identity = try AppleSigningIdentity.load(settings, root: root, now: now, environment: environment)
            let images = try draw { () throws(SVGRasterError) in try PassImages.draw(svg: svg, shownAs: logoShown) }
            apple = ApplePassMaker(settings: settings, identity: identity, images: images,
                                   content: PassStrings(content: content, description: settings.description), program: content.program)
            print += "apple:" + identity.fingerprint + ":" + images.files.map { "\($0.name)=" + SHA256.hash(data: $0.png).map { String(format: "%02x", $0) }.joined() }.joined(separator: ",")
        }
        var google: GoogleWalletLinks?
        var publicFiles: [(String, Data)] = []
        if let settings = settings.google {
            let account = try loadGoogle(settings.serviceAccountKey, root: root)
            google = GoogleWalletLinks(settings: settings, account: account, content: content)
            print += "google:" + account.fingerprint
            publicFiles.append((GoogleWalletLinks.logoPath,
                                try draw { () throws(SVGRasterError) in try SVGRaster.png(svg: svg, width: 660, height: 660, shownAs: logoShown) }))
        }
        return Wallet(apple: apple, google: google, fingerprint: print, publicFiles: publicFiles)
    }

    static func loadGoogle(_ setting: Program.WalletSettings.Setting, root: URL) throws(Diagnostic) -> GoogleServiceAccount {
        do {
            return try blockingAsync { try await GoogleServiceAccount.load(setting, root: root) }
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw setting.problem(FileProblem.reason(error))
        }
    }

    /// The credentials must never be published: a file the theme's assets would copy into the
    /// output, or one inside the output itself, stops the build.
    static func checkSecretsStayPrivate(_ settings: Program.WalletSettings, root: URL, output: URL?) throws(Diagnostic) {
        var published = [(root.appendingPathComponent("templates/assets", isDirectory: true), "the theme's assets (templates/assets/), which every build copies into the output")]
        if let output { published.append((output, "the output folder")) }
        let folders = published.map { ($0.0.resolvingSymlinksInPath().standardizedFileURL.path + "/", $0.1) }
        for secret in settings.secretFiles {
            let path = Wallet.file(secret.value, root: root).resolvingSymlinksInPath().standardizedFileURL.path
            if let (_, name) = folders.first(where: { path.hasPrefix($0.0) }) {
                throw secret.problem("\(Diagnostic.quote(secret.value)) is inside \(name): it would be published; keep certificates and keys outside both (for example in secrets/, listed in .gitignore)")
            }
        }
    }

    /// A path from program.yml: relative to the site's folder, or absolute.
    static func file(_ path: String, root: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }

    /// The absolute address of a member's pass (for their e-mail).
    public static func passURL(baseURL: String, token: String) -> String { baseURL + "m/\(token)/\(passFileName)" }
}
