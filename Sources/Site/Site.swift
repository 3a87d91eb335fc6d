import Foundation
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// What to build and where.
public struct BuildOptions: Sendable {
    /// The site's folder, holding `content/` and `templates/`.
    public var root: URL
    public var storePath: String
    public var output: URL
    public var period: Period
    /// Rendering threads; defaults to one per core.
    public var threads: Int
    /// Called now and then with (statements written, members in the store), for a progress display.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(root: URL, storePath: String, output: URL, period: Period,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.root = root
        self.storePath = storePath
        self.output = output
        self.period = period
        self.threads = max(1, threads)
        self.progress = progress
    }
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
    /// Statement folders removed (rotated tokens without a new home, members gone).
    public var removed = 0
    /// Set when the build imported the example data into a new store first.
    public var importedExample: ImportSummary?
    public var seconds: Double = 0
}

/// An error tagged with the pipeline step it happened in.
public struct BuildError: Error, CustomStringConvertible {
    public var step: String
    public var underlying: Error

    public var description: String {
        "\(step): \(underlying)"
    }
}

/// The site generator: the pipeline from store and content to `output/`.
public enum Site {
    /// Builds the site for one period. Everything that can be wrong in the operator's input
    /// (program, content, templates) is read and checked before the first file is written.
    public static func build(_ options: BuildOptions) throws -> BuildReport {
        let started = Date()
        var report = BuildReport(period: options.period)

        let content = try step("read content") { try SiteContent.load(root: options.root) }
        let templates = try step("compile templates") { try TemplateSet.load(root: options.root) }
        let (store, imported) = try step("open the member store") { try openStore(options) }
        report.importedExample = imported
        let publicPages = try step("render public pages") {
            try renderPublicPages(content: content, templates: templates, period: options.period)
        }

        let output = OutputFolder(url: options.output)
        let record = try step("take the build lock") { try BuildRecord(root: options.root, output: options.output) }
        try step("write public pages") {
            report.publicPages = publicPages.count
            for (path, html) in publicPages {
                if try output.writeIfChanged(Data(html.utf8), to: path) { report.filesWritten += 1 } else { report.filesUnchanged += 1 }
            }
            let assets = try output.copyFolder(options.root.appendingPathComponent("templates/assets"), to: "assets")
            report.filesWritten += assets.written
            report.filesUnchanged += assets.unchanged
        }
        let retired = try step("move rotated tokens' pages") { try moveRetiredTokens(store: store, output: output) }
        let written = try step("render statements") {
            try StatementWriter(content: content, templates: templates, output: output, options: options, record: record)
                .writeAll(from: store)
        }
        report.statements = written.statements
        report.filesWritten += written.written
        report.filesUnchanged += written.unchanged
        report.removed = try step("remove pages of members no longer in the store") {
            try removeStrayStatementFolders(store: store, output: output)
        }
        try step("forget rotated tokens") { try store.forgetRetiredTokens(retired) }
        withExtendedLifetime(record) {} // holds the build lock until here
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
        } catch {
            throw BuildError(step: name, underlying: error)
        }
    }

    /// Opens the store; a site without one yet gets the example data in `content/data/` imported.
    static func openStore(_ options: BuildOptions) throws -> (MemberStore, ImportSummary?) {
        let isNew = !FileManager.default.fileExists(atPath: options.storePath)
        let store = try MemberStore(path: options.storePath)
        let data = options.root.appendingPathComponent("content/data")
        let members = data.appendingPathComponent("members.csv")
        guard isNew, FileManager.default.fileExists(atPath: members.path) else { return (store, nil) }
        let ledger = data.appendingPathComponent("ledger.csv")
        do {
            let summary = try store.importCSV(
                members: ImportFile(url: members, displayName: "content/data/members.csv"),
                ledger: FileManager.default.fileExists(atPath: ledger.path)
                    ? ImportFile(url: ledger, displayName: "content/data/ledger.csv") : nil)
            return (store, summary)
        } catch {
            try? FileManager.default.removeItem(atPath: options.storePath) // leave no half-made store behind
            throw error
        }
    }

    /// Every public file, by path in the output, rendered in memory.
    static func renderPublicPages(content: SiteContent, templates: TemplateSet, period: Period) throws -> [(String, String)] {
        let views = PublicViews(content: content, period: period)
        let formatter = LocaleFormatter(locale: content.program.defaultLocale)
        let shared = SharedFragments(content: content)
        var files: [(String, String)] = []
        for page in content.pages {
            files.append((page.isHome ? "index.html" : "\(page.slug)/index.html", templates.render(views.page(page), template: "page")))
        }
        files.append(("tiers/index.html", templates.render(views.tiers(formatter: formatter, shared: shared), template: "tiers")))
        files.append(("offers/index.html", templates.render(views.offers(formatter: formatter), template: "offers")))
        files.append(("404.html", templates.render(views.notFound(), template: "404")))
        files.append(("robots.txt", "User-agent: *\nDisallow: /m/\nSitemap: \(content.program.baseURL)sitemap.xml\n"))
        files.append(("sitemap.xml", sitemap(content: content)))
        return files
    }

    /// The public pages only, with absolute URLs; statement pages are never listed anywhere.
    static func sitemap(content: SiteContent) -> String {
        let base = content.program.baseURL
        var urls = content.pages.map { $0.isHome ? base : "\(base)\($0.slug)/" }
        urls += ["\(base)tiers/", "\(base)offers/"]
        let entries = urls.map { "  <url><loc>\(escapeXML($0))</loc></url>" }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            \(entries)
            </urlset>

            """
    }

    static func escapeXML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A rotated token's pages move to the new token, keeping the member's earlier statements;
    /// the old address stops working.
    static func moveRetiredTokens(store: MemberStore, output: OutputFolder) throws -> [RetiredToken] {
        let retired = try store.retiredTokens()
        for token in retired where MemberToken.isWellFormed(token.token) {
            let old = "m/\(token.token)"
            guard output.exists(old) else { continue }
            if let current = token.currentToken, MemberToken.isWellFormed(current), !output.exists("m/\(current)") {
                try output.move(old, to: "m/\(current)")
            } else {
                try output.remove(old)
            }
        }
        return retired
    }

    /// Removes `m/<token>/` folders whose token no member holds any more. The folder is read as a
    /// stream and each name looked up in the store, so memory does not grow with the member count.
    static func removeStrayStatementFolders(store: MemberStore, output: OutputFolder) throws -> Int {
        guard let names = FileManager.default.enumerator(
            at: output.path("m"), includingPropertiesForKeys: nil, options: [.skipsSubdirectoryDescendants])
        else { return 0 }
        var stray: [String] = []
        try store.withTokenLookup { isMemberToken in
            for case let url as URL in names where try !isMemberToken(url.lastPathComponent) {
                stray.append(url.lastPathComponent)
            }
        }
        for name in stray { try output.remove("m/\(name)") }
        return stray.count
    }
}
