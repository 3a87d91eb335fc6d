import ArgumentParser
import PunchcardPostgres

@main
struct Punchcard: AsyncParsableCommand {
    /// The release; `--version` adds the commit the binary was built from.
    static let version = "0.31.0"

    static let configuration = CommandConfiguration(
        commandName: "punchcard",
        abstract: "A static-site generator for customer-loyalty programs.",
        version: "punchcard \(Punchcard.version) (commit \(buildCommit))",
        subcommands: [InitCommand.self, CheckCommand.self, BuildCommand.self, ImportCommand.self, StatementCommand.self, LinksCommand.self,
                      RotateTokenCommand.self, ServeCommand.self, UnpublishCommand.self, ReportCommand.self, MailCommand.self,
                      SMSCommand.self, FindCommand.self, ExportCommand.self, ForgetCommand.self, WalletCommand.self,
                      ThemeCommand.self])

    /// The member store's databases are chosen here, at the edge: a file path is SQLite, and
    /// `postgres://…` addresses open through the PostgreSQL store.
    static func main() async {
        PostgresStore.register()
        Terminal.checkStandardOutputAtExit()
        await main(nil)
    }
}
