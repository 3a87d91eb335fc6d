import ArgumentParser
import Foundation
import PunchcardSupport
import PunchcardTheme

/// `punchcard theme`: the theme's files and where each comes from; `--eject` copies default files
/// into the site's `templates/` for editing.
struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "List the theme's files (the site's own and the built-in ones), or copy built-in files into templates/ to edit them.",
        discussion: """
            The default theme is built into punchcard: a site needs no templates/ folder. A file in \
            the site's templates/ replaces the built-in file of the same path; a string table \
            (templates/i18n/fa.yml) replaces the built-in words key by key. `--eject` with no FILE \
            copies every built-in file; a FILE may be a file (statement.mustache, \
            mail/statement.html.mustache) or a folder (mail, i18n, partials, assets). A file the site \
            already has is never overwritten.
            """)

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Copy the built-in files (all, or those named) into the site's templates/.")
    var eject = false

    @Argument(help: ArgumentHelp("With --eject: the files or folders to copy (default: all).", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if !eject, !files.isEmpty { throw ValidationError("name files only with --eject (punchcard theme --eject \(files.joined(separator: " ")))") }
    }

    func run() throws {
        let theme = Theme(root: site.rootURL)
        let sink = OutputSink.standardOutput
        guard eject else {
            for path in theme.paths() {
                let origin = !theme.isOwn(path) ? "built-in" : DefaultTheme.text(path) == nil ? "the site's own" : "the site's (replaces the built-in)"
                try sink.write("templates/\(path)\t\(origin)\n")
            }
            try sink.finish()
            return
        }
        do {
            let result = try theme.eject(try Theme.defaultPaths(named: files))
            for path in result.written { try sink.write("wrote templates/\(path)\n") }
            for path in result.kept { try sink.write("kept templates/\(path): the site has its own (not overwritten)\n") }
            try sink.write("\(result.written.count) written, \(result.kept.count) kept\n")
            try sink.finish()
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
