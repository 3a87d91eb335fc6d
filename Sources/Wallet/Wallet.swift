import Crypto
import Foundation
import PunchcardPages
import PunchcardStatements
import PunchcardSupport
import PunchcardTheme

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

    /// nil when the program has no `wallet:`. Throws every problem with the credentials and the
    /// logo, one error each (a `Diagnostic`, or `WalletProblems` when there are several).
    public static func prepare(content: SiteContent, root: URL, output: URL? = nil, now: Date = Date(),
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Wallet? {
        guard let settings = content.program.wallet else { return nil }
        var problems = DiagnosticList()
        do { try checkSecretsStayPrivate(settings, root: root, output: output) } catch { problems.append(error) }
        let logoSetting = settings.logo
        let logoShown = logoSetting?.value ?? "templates/assets/logo.svg"
        func logoProblem(_ message: String) -> Diagnostic {
            logoSetting?.problem(message) ?? Diagnostic(SourceLocation(file: "content/program.yml"), field: "wallet.logo", message)
        }
        var svg: Data?
        let theme = Theme(root: root)
        if logoSetting == nil, !theme.isOwn("assets/logo.svg") {
            // The site has no logo of its own: the built-in theme's.
            svg = DefaultTheme.text("assets/logo.svg").map { Data($0.utf8) }
        } else { do {
            let url = Wallet.file(logoShown, root: root)
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            if size > Self.largestLogo {
                problems.append(logoProblem("\(Diagnostic.quote(logoShown)) is \(size) bytes; a logo the cards are drawn from must be at most \(Self.largestLogo)"))
            } else {
                svg = try Data(contentsOf: url)
            }
        } catch {
            problems.append(logoProblem("cannot read \(Diagnostic.quote(logoShown)), the logo the cards are drawn from: \(FileProblem.reason(error))"))
        } }
        var drawable = svg
        func draw(width: Int, height: Int) -> Data? {
            guard let svg = drawable else { return nil }
            do { return try SVGRaster.png(svg: svg, width: width, height: height, shownAs: logoShown) } catch {
                problems.append(logoProblem(error.description))
                drawable = nil // one error for the logo, not one per size
                return nil
            }
        }
        var print = ""
        var apple: ApplePassMaker?
        if let settings = settings.apple {
            var identity: AppleSigningIdentity?
            do { identity = try AppleSigningIdentity.load(settings, root: root, now: now, environment: environment) } catch {
                for problem in error.diagnostics { problems.append(problem) }
            }
            var images: [(name: String, png: Data)] = []
            for (name, points) in PassImages.sizes {
                for scale in 1...3 {
                    if let png = draw(width: points * scale, height: points * scale) {
                        images.append((scale == 1 ? "\(name).png" : "\(name)@\(scale)x.png", png))
                    }
                }
            }
            if let identity, images.count == PassImages.sizes.count * 3 {
                let drawn = PassImages(files: images)
                apple = ApplePassMaker(settings: settings, identity: identity, images: drawn,
                                       content: PassStrings(content: content, description: settings.description), program: content.program)
                print += "apple:" + identity.fingerprint + ":" + images.map { "\($0.name)=" + hex(SHA256.hash(data: $0.png)) }.joined(separator: ",")
            }
        }
        var google: GoogleWalletLinks?
        var publicFiles: [(String, Data)] = []
        if let settings = settings.google {
            do {
                let account = try loadGoogle(settings.serviceAccountKey, root: root)
                google = GoogleWalletLinks(settings: settings, account: account, content: content)
                print += "google:" + account.fingerprint
            } catch {
                problems.append(error)
            }
            if let logo = draw(width: 660, height: 660) { publicFiles.append((GoogleWalletLinks.logoPath, logo)) }
        }
        if problems.count == 1, let only = problems.diagnostics.first { throw only }
        if !problems.isEmpty { throw WalletProblems(list: problems) }
        return Wallet(apple: apple, google: google, fingerprint: print, publicFiles: publicFiles)
    }

    /// A logo is a small drawing; a larger file is a mistake (or worse) before librsvg reads it.
    static let largestLogo = 4 << 20

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

/// Several problems with the wallet's settings, credentials or logo, one line each.
public struct WalletProblems: Error, CustomStringConvertible {
    public var list: DiagnosticList
    public var diagnostics: [Diagnostic] { list.diagnostics }
    /// One problem a line, each line an error of its own when printed after `error: `.
    public var description: String { list.diagnostics.map(\.description).joined(separator: "\nerror: ") }
}
