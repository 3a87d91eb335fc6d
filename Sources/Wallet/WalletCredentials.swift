import Crypto
import _CryptoExtras
import Foundation
import JWTKit
import PunchcardStatements
import PunchcardSupport
import X509

/// The Apple pass certificate, its key and Apple's WWDR certificate, read and checked once per
/// build: a missing file, an expired certificate or a key of another certificate is one error each,
/// at the setting's line, before anything is written.
public struct AppleSigningIdentity: @unchecked Sendable {
    let certificate: Certificate
    let privateKey: Certificate.PrivateKey
    let wwdr: Certificate
    /// SHA-256 of both certificates: a new certificate makes every pass anew.
    public let fingerprint: String

    /// Every problem is found, one error each (an expired certificate and an unreadable WWDR file
    /// are two lines), thrown as a `DiagnosticList`.
    public static func load(_ settings: Program.WalletSettings.Apple, root: URL, now: Date = Date(),
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(DiagnosticList) -> AppleSigningIdentity {
        var problems = DiagnosticList()
        func attempt<T>(_ body: () throws(Diagnostic) -> T) -> T? {
            do { return try body() } catch { problems.append(error); return nil }
        }
        var certificate: Certificate?
        var privateKey: Certificate.PrivateKey?
        if let key = settings.key {
            certificate = attempt { () throws(Diagnostic) in try readCertificate(settings.certificate, root: root, what: "the pass certificate") }
            privateKey = attempt { () throws(Diagnostic) in try readPrivateKey(key, root: root) }
        } else if let both = attempt({ () throws(Diagnostic) in try PKCS12.read(settings.certificate, root: root, environment: environment) }) {
            (certificate, privateKey) = both
        }
        let wwdr = attempt { () throws(Diagnostic) in try readCertificate(settings.wwdr, root: root, what: "Apple's WWDR certificate") }
        if let certificate {
            _ = attempt { () throws(Diagnostic) in
                try checkDates(certificate, setting: settings.certificate, what: "the pass certificate", now: now,
                               renew: "make a new one in Apple's developer account (Certificates, Identifiers & Profiles → Pass Type IDs)")
            }
        }
        if let wwdr {
            _ = attempt { () throws(Diagnostic) in
                try checkDates(wwdr, setting: settings.wwdr, what: "Apple's WWDR certificate", now: now,
                               renew: "download the current one from apple.com/certificateauthority")
            }
        }
        if let certificate, let privateKey, privateKey.publicKey != certificate.publicKey {
            problems.append((settings.key ?? settings.certificate).problem(
                "this key is not the pass certificate's (\(Diagnostic.quote(settings.certificate.value))): the key must be the one the certificate was made for"))
        }
        if let certificate, let wwdr,
           certificate.issuer != wwdr.subject || !wwdr.publicKey.isValidSignature(certificate.signature, for: certificate) {
            let why = certificate.issuer == wwdr.subject
                ? "it names this certificate as its issuer, but was not signed with its key (another certificate of the same name)"
                : "the pass certificate's issuer is \(Diagnostic.quote(String(describing: certificate.issuer))), this certificate is \(Diagnostic.quote(String(describing: wwdr.subject)))"
            problems.append(settings.wwdr.problem("the pass certificate was not issued by this certificate (\(why)): Wallet would refuse the passes"))
        }
        guard problems.isEmpty, let certificate, let privateKey, let wwdr else { throw problems }
        var hasher = SHA256()
        hasher.update(data: (try? certificate.serializeAsPEM().derBytes) ?? [])
        hasher.update(data: (try? wwdr.serializeAsPEM().derBytes) ?? [])
        return AppleSigningIdentity(certificate: certificate, privateKey: privateKey, wwdr: wwdr,
                                    fingerprint: hex(hasher.finalize()))
    }

    static func read(_ setting: Program.WalletSettings.Setting, root: URL) throws(Diagnostic) -> Data {
        let url = Wallet.file(setting.value, root: root)
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > 1 << 20 {
                throw setting.problem("\(Diagnostic.quote(setting.value)) is \(size) bytes: not a certificate or key")
            }
            return try Data(contentsOf: url)
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw setting.problem("cannot read \(Diagnostic.quote(setting.value)): \(FileProblem.reason(error))")
        }
    }

    static func readCertificate(_ setting: Program.WalletSettings.Setting, root: URL, what: String) throws(Diagnostic) -> Certificate {
        let data = try read(setting, root: root)
        if let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN CERTIFICATE-----") {
            let start = text.range(of: "-----BEGIN CERTIFICATE-----")!.lowerBound
            let end = text.range(of: "-----END CERTIFICATE-----", range: start..<text.endIndex)?.upperBound ?? text.endIndex
            if let certificate = try? Certificate(pemEncoded: String(text[start..<end])) { return certificate }
        } else if let certificate = try? Certificate(derEncoded: Array(data)) {
            return certificate
        }
        throw setting.problem("\(Diagnostic.quote(setting.value)) is not \(what) (a PEM or DER X.509 certificate)")
    }

    static func readPrivateKey(_ setting: Program.WalletSettings.Setting, root: URL) throws(Diagnostic) -> Certificate.PrivateKey {
        let data = try read(setting, root: root)
        guard let text = String(data: data, encoding: .utf8) else {
            throw setting.problem("\(Diagnostic.quote(setting.value)) is not a private key in PEM form")
        }
        if text.contains("ENCRYPTED") {
            throw setting.problem("\(Diagnostic.quote(setting.value)) is encrypted: export the key without a password (`openssl pkey -in KEY -out pass.key`) and keep the file private")
        }
        for label in ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"] {
            guard let start = text.range(of: "-----BEGIN \(label)-----"),
                  let end = text.range(of: "-----END \(label)-----", range: start.upperBound..<text.endIndex) else { continue }
            let pem = String(text[start.lowerBound..<end.upperBound])
            if let key = try? Certificate.PrivateKey(pemEncoded: pem) { return key }
            if let rsa = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) { return Certificate.PrivateKey(rsa) }
        }
        throw setting.problem("\(Diagnostic.quote(setting.value)) is not a private key in PEM form (-----BEGIN PRIVATE KEY-----)")
    }

    static func checkDates(_ certificate: Certificate, setting: Program.WalletSettings.Setting, what: String, now: Date, renew: String) throws(Diagnostic) {
        let day = { (date: Date) in CalendarDate(instant: date).description }
        if certificate.notValidAfter < now {
            throw setting.problem("\(what) expired on \(day(certificate.notValidAfter)): \(renew)")
        }
        if certificate.notValidBefore > now {
            throw setting.problem("\(what) is not valid before \(day(certificate.notValidBefore))")
        }
    }
}

/// A PKCS #12 file (`.p12`, as Keychain Access exports the pass certificate with its key), opened by
/// OpenSSL's command line with the password in `PUNCHCARD_WALLET_PASSWORD` (passed through the
/// environment, never on a command line).
enum PKCS12 {
    static func read(_ setting: Program.WalletSettings.Setting, root: URL,
                     environment: [String: String]) throws(Diagnostic) -> (Certificate, Certificate.PrivateKey) {
        _ = try AppleSigningIdentity.read(setting, root: root)
        guard let password = environment["PUNCHCARD_WALLET_PASSWORD"] else {
            throw setting.problem("\(Diagnostic.quote(setting.value)) is a PKCS #12 file: give its password in PUNCHCARD_WALLET_PASSWORD (or give the certificate and key: as PEM files)")
        }
        let url = Wallet.file(setting.value, root: root)
        var lastError = ""
        for legacy in [false, true] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl", "pkcs12", "-in", url.path, "-nodes", "-passin", "env:PUNCHCARD_WALLET_PASSWORD"]
                + (legacy ? ["-legacy"] : [])
            var childEnvironment = ProcessInfo.processInfo.environment
            childEnvironment["PUNCHCARD_WALLET_PASSWORD"] = password
            process.environment = childEnvironment
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            do { try process.run() } catch {
                throw setting.problem("cannot open a PKCS #12 file without OpenSSL's command line (openssl): \(FileProblem.reason(error)); give the certificate and key: as PEM files instead")
            }
            let pem = out.fileHandleForReading.readDataToEndOfFile()
            let message = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            if process.terminationStatus == 0, let text = String(data: pem, encoding: .utf8) {
                guard let start = text.range(of: "-----BEGIN CERTIFICATE-----"),
                      let end = text.range(of: "-----END CERTIFICATE-----", range: start.upperBound..<text.endIndex),
                      let certificate = try? Certificate(pemEncoded: String(text[start.lowerBound..<end.upperBound])) else {
                    throw setting.problem("\(Diagnostic.quote(setting.value)) holds no certificate")
                }
                for label in ["PRIVATE KEY", "RSA PRIVATE KEY"] {
                    guard let keyStart = text.range(of: "-----BEGIN \(label)-----"),
                          let keyEnd = text.range(of: "-----END \(label)-----", range: keyStart.upperBound..<text.endIndex) else { continue }
                    let keyPEM = String(text[keyStart.lowerBound..<keyEnd.upperBound])
                    if let key = try? Certificate.PrivateKey(pemEncoded: keyPEM) { return (certificate, key) }
                }
                throw setting.problem("\(Diagnostic.quote(setting.value)) holds no private key")
            }
            lastError = String(decoding: message, as: UTF8.self)
        }
        let reason = lastError.lowercased().contains("mac verify") || lastError.lowercased().contains("password")
            ? "the password in PUNCHCARD_WALLET_PASSWORD does not open it"
            : "OpenSSL could not read it (\(Diagnostic.shortened(lastError.split(separator: "\n").first.map(String.init) ?? "")))"
        throw setting.problem("\(Diagnostic.quote(setting.value)): \(reason)")
    }
}

/// The Google Cloud service account that signs the "Save to Google Wallet" links: its e-mail (the
/// JWT's issuer) and RSA key, from the JSON key file Google issues.
public struct GoogleServiceAccount: Sendable {
    public let email: String
    let keys: JWTKeyCollection
    /// The key's id and e-mail: a new key makes every link anew.
    public let fingerprint: String

    public static func load(_ setting: Program.WalletSettings.Setting, root: URL) async throws(Diagnostic) -> GoogleServiceAccount {
        let data = try AppleSigningIdentity.read(setting, root: root)
        struct KeyFile: Decodable {
            var type: String?
            var client_email: String?
            var private_key: String?
            var private_key_id: String?
        }
        guard let file = try? JSONDecoder().decode(KeyFile.self, from: data) else {
            throw setting.problem("\(Diagnostic.quote(setting.value)) is not a service account's JSON key file (Google Cloud console → IAM → Service accounts → Keys → Add key → JSON)")
        }
        if let type = file.type, type != "service_account" {
            throw setting.problem("\(Diagnostic.quote(setting.value)) is a \(Diagnostic.quote(type)) key file, not a service account's")
        }
        guard let email = file.client_email, email.contains("@"), !email.containsControlCharacter() else {
            throw setting.problem("\(Diagnostic.quote(setting.value)) has no client_email")
        }
        guard let pem = file.private_key, let key = try? Insecure.RSA.PrivateKey(pem: pem) else {
            throw setting.problem("\(Diagnostic.quote(setting.value)) has no RSA private_key")
        }
        let keys = JWTKeyCollection()
        // Keys in a fixed order (Foundation's encoder on Linux follows a dictionary's): the same
        // figures make the same JWT, and an unchanged page keeps its bytes.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        await keys.add(rsa: key, digestAlgorithm: .sha256, serializer: DefaultJWTSerializer(jsonEncoder: encoder))
        var hasher = SHA256()
        hasher.update(data: Data((email + "\n" + (file.private_key_id ?? "") + "\n" + pem).utf8))
        return GoogleServiceAccount(email: email, keys: keys,
                                    fingerprint: hex(hasher.finalize()))
    }
}
