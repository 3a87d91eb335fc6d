import ArgumentParser
import PunchcardStore
#if PostgreSQL
import PunchcardPostgres
#endif

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
        #if PostgreSQL
        PostgresStore.register()
        #else
        MemberStore.register(WithoutPostgres())
        #endif
        Terminal.checkStandardOutputAtExit()
        await main(nil)
    }
}

#if !PostgreSQL
/// A binary built without the PostgreSQL trait says so for a `postgres://` store, instead of
/// looking for a file of that name.
struct WithoutPostgres: ServerStoreOpener {
    var schemes: [String] { ["postgres", "postgresql"] }
    func open(address: String, create: Bool) throws -> any StoreBackend {
        throw StoreError.cannotOpen(path: MemberStore.withoutPassword(address), reason:
            "this punchcard was built without PostgreSQL support (swift build --disable-default-traits); build it with the default traits, or install the Debian package")
    }
}
#endif
