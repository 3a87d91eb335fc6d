import Foundation
import PunchcardCalendars
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport
import PunchcardTheme
import PunchcardWallet

/// What to build and where.
public struct BuildOptions: Sendable {
    /// The site's folder, holding `content/` and `templates/`.
    public var root: URL
    public var storePath: String
    public var output: URL
    public var period: Period
    /// Rendering threads; defaults to one per core.
    public var threads: Int
    /// Whether the build may create the store by importing the example data in `content/data/`
    /// when there is none: only for the store's default place, never for a path the operator
    /// typed (a typo must not create a new, empty store and delete every page).
    public var mayCreateStore: Bool
    /// Build a period that has not ended yet; its pages are marked as provisional.
    public var allowUnfinished: Bool
    /// Remove more statement folders than `DeletionGuard` allows without asking.
    public var allowDelete: Bool
    /// Treat every warning (an untranslated text, a locale the site cannot speak) as an error,
    /// before anything is written.
    public var strict = false
    /// Today, in UTC: a period has ended when its last day is before today.
    public var today: CalendarDate
    /// Called now and then with (statements written, members in the store), for a progress display.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Build only this shard's members (`--shard I/N`); shard 0 also writes the public pages. nil:
    /// the whole site.
    public var shard: Shard?
    /// What renders the pages, in their fingerprints; nil: the running program (`CodeVersion`).
    /// Tests set it to stand for an upgrade.
    /// `content/program.yml` as the caller already read it (the command line does, for the
    /// period's calendar), so that a build parses it once; nil: read here.
    public var program: Program?
    public var codeVersion: String?

    public init(root: URL, storePath: String, output: URL, period: Period,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                mayCreateStore: Bool = false, allowUnfinished: Bool = false, allowDelete: Bool = false,
                today: CalendarDate = CalendarDate.today,
                progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.root = root
        self.storePath = storePath
        self.output = output
        self.period = period
        self.threads = max(1, threads)
        self.mayCreateStore = mayCreateStore
        self.allowUnfinished = allowUnfinished
        self.allowDelete = allowDelete
        self.today = today
        self.progress = progress
    }

    /// Whether `period` has not ended on `today`.
    public func isUnfinished(_ period: Period) -> Bool { period.end >= today }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var period: Period
    public var publicPages = 0
    public var statements = 0
    /// Files written because something that goes into them changed.
    public var filesWritten = 0
    /// Files left as they were (not rewritten, modification time kept).
    public var filesUnchanged = 0
    /// Files of other published periods rewritten because a member's ledger changed.
    public var filesRefreshed = 0
    /// Members who joined after the period, who get no page for it.
    public var notYetMembers = 0
    /// Statement folders removed (rotated tokens without a new home, members gone).
    public var removed = 0
    /// Members' statement folders moved to a new address (`rotate-token`): their pages keep their
    /// bytes (links inside a member's folder are relative), so they count as unchanged.
    public var movedAddresses = 0
    /// Whether the pages are provisional (the period had not ended).
    public var provisional = false
    /// What the pages show untranslated, one line per kind and language.
    public var warnings: [String] = []
    /// Set when the build imported the example data into a new store first.
    public var importedExample: ImportSummary?
    /// Set when the build repaired what an interrupted build left.
    public var recovered = false
    public var seconds: Double = 0
    /// The shard built (`--shard I/N`), nil for the whole site.
    public var shard: Shard?
}

/// An error tagged with the pipeline step it happened in.
public struct BuildError: Error, CustomStringConvertible {
    public var step: String
    public var underlying: Error

    public var description: String {
        "\(step): \(underlying)"
    }
}

/// A build refused before writing anything, with the reason in the operator's words.
public struct BuildRefusal: Error, CustomStringConvertible {
    public var description: String
}

/// The site generator: the pipeline from store and content to `output/`.
public enum Site {
    /// Builds the site for one period. Everything that can be wrong in the operator's input
    /// (period, program, content, templates, the store's place, deletions) is checked before the
    /// first file is written.
    public static func build(_ options: BuildOptions) throws -> BuildReport {
        let started = Date()
        var report = BuildReport(period: options.period)
        report.shard = options.shard
        report.provisional = options.isUnfinished(options.period)

        if let refusal = OutputPlacement.refusal(output: options.output, root: options.root, storePath: options.storePath) {
            throw BuildRefusal(description: refusal)
        }
        let content = try step("read content") { try SiteContent.load(root: options.root, program: options.program) }
        var options = options
        options.period = try step("check the period") { try checkPeriod(options, calendar: content.program.calendar) }
        report.period = options.period
        let (templates, compiledStatements) = try step("compile templates") {
            let templates = try TemplateSet.load(root: options.root)
            return (templates, try StatementTemplate.check(templates: templates, content: content))
        }
        for name in [GeneratedPage.rewards.template, "partials/statement-rewards"] where !content.program.rewards.isEmpty && templates.sources[name] == nil {
            throw Diagnostic(SourceLocation(file: "templates/\(name).mustache"),
                             "required template is missing (the program has rewards; copy it from Punchcard's default theme)")
        }
        if !content.program.partners.isEmpty, templates.sources[GeneratedPage.partners.template] == nil {
            throw Diagnostic(SourceLocation(file: "templates/partners.mustache"),
                             "required template is missing (the program has partners; copy it from Punchcard's default theme)")
        }
        // Certificates and keys read and checked now: a wrong one is an error before anything is written.
        let wallet = try step("read the wallet's certificates and keys") {
            try Wallet.prepare(content: content, root: options.root, output: options.output)
        }
        report.warnings = TranslationWarnings.content(content)
        let record = try step("take the build lock") {
            try BuildRecord(root: options.root, output: options.output, calendar: content.program.calendar, shard: options.shard)
        }
        // The public pages and assets are one shard's work.
        let ownsTheSite = options.shard?.isDesignated ?? true
        // Released explicitly: rendering threads may hold the record a moment longer.
        defer { record.releaseLock() }
        let (store, imported) = try step("open the member store") { try openStore(options, content: content) }
        report.importedExample = imported
        try step("check the offers' audiences") { try checkAudienceColumns(content: content, store: store) }
        report.warnings += try step("read the members' languages") {
            var warnings = TranslationWarnings.members(try store.membersByLocale(), content: content)
            if options.strict {
                warnings += TranslationWarnings.descriptions(
                    try store.descriptionsByLocale(from: options.period.start, through: options.period.end), content: content)
            }
            return warnings
        }
        if options.strict, !report.warnings.isEmpty {
            throw BuildRefusal(description: report.warnings.map { "warning: \($0)" }.joined(separator: "\n")
                + "\n--strict: \(TranslationWarnings.count(report.warnings.count, "warning")) above; nothing was written.")
        }
        let publicPages = try step("render public pages") {
            try renderPublicPages(content: content, templates: templates, period: options.period)
        }
        let output = OutputFolder(url: options.output)
        let (stray, presentFolders, foreign) = try step("check statement folders to remove") {
            try DeletionGuard.check(store: store, output: output, allowDelete: options.allowDelete)
        }
        if !foreign.isEmpty {
            let shown = foreign.prefix(5).map { Diagnostic.quote("m/" + $0) }.joined(separator: ", ")
            report.warnings.append("\(foreign.count == 1 ? "1 entry" : "\(foreign.count) entries") in m/ that Punchcard did not write (\(shown)\(foreign.count > 5 ? ", …" : "")) left as they are")
        }

        // Nothing is written before this line.
        report.recovered = try step("repair an interrupted build") {
            try recoverIfInterrupted(record: record, output: output, shard: options.shard, store: store)
        }
        try step("start the build record") { try record.beginRun(period: options.period) }
        if ownsTheSite { try step("write public pages") {
            report.publicPages = publicPages.count
            for (path, html) in publicPages {
                if try output.writeIfChanged(Data(html.utf8), to: path) { report.filesWritten += 1 } else { report.filesUnchanged += 1 }
            }
            // Partners' logos, beside the partners page (checked to exist when the content was read).
            for partner in content.program.partners {
                guard let logo = partner.logo, let path = partner.logoPath else { continue }
                let data = try Data(contentsOf: options.root.appendingPathComponent("content").appendingPathComponent(logo))
                if try output.writeIfChanged(data, to: path) { report.filesWritten += 1 } else { report.filesUnchanged += 1 }
            }
            for (path, data) in wallet?.publicFiles ?? [] {
                if try output.writeIfChanged(data, to: path) { report.filesWritten += 1 } else { report.filesUnchanged += 1 }
            }
            // The theme's assets: the site's own templates/assets/ over the built-in ones.
            let theme = Theme(root: options.root)
            for path in theme.paths(under: "assets/") {
                guard let data = try theme.data(path) else { continue }
                if try output.writeIfChanged(data, to: path) { report.filesWritten += 1 } else { report.filesUnchanged += 1 }
            }
        } }
        let (retired, moved) = try step("move rotated tokens' pages") { try moveRetiredTokens(store: store, output: output, shard: options.shard) }
        report.movedAddresses = moved.count
        let codeVersion = options.codeVersion
            ?? CodeVersion.current(cacheFolder: options.root.appendingPathComponent(".punchcard", isDirectory: true))
        let plans = PeriodPlans(content: content, templates: templates, root: options.root, codeVersion: codeVersion,
                                walletPrint: wallet?.fingerprint ?? "", isProvisional: { [options] in options.isUnfinished($0) })
        let written = try step("render statements") {
            var statementOutput = output
            let removal = DeferredRemoval()
            statementOutput.deferredRemoval = removal
            defer { removal.finish() }
            var writer = StatementWriter(content: content, templates: templates, compiled: compiledStatements, output: statementOutput,
                                         options: options, record: record, plans: plans, presentFolders: presentFolders,
                                         movedFolders: moved)
            writer.wallet = wallet
            writer.memberships = try store.allMemberships()
            writer.coupons = try store.allCoupons()
            return try writer.writeAll(from: store)
        }
        report.warnings += TranslationWarnings.descriptions(plans.log.untranslatedDescriptions)
        report.statements = written.statements - written.notYetMembers - written.withoutAddress
        report.notYetMembers = written.notYetMembers
        report.filesWritten += written.written
        report.filesUnchanged += written.unchanged
        report.filesRefreshed = written.refreshed
        // Every shard sweeps, so that shards built into outputs of their own leave none of the
        // members gone in theirs; in a shared output they remove the same folders, whoever is first.
        report.removed = written.removedCopies + (try step("remove pages of members no longer in the store") {
            // A rotated token's folder is its member's shard's to move, perhaps still to come.
            let othersToMove = options.shard == nil ? [] : Set(try store.retiredTokens().map(\.token))
            return try removeStatementFolders(stray.filter { !othersToMove.contains($0) }, output: output)
        })
        try step("forget rotated tokens") { try store.forgetRetiredTokens(retired) }
        try step("finish the build record") { try record.finishRun(period: options.period, provisional: report.provisional) }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    static func step<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let diagnostic as Diagnostic {
            throw diagnostic // already names its file and line
        } catch let error as BuildError {
            throw error
        } catch let refusal as BuildRefusal {
            throw refusal
        } catch let problems as DiagnosticList {
            throw problems
        } catch let problems as WalletProblems {
            throw problems
        } catch {
            throw BuildError(step: name, underlying: error)
        }
    }

    /// A period that has not ended yet would publish figures that still change, and make them
    /// every member's latest page: only when asked for.
    /// The period is named by its year and month in the program's calendar.
    static func checkPeriod(_ options: BuildOptions, calendar: BillingCalendar) throws -> Period {
        var period = options.period
        if period.calendar != calendar {
            guard let inCalendar = Period(year: period.year, month: period.month, calendar: calendar) else {
                throw BuildRefusal(description: "\(period) is not a month of the \(calendar) calendar")
            }
            period = inCalendar
        }
        var options = options
        options.period = period
        try checkEnded(options)
        return period
    }

    static func checkEnded(_ options: BuildOptions) throws {
        guard options.isUnfinished(options.period), !options.allowUnfinished else { return }
        let lastEnded = Period.lastEnded(asOf: options.today, calendar: options.period.calendar)
        throw BuildRefusal(description: """
            \(options.period) has not ended yet (its last day is \(options.period.end); today is \(options.today)). \
            Build \(lastEnded), the last period that has ended, or add --preview-unfinished to publish \
            provisional statements for \(options.period) (they say so on the page; `punchcard unpublish --period \
            \(options.period)` withdraws them).
            """)
    }

    /// An offer's `audience: attributes:` names members.csv columns: one no member has is a
    /// mistake (a typo, a column not imported), stopped before anything is written.
    public static func checkAudienceColumns(content: SiteContent, store: MemberStore) throws {
        for offer in content.offers {
            for (name, location) in offer.audienceAttributeLocations.sorted(by: { $0.key < $1.key })
            where try !content.program.memberColumns.contains(name) && !store.hasAttribute(name) {
                throw Diagnostic(location, field: "audience.attributes.\(name)",
                                 "no member has a \(Diagnostic.quote(name)) column (members.csv's own columns, as imported), "
                                    + "and member_columns: in content/program.yml does not declare it")
            }
        }
    }

    /// Opens the store. Only a build allowed to (the site's default store, never a typed path)
    /// creates one, and only by importing the example data in `content/data/` into a new file that
    /// is put in place once the import has committed.
    static func openStore(_ options: BuildOptions, content: SiteContent) throws -> (MemberStore, ImportSummary?) {
        if MemberStore.exists(at: options.storePath) || !options.mayCreateStore {
            return (try MemberStore(path: options.storePath), nil)
        }
        guard let files = exampleImportFiles(root: options.root, content: content) else {
            throw StoreError.missing(path: options.storePath)
        }
        return try MemberStore.create(at: options.storePath, files: files)
    }

    /// The site's own data (`content/data/members.csv` and the other files beside it) as a first
    /// build imports them; nil without members.csv.
    public static func exampleImportFiles(root: URL, content: SiteContent) -> ImportFiles? {
        let data = root.appendingPathComponent("content/data")
        let members = data.appendingPathComponent("members.csv")
        guard FileManager.default.fileExists(atPath: members.path) else { return nil }
        func optional(_ name: String) -> ImportFile? {
            let url = data.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            var file = ImportFile(url: url, displayName: "content/data/\(name)")
            file.declaredSources = Set(content.program.sources.map(\.id))
            file.declaredPlans = Set(content.program.memberships.map(\.id))
            file.declaredOffers = Set(content.offers.map(\.slug))
            return file
        }
        return ImportFiles(members: ImportFile(url: members, displayName: "content/data/members.csv"),
                           ledger: optional("ledger.csv"), surveys: optional("surveys.csv"), memberships: optional("memberships.csv"),
                           coupons: optional("coupons.csv"))
    }

    /// After a build that was killed or failed part-way: the record forgets what it cannot vouch
    /// for (see `BuildRecord.recoverFromInterruptedRun`), and half-written temporary files of
    /// processes that no longer run are removed.
    /// A shard removes only what is in its own members' folders: the other shards may be running,
    /// on other machines, whose process ids mean nothing here.
    static func recoverIfInterrupted(record: BuildRecord, output: OutputFolder, shard: Shard? = nil, store: MemberStore? = nil) throws -> Bool {
        guard let run = try record.interruptedRun() else { return false }
        // Files first: the run stays marked as interrupted until both are done, so a build
        // killed during this repair leaves it to the next one.
        if let shard, let store {
            let tokens = try tokens(of: shard, store: store)
            output.removeAbandonedTemporaryFiles { relative in
                let parts = relative.split(separator: "/")
                return parts.count >= 3 && parts[0] == "m" && tokens.contains(String(parts[1]))
            }
        } else {
            output.removeAbandonedTemporaryFiles()
        }
        try record.recoverFromInterruptedRun(run)
        return true
    }

    /// The statement tokens of the members in `shard`: the folders of `m/` that are the shard's.
    static func tokens(of shard: Shard, store: MemberStore) throws -> Set<String> {
        var tokens = Set<String>()
        try store.forEachMember { member in
            if shard.contains(member.memberID) { tokens.insert(member.token) }
        }
        return tokens
    }

    /// Every public file, by path in the output, rendered in memory: each language's site (the
    /// default at the root, the others under `/<language>/`), robots.txt and the sitemap.
    public static func renderPublicPages(content: SiteContent, templates: TemplateSet, period: Period) throws -> [(String, String)] {
        let shared = SharedFragments(content: content)
        var rendered = PublicTemplates(templates: templates, content: content)
        var files: [(String, String)] = []
        for language in content.program.languages {
            let views = PublicViews(content: content, period: period, language: language)
            let formatter = LocaleFormatter(locale: language, periodPattern: content.words(for: language).all["period_format"])
            for page in content.pages {
                files.append((views.path(page.isHome ? "index.html" : "\(page.slug)/index.html"),
                              try rendered.render(views.page(page), template: "page")))
            }
            for generated in GeneratedPage.allCases where generated.isPublished(in: content) {
                files.append((views.path(generated.path),
                              try rendered.render(views.page(generated, formatter: formatter, shared: shared), template: generated.template)))
            }
        }
        files.append(("robots.txt", "User-agent: *\nDisallow: /m/\nSitemap: \(content.program.baseURL)sitemap.xml\n"))
        files.append(("sitemap.xml", sitemap(content: content)))
        return files
    }

    /// The public pages only, with absolute URLs, each with its translations as alternates;
    /// statement pages are never listed anywhere.
    static func sitemap(content: SiteContent) -> String {
        let base = content.program.baseURL
        let languages = content.program.languages
        let slugs = content.pages.map(\.slug)
            + GeneratedPage.allCases.filter { $0.isListed && $0.isPublished(in: content) }.compactMap(\.slug)
        var entries: [String] = []
        for language in languages {
            for slug in slugs {
                func address(_ language: String) -> String {
                    base + content.sitePrefix(for: language) + (slug.isEmpty ? "" : slug + "/")
                }
                var entry = "  <url><loc>\(escapeXML(address(language)))</loc>"
                if languages.count > 1 {
                    for other in languages {
                        entry += "\n    <xhtml:link rel=\"alternate\" hreflang=\"\(escapeXML(other))\" href=\"\(escapeXML(address(other)))\"/>"
                    }
                    entry += "\n  "
                }
                entries.append(entry + "</url>")
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
            \(entries.joined(separator: "\n"))
            </urlset>

            """
    }

    static func escapeXML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

}
