import ArgumentParser
import Foundation
import PunchcardStatements
import PunchcardStore
import PunchcardSupport

/// Where the site is: its root folder (content/, templates/) and its member store.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site's root folder, holding content/ and templates/.")
    var root: String = "."

    @Option(name: .long, help: "The member store (default: members.sqlite in the site's root).")
    var store: String?

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true) }

    var storePath: String { store ?? rootURL.appendingPathComponent(MemberStore.defaultFileName).path }

    /// The folder a build writes to: `--output DIR`, or output/ in the site's folder.
    func outputURL(_ option: String?) -> URL {
        option.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? rootURL.appendingPathComponent("output", isDirectory: true)
    }

    /// The store, which must exist: only `import` and a site's first build create one.
    func openStore() throws -> MemberStore { try MemberStore(path: storePath) }

    func loadProgram() throws -> Program {
        let url = rootURL.appendingPathComponent("content/program.yml")
        let display = root == "." ? "content/program.yml" : url.path
        return try Program.load(from: url, displayPath: display)
    }
}

extension Period: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
