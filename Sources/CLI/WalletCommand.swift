import ArgumentParser
import Foundation
import PunchcardPages
import PunchcardSupport
import PunchcardWallet

struct WalletCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wallet",
        abstract: "The member card in Apple Wallet and Google Wallet (wallet: in content/program.yml).",
        subcommands: [GoogleClassCommand.self, CheckCommand.self])

    /// `punchcard wallet google-class`: the loyalty class the operator creates once.
    struct GoogleClassCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "google-class",
            abstract: "Print the Google Wallet loyalty class every member's card refers to.",
            discussion: """
                Create it once, in the Google Pay & Wallet console or with the Google Wallet API \
                (POST https://walletobjects.googleapis.com/walletobjects/v1/loyaltyClass), before \
                members save their cards; print it again and update the class when the program's \
                name, languages or colours change. Its logo is published by every build at \
                assets/wallet-logo.png.
                """)

        @OptionGroup var site: SiteOptions

        func run() throws {
            try Failure.reporting(storePath: site.storePath) {
                let content = try SiteContent.load(root: site.rootURL)
                guard content.program.wallet?.google != nil else {
                    throw ValidationError("content/program.yml has no wallet: google: settings.")
                }
                guard let wallet = try Wallet.prepare(content: content, root: site.rootURL), let google = wallet.google else {
                    throw ValidationError("content/program.yml has no wallet: google: settings.")
                }
                let sink = OutputSink.standardOutput
                try sink.write(try google.classJSON(backgroundColor: content.program.wallet?.apple?.backgroundColor.flatMap(Self.hexColour),
                                                    organization: content.program.wallet?.apple?.organization))
                try sink.finish()
            }
        }

        /// `rgb(122, 46, 31)` → `#7a2e1f`, as Google writes colours.
        static func hexColour(_ rgb: String) -> String? {
            let parts = rgb.dropFirst(4).dropLast().split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 3 else { return nil }
            return "#" + parts.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// `punchcard wallet check`: the credentials, as a build reads them, without building.
    struct CheckCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Read and check the wallet's certificates and keys as a build does, and say when the pass certificate expires.")

        @OptionGroup var site: SiteOptions

        func run() throws {
            try Failure.reporting(storePath: site.storePath) {
                let content = try SiteContent.load(root: site.rootURL)
                guard let wallet = try Wallet.prepare(content: content, root: site.rootURL) else {
                    throw ValidationError("content/program.yml has no wallet: settings.")
                }
                var lines: [String] = []
                if let apple = wallet.apple {
                    lines.append("Apple Wallet: pass certificate valid until \(CalendarDate(instant: apple.certificateExpiry)); passes will be signed.")
                }
                if let google = wallet.google {
                    lines.append("Google Wallet: links signed by \(google.serviceAccountEmail), class \(google.classID).")
                }
                let sink = OutputSink.standardOutput
                try sink.write(lines.joined(separator: "\n") + "\n")
                try sink.finish()
            }
        }
    }
}
