import Foundation
import PunchcardLocalization
import PunchcardSupport

extension Program {
    /// `wallet:` in program.yml: the member card as an Apple Wallet pass and a Google Wallet object.
    /// Only what the file says; the credentials are read and checked by the build (PunchcardWallet).
    public struct WalletSettings: Sendable, Hashable {
        public var apple: Apple?
        public var google: Google?
        /// The SVG the pass's icon and logo and Google's class logo are drawn from, relative to the
        /// site's folder; nil: the theme's `templates/assets/logo.svg`.
        public var logo: Setting?

        /// One setting's value and where it was written, so that a problem with what it names (an
        /// expired certificate, an unreadable key) is reported at its line.
        public struct Setting: Sendable, Hashable {
            public var value: String
            public var location: SourceLocation
            /// `wallet.apple.certificate`.
            public var field: String

            public init(value: String, location: SourceLocation, field: String) {
                self.value = value
                self.location = location
                self.field = field
            }

            public func problem(_ message: String) -> Diagnostic { Diagnostic(location, field: field, message) }
        }

        public struct Apple: Sendable, Hashable {
            public var passTypeID: Setting
            public var teamID: Setting
            public var organization: LocalizedText
            /// The pass certificate: PEM, or PKCS #12 (`.p12`, `.pfx`) with its password in
            /// `PUNCHCARD_WALLET_PASSWORD`.
            public var certificate: Setting
            /// Its private key (PEM); nil when the certificate is a PKCS #12 file that holds it.
            public var key: Setting?
            /// Apple's WWDR intermediate certificate (PEM or DER).
            public var wwdr: Setting
            /// The pass's colours, as CSS `rgb(r, g, b)` (Wallet's form), from `#rrggbb` or `rgb()`.
            public var backgroundColor: String?
            public var foregroundColor: String?
            public var labelColor: String?
            /// The pass's description for accessibility (VoiceOver); default: "<program> member card".
            public var description: LocalizedText?
        }

        public struct Google: Sendable, Hashable {
            /// The issuer id Google's Pay & Wallet console gives (digits).
            public var issuerID: Setting
            /// The loyalty class's own part of its id (`<issuer_id>.<class_id>`).
            public var classID: Setting
            /// The service account's JSON key file.
            public var serviceAccountKey: Setting
        }

        /// Every file the settings name, relative to the site's folder: none may be published.
        public var secretFiles: [Setting] {
            [apple?.certificate, apple?.key, apple?.wwdr, google?.serviceAccountKey].compactMap { $0 }
        }
    }

    static func readWallet(_ root: inout YAMLFields, languages: [String]) throws(Diagnostic) -> WalletSettings? {
        guard var fields = try root.fields("wallet") else { return nil }
        var settings = WalletSettings()
        func setting(_ fields: inout YAMLFields, _ key: String, path: String, required: Bool = true) throws(Diagnostic) -> WalletSettings.Setting? {
            guard let value = try fields.string(key), !value.isEmpty else {
                if required { throw fields.missing(key) }
                return nil
            }
            guard value.count <= 1_000, !value.containsControlCharacter() else {
                throw fields.problem(key: key, "\(Diagnostic.quote(value)) is not a value this setting can take")
            }
            let location = fields.problem(key: key, "").location
            return WalletSettings.Setting(value: value, location: location, field: "wallet.\(path).\(key)")
        }
        func colour(_ fields: inout YAMLFields, _ key: String) throws(Diagnostic) -> String? {
            guard let text = try fields.string(key) else { return nil }
            guard let rgb = Self.walletColour(text) else {
                throw fields.problem(key: key, "\(Diagnostic.quote(text)) is not a colour such as #7a2e1f or rgb(122, 46, 31)")
            }
            return rgb
        }
        if var apple = try fields.fields("apple") {
            let passTypeID = try setting(&apple, "pass_type_id", path: "apple")!
            guard passTypeID.value.hasPrefix("pass."), passTypeID.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }) else {
                throw passTypeID.problem("\(Diagnostic.quote(passTypeID.value)) is not a pass type identifier such as pass.com.example.loyalty (Apple's developer account lists yours)")
            }
            let teamID = try setting(&apple, "team_id", path: "apple")!
            guard teamID.value.count == 10, teamID.value.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
                throw teamID.problem("\(Diagnostic.quote(teamID.value)) is not a team identifier: ten capital letters and digits, such as ABCDE12345")
            }
            let organization = try apple.requiredLocalizedText("organization", languages: languages)
            let certificate = try setting(&apple, "certificate", path: "apple")!
            let isPKCS12 = [".p12", ".pfx"].contains { certificate.value.lowercased().hasSuffix($0) }
            let key = try setting(&apple, "key", path: "apple", required: !isPKCS12)
            let wwdr = try setting(&apple, "wwdr", path: "apple")!
            let background = try colour(&apple, "background_color")
            let foreground = try colour(&apple, "foreground_color")
            let label = try colour(&apple, "label_color")
            let description = try apple.localizedText("description", languages: languages)
            try apple.rejectUnknownKeys()
            settings.apple = WalletSettings.Apple(
                passTypeID: passTypeID, teamID: teamID, organization: organization, certificate: certificate, key: key, wwdr: wwdr,
                backgroundColor: background, foregroundColor: foreground, labelColor: label, description: description)
        }
        if var google = try fields.fields("google") {
            let issuerID = try setting(&google, "issuer_id", path: "google")!
            guard issuerID.value.count <= 30, issuerID.value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw issuerID.problem("\(Diagnostic.quote(issuerID.value)) is not an issuer id: the digits Google's Pay & Wallet console shows (quote it in YAML)")
            }
            let classID = try setting(&google, "class_id", path: "google")!
            guard classID.value.count <= 100, classID.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
                throw classID.problem("\(Diagnostic.quote(classID.value)) is not a class id: letters, digits, '.', '_' and '-'")
            }
            let key = try setting(&google, "service_account_key", path: "google")!
            try google.rejectUnknownKeys()
            settings.google = WalletSettings.Google(issuerID: issuerID, classID: classID, serviceAccountKey: key)
        }
        if let logo = try fields.string("logo"), !logo.isEmpty {
            guard logo.count <= 1_000, !logo.containsControlCharacter() else { throw fields.problem(key: "logo", "is not a file name") }
            settings.logo = WalletSettings.Setting(value: logo, location: fields.problem(key: "logo", "").location, field: "wallet.logo")
        }
        try fields.rejectUnknownKeys()
        guard settings.apple != nil || settings.google != nil else {
            throw root.problem(key: "wallet", "says neither apple: nor google:")
        }
        return settings
    }

    /// `#7a2e1f`, `#7a2e1f`'s short form `#a21`, or `rgb(122, 46, 31)` as Wallet writes colours.
    static func walletColour(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var parts: [Int] = []
        if trimmed.hasPrefix("#") {
            let hex = Array(trimmed.dropFirst())
            let digits: [Character]
            switch hex.count {
            case 3: digits = hex.flatMap { [$0, $0] }
            case 6: digits = hex
            default: return nil
            }
            for index in stride(from: 0, to: 6, by: 2) {
                guard let value = Int(String(digits[index...index + 1]), radix: 16) else { return nil }
                parts.append(value)
            }
        } else if trimmed.lowercased().hasPrefix("rgb("), trimmed.hasSuffix(")") {
            let inside = trimmed.dropFirst(4).dropLast()
            for piece in inside.split(separator: ",", omittingEmptySubsequences: false) {
                guard let value = Int(piece.trimmingCharacters(in: .whitespaces)), (0...255).contains(value) else { return nil }
                parts.append(value)
            }
        }
        guard parts.count == 3 else { return nil }
        return "rgb(\(parts[0]), \(parts[1]), \(parts[2]))"
    }
}
