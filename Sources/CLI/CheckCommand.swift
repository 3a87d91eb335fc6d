import ArgumentParser
import Foundation
import PunchcardCheck
import PunchcardSupport

/// `punchcard check`: the site checked as a build reads it, nothing written.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check everything a build reads, without writing anything: every problem, with its file and line.",
        discussion: """
            Reads the program, pages and offers, the theme (its templates against the values each \
            page has, its string tables), the e-mail and report templates, the wallet's \
            credentials, and the member store (reachable, its tables of this version) — or, before \
            the first build, the files in content/data/ as that build would import them. Prints \
            every error and every translation gap; exits 1 on any error (with --strict, on any \
            gap too). Fast enough for a pre-commit hook.
            """)

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Treat translation gaps (and other warnings) as errors.")
    var strict = false

    func run() throws {
        let started = Date()
        let findings = SiteCheck.run(SiteCheck.Options(root: site.rootURL, storePath: site.storePath, storeIsDefault: site.storeIsDefault))
        for error in findings.errors { Terminal.printError("error: \(error)") }
        for warning in findings.warnings { Terminal.printError("warning: \(warning)") }
        let failed = !findings.errors.isEmpty || (strict && !findings.warnings.isEmpty)
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        let sink = OutputSink.standardOutput
        if failed {
            try sink.write("\(count(findings.errors.count, "error")), \(count(findings.warnings.count, "warning"))\(strict && findings.errors.isEmpty ? " (--strict)" : "") in \(seconds) s\n")
            try sink.finish()
            throw ExitCode.failure
        }
        try sink.write("OK in \(seconds) s: \(findings.checked.joined(separator: "; "))" +
                       (findings.warnings.isEmpty ? "" : " (\(count(findings.warnings.count, "warning")))") + "\n")
        try sink.finish()
    }

    private func count(_ number: Int, _ noun: String) -> String { number == 1 ? "1 \(noun)" : "\(number) \(noun)s" }
}
