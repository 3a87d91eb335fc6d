import ArgumentParser
import PunchcardPostgres

@main
struct Punchcard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "punchcard",
        abstract: "A static-site generator for customer-loyalty programs.",
        subcommands: [BuildCommand.self, ImportCommand.self, StatementCommand.self, LinksCommand.self,
                      RotateTokenCommand.self, ServeCommand.self, UnpublishCommand.self, ReportCommand.self, MailCommand.self,
                      SMSCommand.self, FindCommand.self, ExportCommand.self, ForgetCommand.self, WalletCommand.self])

    /// The member store's databases are chosen here, at the edge: a file path is SQLite, and
    /// `postgres://…` addresses open through the PostgreSQL store.
    static func main() async {
        PostgresStore.register()
        Terminal.checkStandardOutputAtExit()
        await main(nil)
    }
}
