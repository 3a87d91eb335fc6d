import Foundation
import PunchcardCalendars
import PunchcardMail
import PunchcardPages
import PunchcardReport
import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport
import PunchcardWallet

/// `punchcard check`: everything a build reads — the program, pages and offers, the theme's
/// templates against the values each page has, the string tables, the e-mail and report
/// templates, the wallet's credentials, translations, the member store's reachability and schema,
/// or the data a first build would import — read and checked without writing anything. Each part
/// is checked even when another fails, so one run lists every problem.
public enum SiteCheck {
    public struct Findings: Sendable {
        /// One line each: `file:line:column: message`.
        public var errors: [String] = []
        /// Translation gaps and what a build would only warn about (errors with `--strict`).
        public var warnings: [String] = []
        /// What was checked, for the summary.
        public var checked: [String] = []
    }

    public struct Options: Sendable {
        public var root: URL
        public var storePath: String
        /// Neither --store nor PUNCHCARD_STORE: a missing store is the first build's to make.
        public var storeIsDefault: Bool
        public var today: CalendarDate

        public init(root: URL, storePath: String, storeIsDefault: Bool, today: CalendarDate = .today) {
            self.root = root
            self.storePath = storePath
            self.storeIsDefault = storeIsDefault
            self.today = today
        }
    }

    public static func run(_ options: Options) -> Findings {
        var findings = Findings()
        func record(_ error: Error) { findings.errors += lines(error, storePath: options.storePath) }
        let root = options.root

        // The theme's templates: syntax, partials and loops, whatever the content.
        var templates: TemplateSet?
        do { templates = try TemplateSet.load(root: root) } catch { record(error) }

        // The program, pages, offers, front matter and string tables.
        let content: SiteContent
        do {
            content = try SiteContent.load(root: root)
        } catch {
            record(error)
            return findings
        }
        findings.checked.append("content/program.yml, \(count(content.pages.count, "page")) and \(count(content.offers.count, "offer"))")
        let period = Period.lastEnded(asOf: options.today, calendar: content.program.calendar)

        // Every tag of every template against the values its page has, by rendering the public pages.
        if let templates {
            do {
                _ = try StatementTemplate.check(templates: templates, content: content)
                let pages = try Site.renderPublicPages(content: content, templates: templates, period: period)
                findings.checked.append("\(templates.sources.count) templates (\(pages.count) public pages rendered)")
            } catch { record(error) }
        }
        do {
            _ = try MailTemplates.load(root: root, content: content)
            findings.checked.append("the e-mail templates in \(count(content.program.languages.count, "language"))")
        } catch { record(error) }
        do {
            _ = try ReportPage.template(siteRoot: root, program: content.program)
            findings.checked.append("the report template")
        } catch { record(error) }
        if content.program.wallet != nil {
            do {
                _ = try Wallet.prepare(content: content, root: root)
                findings.checked.append("the wallet's certificates and keys")
            } catch { record(error) }
        }
        findings.warnings += TranslationWarnings.content(content)

        // The member store: reachable, of this Punchcard's schema; or the data a first build imports.
        checkStore(options, content: content, findings: &findings)
        return findings
    }

    static func count(_ number: Int, _ noun: String) -> String { number == 1 ? "1 \(noun)" : "\(number) \(noun)s" }

    /// An error as the operator reads it, one line per problem.
    static func lines(_ error: Error, storePath: String) -> [String] {
        switch error {
        case let list as DiagnosticList:
            return list.diagnostics.map(\.description) + (list.omitted > 0 ? ["… and \(list.omitted) more problems"] : [])
        case let wallet as WalletProblems: return wallet.diagnostics.map(\.description)
        case let build as BuildError: return [build.underlying is Diagnostic ? "\(build.underlying)" : "\(build)"]
        default:
            if let store = StoreError.describing(error, path: MemberStore.withoutPassword(storePath)) { return ["\(store)"] }
            return [Diagnostic.oneLineText("\(error)")]
        }
    }

    static func checkStore(_ options: Options, content: SiteContent, findings: inout Findings) {
        func record(_ error: Error) { findings.errors += lines(error, storePath: options.storePath) }
        let shown = MemberStore.withoutPassword(options.storePath)
        if options.storeIsDefault, !MemberStore.exists(at: options.storePath) {
            guard let files = Site.exampleImportFiles(root: options.root, content: content) else {
                findings.warnings.append("\(shown): no member store yet and no content/data/members.csv: import members with punchcard import")
                return
            }
            // What the first build would import, imported into memory.
            do {
                let scratch = try MemberStore()
                let summary = try scratch.importCSV(files)
                try Site.checkAudienceColumns(content: content, store: scratch)
                findings.warnings += TranslationWarnings.members(try scratch.membersByLocale(), content: content)
                findings.checked.append("content/data/ as a first build imports it (\(summary.membersAdded) members)")
            } catch { record(error) }
            return
        }
        let inspection: StoreInspection
        do {
            inspection = try MemberStore.inspect(path: options.storePath)
        } catch {
            record(error)
            return
        }
        if inspection.unknown > 0 {
            findings.errors.append("\(shown): the store was written by a newer Punchcard (\(inspection.unknown) changes to its tables this one does not know); upgrade Punchcard")
            return
        }
        if !inspection.isCurrent {
            findings.warnings.append("\(shown): the store's tables are \(inspection.known - inspection.applied) versions behind this Punchcard's; the next import or build brings them up to date")
            findings.checked.append("the member store (reachable)")
            return
        }
        do {
            let store = try MemberStore(path: options.storePath)
            try Site.checkAudienceColumns(content: content, store: store)
            findings.warnings += TranslationWarnings.members(try store.membersByLocale(), content: content)
            findings.checked.append("the member store (reachable, tables up to date)")
        } catch { record(error) }
    }
}
