import Foundation
import Testing
import PunchcardPreview

/// The preview server, started on a free loopback port and asked over HTTP. Every wait is bounded.
@Suite(.serialized) struct PreviewServerTests {
    @Test func servesTheSiteWithIndexPagesTypesAndTheReloadScript() async throws {
        let site = try PreviewFixture()
        let first = try await site.start()
        #expect(first.error == nil)

        let home = try await site.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.body.contains("Welcome, first version."))
        #expect(home.body.contains("/_punchcard/live"))
        // The reload script is the server's, never the built file's.
        let built = try String(contentsOf: site.root.appendingPathComponent("output/index.html"), encoding: .utf8)
        #expect(!built.contains("_punchcard"))

        #expect(try await site.get("/assets/style.css").headers["content-type"] == "text/css; charset=utf-8")
        #expect(try await site.get("/assets/logo.svg").headers["content-type"] == "image/svg+xml")
        let token = try site.token("M1")
        let folder = try await site.get("/m/\(token)")
        #expect(folder.status == 301 && folder.headers["location"] == "/m/\(token)/")
        let statement = try await site.get("/m/\(token)/")
        #expect(statement.status == 200 && statement.body.contains("Alice Smith"))
        #expect(try await site.get("/m/\(token)/2026-10.html").status == 200)

        let missing = try await site.get("/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("<html")) // the site's own 404.html
        // Under a language's folder, that site's 404.html: the nearest one up the path.
        try site.write("output/fa/404.html", "<!DOCTYPE html><html lang=\"fa-IR\">persian 404</html>")
        let persian = try await site.get("/fa/no/such/page/")
        #expect(persian.status == 404 && persian.body.contains("persian 404"))
        #expect(!(try await site.get("/no/such/page/")).body.contains("persian 404"))
        await site.server.stop()
    }

    @Test func refusesPathsThatLeaveTheSiteFolder() async throws {
        let site = try PreviewFixture()
        try await site.start()
        // A file beside output/ that a traversal would reach.
        try site.write("secret.txt", "do not serve")
        for target in ["/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                       "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..\\secret.txt",
                       "/%2e%2e%5csecret.txt", "/.punchcard/", "/assets%00/style.css"] {
            let reply = try await site.get(target)
            #expect(!reply.body.contains("do not serve"), "\(target) reached a file outside the site")
            #expect([403, 404, 400].contains(reply.status), "\(target): \(reply.status)")
        }
        #expect(try await site.get("/%2e%2e/secret.txt").status == 403)
        await site.server.stop()
    }

    @Test func aContentChangeIsServedAfterTheRebuild() async throws {
        let site = try PreviewFixture()
        try await site.start()
        try site.write("content/index.md", "---\ntitle: Home\n---\nWelcome, second version.\n")
        let home = try await site.get("/", until: { $0.body.contains("second version") })
        #expect(home.body.contains("Welcome, second version."))
        await site.server.stop()
    }

    @Test func aBrokenTemplateShowsTheErrorAndAFixRecovers() async throws {
        let site = try PreviewFixture()
        try await site.start()
        let template = site.root.appendingPathComponent("templates/page.mustache")
        let good = try String(contentsOf: template, encoding: .utf8)
        try site.write("templates/page.mustache", good + "\n{{#broken}}\n")

        let failed = try await site.get("/", until: { $0.status == 500 })
        #expect(failed.status == 500)
        #expect(failed.body.contains("The site did not build"))
        #expect(failed.body.contains("templates/page.mustache:"))
        #expect(failed.body.contains("/_punchcard/live")) // reloads itself once fixed
        // The previous output is left as it was.
        #expect(try String(contentsOf: site.root.appendingPathComponent("output/index.html"), encoding: .utf8)
            .contains("first version"))

        try site.write("templates/page.mustache", good)
        let fixed = try await site.get("/", until: { $0.status == 200 })
        #expect(fixed.status == 200 && fixed.body.contains("first version"))
        await site.server.stop()
    }

    @Test func aBadProgramFileOrFrontMatterIsShownWithItsPlace() async throws {
        let site = try PreviewFixture()
        try await site.start()
        let program = try String(contentsOf: site.root.appendingPathComponent("content/program.yml"), encoding: .utf8)
        try site.write("content/program.yml", program.replacingOccurrences(of: "threshold: 1000", with: "threshold: lots"))
        let badProgram = try await site.get("/", until: { $0.status == 500 })
        #expect(badProgram.body.contains("content/program.yml:9:"))
        #expect(badProgram.body.contains("threshold"))
        try site.write("content/program.yml", program)
        #expect(try await site.get("/", until: { $0.status == 200 }).status == 200)

        try site.write("content/faq.md", "---\ntitle: [unclosed\n---\nBody\n")
        let badFrontMatter = try await site.get("/", until: { $0.status == 500 })
        #expect(badFrontMatter.body.contains("content/faq.md:3:1") && badFrontMatter.body.contains("invalid YAML"))
        await site.server.stop()
    }

    @Test func onlyLoopbackCountsAsLoopback() {
        #expect(PreviewServer.isLoopback("127.0.0.1") && PreviewServer.isLoopback("::1") && PreviewServer.isLoopback("localhost"))
        #expect(!PreviewServer.isLoopback("0.0.0.0") && !PreviewServer.isLoopback("192.168.1.10") && !PreviewServer.isLoopback("::"))
    }

    @Test func aStoreImportIsServedAfterTheRebuild() async throws {
        let site = try PreviewFixture()
        try await site.start()
        let token = try site.token("M2")
        #expect(try await site.get("/m/\(token)/").body.contains("۳۰۰"))
        try site.write("fix.csv", "txn_id,member_id,posted_on,kind,points\nT9,M2,2026-10-20,earn,400\n")
        try MemberStoreHelper.importLedger(site.root.appendingPathComponent("fix.csv"), into: site.storePath)
        let page = try await site.get("/m/\(token)/", until: { $0.body.contains("۷۰۰") })
        #expect(page.body.contains("۷۰۰"))
        await site.server.stop()
    }

    @Test func theReportIsComputedOncePerChangeOfTheStore() async throws {
        let site = try PreviewFixture()
        try await site.start()
        let first = try await site.get("/_report/")
        #expect(first.status == 200)
        for _ in 0..<3 { #expect(try await site.get("/_report/").body == first.body) }
        #expect(site.server.reportComputations == 1)
        try site.write("fix.csv", "txn_id,member_id,posted_on,kind,points\nT9,M2,2026-10-20,earn,400\n")
        try MemberStoreHelper.importLedger(site.root.appendingPathComponent("fix.csv"), into: site.storePath)
        let changed = try await site.get("/_report/", until: { $0.body != first.body })
        #expect(changed.body != first.body)
        _ = try await site.get("/_report/")
        #expect(site.server.reportComputations >= 2 && site.server.reportComputations <= 3)
        await site.server.stop()
    }

    @Test func openPagesAreToldToReloadAfterABuild() async throws {
        let site = try PreviewFixture()
        try await site.start()
        // The page's event stream, opened as EventSource does, then wait for the first event.
        let port = site.port
        let events = try await offThread { try ReloadListener(port: port) }
        #expect(events.status == 200)
        try site.write("content/index.md", "---\ntitle: Home\n---\nWelcome, third version.\n")
        let message = try await offThread { try events.nextEvent() }
        #expect(message == "reload")
        await site.server.stop()
        // Stopping ends the stream instead of waiting for the page to go away.
        #expect(try await offThread { try events.nextEvent() } == nil)
    }

    @Test func theStaffIndexListsSearchesAndEscapesMembers() async throws {
        let site = try PreviewFixture()
        try await site.start()
        let all = try await site.get("/_members/")
        #expect(all.status == 200)
        #expect(all.body.contains("3 members"))
        #expect(all.body.contains("Alice Smith") && all.body.contains("سارا رضایی"))
        #expect(all.body.contains("&lt;b&gt;Bold&lt;/b&gt; Bob") && !all.body.contains("<b>Bold</b>"))
        #expect(all.body.contains("href=\"/m/\(try site.token("M1"))/\""))
        #expect(all.body.contains("<td>Gold</td><td class=\"number\">1500</td>"))

        let searched = try await site.get("/_members/?q=alice+smith")
        #expect(searched.body.contains("1 member matches “alice smith”") && searched.body.contains("Alice Smith"))
        #expect(!searched.body.contains("Bold"))
        let byID = try await site.get("/_members/?q=M2")
        #expect(byID.body.contains("سارا رضایی") && !byID.body.contains("Alice"))
        let persian = try await site.get("/_members/?q=%D8%B3%D8%A7%D8%B1%D8%A7")
        #expect(persian.body.contains("سارا رضایی"))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("output/_members").path))
        await site.server.stop()
    }
}
