import ArgumentParser
import Foundation
import PunchcardCalendars
import PunchcardStarter
import PunchcardSupport

/// `punchcard init DIR`: a new site, ready to build.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new program: a site in DIR with its program file, pages in each language and empty data files.",
        discussion: """
            With every choice given as a flag, init asks nothing. On a terminal it asks for each \
            choice not given, with a default (press Enter to take it); elsewhere (a script) it takes \
            the defaults. It never writes into a folder that already has a site. Then: \
            `cd DIR && punchcard build`. Languages Punchcard ships words for: \
            \(StarterChoices.shippedLanguages.joined(separator: ", ")).
            """)

    @Argument(help: ArgumentHelp("The new site's folder (created; may exist if empty).", valueName: "dir"))
    var folder: String

    @Option(name: .long, help: "The program's name, as members read it (default: \"Rewards Club\" in each language).")
    var name: String?

    @Option(name: .long, help: ArgumentHelp("The site's languages, the default first, such as fa-IR,en-US (default: en-US).", valueName: "tags"))
    var languages: String?

    @Option(name: .long, help: ArgumentHelp("gregorian, persian or islamic-umalqura (default: persian for a Persian program, else gregorian).", valueName: "name"))
    var calendar: String?

    @Option(name: .long, help: ArgumentHelp("ISO 4217 code of the spend in ledger.csv, such as USD, IRR, SAR (default: by the first language).", valueName: "code"))
    var currency: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Where the site will be published (default: https://rewards.example/).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Add made-up members and a year of their ledger, so that the first build shows statements.")
    var example = false

    func validate() throws {
        if folder.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("name the new site's folder (an empty name would mean the current folder)")
        }
    }

    func run() throws {
        let target = URL(fileURLWithPath: folder, isDirectory: true)
        if let found = StarterSite.existingSite(in: target) {
            Terminal.printError("error: \(StarterSite.Failure.siteExists(folder: folder, found: found))")
            throw ExitCode.failure
        }
        let ask = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        var choices = StarterChoices()
        do {
            choices.name = try answer(name, ask: ask, "Program name", default: "Rewards Club", StarterChoices.name)
            if choices.name == "Rewards Club" && name == nil { choices.name = nil } // the default: translated
            choices.languages = try answer(languages, ask: ask, "Languages, the default first", default: "en-US", StarterChoices.languages)
            let defaults = StarterChoices.defaults(for: choices.languages)
            choices.calendar = try answer(calendar, ask: ask, "Calendar (gregorian, persian, islamic-umalqura)",
                                          default: defaults.calendar.rawValue, StarterChoices.calendar)
            choices.currency = try answer(currency, ask: ask, "Currency", default: defaults.currency, StarterChoices.currency)
            choices.baseURL = try answer(baseURL, ask: ask, "Address the site will be published at", default: "https://rewards.example/",
                                         StarterChoices.baseURL)
            if !example, ask {
                choices.example = try answer(nil, ask: true, "Add made-up members to try it with? (y/n)", default: "n") { text in
                    switch text.lowercased() {
                    case "y", "yes": return true
                    case "n", "no": return false
                    default: throw StarterChoices.Problem(flag: "--example", message: "answer y or n")
                    }
                }
            } else {
                choices.example = example
            }
        } catch let problem as StarterChoices.Problem {
            Terminal.printError("error: \(problem)")
            throw ExitCode.failure
        }
        let written: [String]
        do {
            written = try StarterSite.write(choices, to: target, shownAs: folder)
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode.failure
        }
        let sink = OutputSink.standardOutput
        for path in written { try sink.write("wrote \(folder)/\(path)\n") }
        let next = choices.example ? "cd \(folder) && punchcard build   # imports content/data/ into members.sqlite, then builds"
            : "cd \(folder) && punchcard build   # public pages now; import members.csv and ledger.csv for statements"
        try sink.write("\nA new site for \(choices.name ?? "your program") in \(choices.languages.joined(separator: ", ")), " +
                       "on the \(choices.calendar.rawValue) calendar, in \(choices.currency). Next:\n  \(next)\n" +
                       "  punchcard check   # after each change: every problem, with its file and line\n")
        try sink.finish()
    }

    /// The flag's value, else (on a terminal) the operator's answer, else the default; asked again
    /// after a wrong answer, refused at once when given as a flag.
    private func answer<T>(_ given: String?, ask: Bool, _ question: String, default fallback: String,
                           _ parse: (String) throws -> T) throws -> T {
        if let given { return try parse(given) }
        guard ask else { return try parse(fallback) }
        while true {
            Terminal.printPrompt("\(question) [\(fallback)]: ")
            guard let line = readLine() else { return try parse(fallback) } // end of input: the default
            let text = line.trimmingCharacters(in: .whitespaces)
            do {
                return try parse(text.isEmpty ? fallback : text)
            } catch let problem as StarterChoices.Problem {
                Terminal.printError("  \(problem.message)")
            }
        }
    }
}
