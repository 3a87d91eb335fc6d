import ArgumentParser
import Foundation
import PunchcardCalendars
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// Where the site is: its root folder (content/, templates/) and its member store.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site's root folder, holding content/ and templates/.")
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp(
        "The member store: an SQLite file, or postgres://user@host:port/database (default: $PUNCHCARD_STORE, else members.sqlite in the site's root).",
        valueName: "path-or-url"))
    var store: String?

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true) }

    var storePath: String {
        if let store { return store }
        if let fromEnvironment = ProcessInfo.processInfo.environment["PUNCHCARD_STORE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return rootURL.appendingPathComponent(MemberStore.defaultFileName).path
    }

    /// Whether the store is the site's own default file (neither --store nor PUNCHCARD_STORE given):
    /// only then may a first build create it from content/data.
    var storeIsDefault: Bool { storePath == rootURL.appendingPathComponent(MemberStore.defaultFileName).path && store == nil }

    /// The folder a build writes to: `--output DIR`, or output/ in the site's folder.
    func outputURL(_ option: String?) -> URL {
        option.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? rootURL.appendingPathComponent("output", isDirectory: true)
    }

    /// The folder a command will write and publish: refused when it is empty (`--output "$OUT"`
    /// with the variable unset means the current folder) or is, holds or lies inside what the
    /// site is made from (`OutputPlacement`).
    func writableOutputURL(_ option: String?, flag: String = "--output") throws -> URL {
        if let option, option.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("\(flag) is empty (an unset variable?): name the folder to write, such as output/")
        }
        let url = outputURL(option)
        if let refusal = OutputPlacement.refusal(output: url, root: rootURL, storePath: storePath) {
            Terminal.printError("error: \(refusal)")
            throw ExitCode.failure
        }
        return url
    }

    /// The store, which must exist: only `import` and a site's first build create one.
    func openStore() throws -> MemberStore { try MemberStore(path: storePath) }

    func loadProgram() throws -> Program {
        let url = rootURL.appendingPathComponent("content/program.yml")
        let display = root == "." ? "content/program.yml" : url.path
        return try Program.load(from: url, displayPath: display)
    }
}

/// `--period YYYY-MM`: a year and month of the program's calendar (`1405-08` on the Persian
/// calendar is Aban 1405). Read before the program, resolved once its calendar is known.
struct PeriodName: ExpressibleByArgument, Sendable {
    let year: Int
    let month: Int

    init?(argument: String) {
        guard let (year, month) = Period.parse(argument), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    func period(in calendar: BillingCalendar) throws -> Period {
        guard let period = Period(year: year, month: month, calendar: calendar) else {
            throw ValidationError("\(String(format: "%04d-%02d", year, month)) is not a month of the \(calendar) calendar")
        }
        return period
    }
}

extension SiteOptions {
    /// The program's billing calendar; Gregorian when the program cannot be read (the command
    /// then reports the program's problem itself).
    var calendar: BillingCalendar { (try? loadProgram())?.calendar ?? .gregorian }

    /// `--period`, or the last period that has ended, in the program's calendar.
    func period(_ name: PeriodName?) throws -> Period {
        try period(name, calendar: calendar)
    }

    /// `--period`, or the last period that has ended, in `calendar` (the program's, already read).
    func period(_ name: PeriodName?, calendar: BillingCalendar) throws -> Period {
        try name?.period(in: calendar) ?? Period.lastEnded(asOf: CalendarDate.today, calendar: calendar)
    }
}

/// `--shard I/N` or `auto/N` (the index from the batch engine's environment), as given.
func parseShard(_ text: String?) throws -> Shard? {
    guard let text else { return nil }
    switch Shard.parse(text, environment: ProcessInfo.processInfo.environment) {
    case .success(let shard): return shard
    case .failure(let error): throw ValidationError(error.description)
    }
}
