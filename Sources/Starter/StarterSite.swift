import Foundation
import PunchcardCalendars
import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

/// `punchcard init`: a new site that builds on the first try — content/program.yml commented key by
/// key with the operator's choices, a home page, how-to-earn, FAQ, tiers and one offer in each
/// language, content/data/ with the CSV headers (or generated members and a year of their ledger),
/// and a .gitignore. The theme is built in, so there is no templates/ folder to carry.
public enum StarterSite {
    /// Program settings the starter writes (and its pages quote).
    static let referralBonus = 500
    static let expiryMonths = 24
    static let warningDays = 90

    /// Every file of the new site, by its path in the site's folder.
    public static func files(_ choices: StarterChoices, today: CalendarDate = .today) -> [(path: String, text: String)] {
        var files: [(String, String)] = [("content/program.yml", programFile(choices))]
        let defaultCode = Language.code(of: choices.languages[0])
        for tag in choices.languages {
            let code = Language.code(of: tag)
            let texts = StarterTexts.forLanguage(code)
            let suffix = code == defaultCode ? "" : ".\(code)"
            func fill(_ text: String) -> String {
                text.replacingOccurrences(of: "{program}", with: programName(choices, language: code))
                    .replacingOccurrences(of: "{bonus}", with: digits(String(referralBonus), language: code))
                    .replacingOccurrences(of: "{months}", with: digits(String(expiryMonths), language: code))
                    .replacingOccurrences(of: "{warning}", with: digits(String(warningDays), language: code))
            }
            func page(_ page: (title: String, description: String, body: String), weight: Int?) -> String {
                var front = "---\ntitle: \(yaml(fill(page.title)))\ndescription: \(yaml(fill(page.description)))\n"
                // The default language's page places it in the menu; translations follow it.
                if let weight, code == defaultCode { front += "weight: \(weight)\n" }
                return front + "---\n\n" + fill(page.body) + "\n"
            }
            files.append(("content/index\(suffix).md", page(texts.home, weight: 1)))
            files.append(("content/how-to-earn\(suffix).md", page(texts.howToEarn, weight: 2)))
            files.append(("content/tiers\(suffix).md", page(texts.tiersIntro, weight: nil)))
            files.append(("content/faq\(suffix).md", page(texts.faq, weight: 4)))
            var offer = "---\ntitle: \(yaml(fill(texts.offer.title)))\nsummary: \(yaml(fill(texts.offer.summary)))\n"
            if code == defaultCode {
                offer += "# On the offers page and every member's statement until it ends; audience: narrows it to some\n"
                offer += "# members (tiers, new or quiet members, birthdays: see docs/content-and-theme.md).\n"
                offer += "public_from: \(today.year - 1)-01-01\nends: \(today.year + 1)-12-31\n"
            }
            files.append(("content/offers/welcome\(suffix).md", offer + "---\n\n" + fill(texts.offer.body) + "\n"))
        }
        let data = choices.example ? ExampleMembers.generate(choices, today: today)
            : (members: ExampleMembers.membersHeader + "\n", ledger: ExampleMembers.ledgerHeader + "\n")
        files.append(("content/data/members.csv", data.members))
        files.append(("content/data/ledger.csv", data.ledger))
        files.append(("content/data/surveys.csv", "member_id,answered_on,score,comment\n"))
        if choices.languages.count > 1 { files.append(("content/descriptions.yml", descriptionsFile(choices))) }
        files.append((".gitignore", gitignore))
        return files
    }

    /// Ledger descriptions in the first language, translated for the others' pages.
    static func descriptionsFile(_ choices: StarterChoices) -> String {
        let codes = choices.languages.map(Language.code(of:))
        let texts = codes.map(StarterTexts.forLanguage)
        var file = """
            # Ledger descriptions as your till or shop exports them (in \(choices.languages[0]), the program's first
            # language), with their translations for the other languages' pages. Add a line for each description
            # your ledger.csv holds; `punchcard build --strict` lists those without one.

            """
        let phrases: [(StarterTexts) -> String] = [{ $0.purchases[0] }, { $0.purchases[1] }, \.welcomeBonus, \.reward]
        for phrase in phrases {
            let forms = zip(codes, texts).map { "\($0): \(yaml(phrase($1)))" }.joined(separator: ", ")
            file += "\(yaml(phrase(texts[0]))): {\(forms)}\n"
        }
        return file
    }

    static let gitignore = """
        # Punchcard's own files: the member store (personal data: never commit it), the built site,
        # build records and the site's signing secret, reports, and the wallet's certificates and keys.
        /members.sqlite
        /members.sqlite-*
        *.sqlite
        *.sqlite-wal
        *.sqlite-shm
        /output/
        /reports/
        /.punchcard/
        secrets/

        """

    /// What is in the way of a new site in `folder`, if anything (nil: the folder is new, empty,
    /// or holds only other things, such as a git repository's files).
    public static func existingSite(in folder: URL) -> [String]? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return nil }
        guard isFolder.boolValue else { return ["a file"] }
        let found = ["content", "templates", "members.sqlite", "output", ".punchcard"]
            .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
            .map { $0 == "members.sqlite" || $0 == "a file" ? $0 : $0 + "/" }
        return found.isEmpty ? nil : found
    }

    public enum Failure: Error, CustomStringConvertible {
        case siteExists(folder: String, found: [String])
        case cannotWrite(String, String)
        case unreadableProgram(Diagnostic)

        public var description: String {
            switch self {
            case .siteExists(let folder, let found) where found == ["a file"]:
                return "\(folder) is a file: name a new folder for the site"
            case .siteExists(let folder, let found):
                return "\(folder) already has a site (\(found.joined(separator: ", "))): punchcard init writes only into a new " +
                    "or empty folder and never over a site; name another folder"
            case .cannotWrite(let path, let reason): return "\(path): cannot write (\(reason)); nothing was written"
            case .unreadableProgram(let problem):
                return "these choices make a program Punchcard would refuse (\(problem)); nothing was written"
            }
        }
    }

    /// Writes the site into `folder`, whole or not at all: into a hidden folder beside it first,
    /// then moved into place.
    public static func write(_ choices: StarterChoices, to folder: URL, shownAs: String, today: CalendarDate = .today) throws -> [String] {
        if let found = existingSite(in: folder) { throw Failure.siteExists(folder: shownAs, found: found) }
        let fileManager = FileManager.default
        let staging = folder.deletingLastPathComponent()
            .appendingPathComponent(".\(folder.lastPathComponent).init-\(getpid())", isDirectory: true)
        let files = self.files(choices, today: today)
        // The program as a build will read it: a choice that passed its own check but makes the
        // whole unreadable (an address too long for the unsubscribe header) is refused here.
        if let program = files.first(where: { $0.path == "content/program.yml" }) {
            do { _ = try Program.parse(program.text, file: "content/program.yml") } catch { throw Failure.unreadableProgram(error) }
        }
        // The nearest folder that exists must be a folder.
        var ancestor = folder.deletingLastPathComponent()
        while !fileManager.fileExists(atPath: ancestor.path), ancestor.path != "/" { ancestor.deleteLastPathComponent() }
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: ancestor.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw Failure.cannotWrite(shownAs, "\(ancestor.path) is a file, not a folder")
        }
        do {
            try? fileManager.removeItem(at: staging)
            for (path, text) in files {
                let url = staging.appendingPathComponent(path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            if fileManager.fileExists(atPath: folder.path) {
                // An empty folder, or one of other things: the new site's entries move in one by one.
                for entry in try fileManager.contentsOfDirectory(atPath: staging.path) {
                    let target = folder.appendingPathComponent(entry)
                    if entry == ".gitignore", fileManager.fileExists(atPath: target.path) {
                        // The folder's own .gitignore gains Punchcard's lines.
                        let mine = try String(contentsOf: target, encoding: .utf8)
                        let joined = mine + (mine.hasSuffix("\n") || mine.isEmpty ? "" : "\n") + gitignore
                        try Data(joined.utf8).write(to: target, options: .atomic)
                        continue
                    }
                    try fileManager.moveItem(at: staging.appendingPathComponent(entry), to: target)
                }
                try fileManager.removeItem(at: staging)
            } else {
                try fileManager.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fileManager.moveItem(at: staging, to: folder)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw Failure.cannotWrite(shownAs, FileProblem.reason(error))
        }
        return files.map(\.path)
    }

    // MARK: - Helpers

    static func programName(_ choices: StarterChoices, language code: String) -> String {
        choices.name ?? StarterTexts.forLanguage(code).programName
    }

    /// A YAML scalar that reads back as `text` whatever it holds (JSON's string form is YAML's
    /// double-quoted style).
    static func yaml(_ text: String) -> String {
        let encoded = (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        return encoded.replacingOccurrences(of: "\\/", with: "/")
    }

    /// Western digits written in the language's own (Persian ۰–۹, Arabic-Indic ٠–٩).
    static func digits(_ text: String, language code: String) -> String {
        let zero: UInt32
        switch code {
        case "fa": zero = 0x06F0
        case "ar": zero = 0x0660
        default: return text
        }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            guard ("0"..."9").contains(scalar) else { return scalar }
            return Unicode.Scalar(zero + scalar.value - 0x30) ?? scalar
        }))
    }
}
