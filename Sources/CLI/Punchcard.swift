import ArgumentParser

@main
struct Punchcard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "punchcard",
        abstract: "A static-site generator for customer-loyalty programs.",
        subcommands: [BuildCommand.self, ImportCommand.self, StatementCommand.self, LinksCommand.self,
                      RotateTokenCommand.self, ServeCommand.self, UnpublishCommand.self, ReportCommand.self, MailCommand.self])
}
